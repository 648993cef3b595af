"use client";

import { useEffect, useId, useReducer, useRef, useState, type DragEvent, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action";
import type { ImportProgress } from "@/lib/import/types";
import type { Analysis, AnalysedFile, DateOrder, ErrorGroup, ValueKind, WarningGroup } from "@/lib/import/mapping/contract";
import { FormStatus } from "@/components/forms/form-status";
import { FieldError } from "@/components/forms/field-error";
import { useActionError } from "@/components/forms/use-action-form";
import { EmptyState, ErrorState } from "@/components/states/states";
import { analyseAction, discardUploadAction, saveMappingAction } from "./actions";
import {
  FLOW_STEPS,
  INITIAL_FLOW,
  canOpen,
  chosenValue,
  flowReducer,
  hasRecognisedFile,
  mappingKey,
  nextStep,
  previousStep,
  unmappedValues,
  valueRows,
  type RunReport,
  type ValueRow,
} from "./flow-state";
import { groupsForDisplay, totalCount } from "./error-groups";
import { ReportView } from "./report-view";
import { summarizeReport } from "./report-summary";
import styles from "./import.module.css";

/** What the page gives the flow: saved mappings, the choices of each select, the upload limit. */
export type ImportFlowProps = {
  savedMappings: { name: string; crm: string; version: number }[];
  /** Contract file (deals.csv) → its canonical columns, for the column selects. */
  canonicalColumns: Record<string, string[]>;
  stages: { open: readonly string[]; won: string; lost: string };
  channels: readonly string[];
  /** Known team members' e-mails, proposed for owners. */
  owners: string[];
  maxUploadMb: number;
};

type RunMessage = ({ type: "progress" } & ImportProgress) | { type: "report"; report: RunReport } | { type: "error"; message: string };
type Busy = { kind: "upload"; percent: number } | { kind: "analyse" } | { kind: "dryRun" | "import"; progress: ImportProgress | null } | null;
type Problem = { field: string | null; message: string } | null;

/**
 * The guided import (issue 14 item 6): drop files → detected objects and columns → preview →
 * unknown values → dry run → import → summary. The steps' logic is flow-state.ts; this renders
 * them and talks to the server (upload/route.ts, run/route.ts, actions.ts). Each step's heading
 * takes the focus when the step opens; progress and outcomes are announced in a live region.
 */
export function ImportFlow(props: ImportFlowProps) {
  const t = useTranslations("importPage");
  const router = useRouter();
  const id = useId();
  const [state, dispatch] = useReducer(flowReducer, INITIAL_FLOW);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<Problem>(null);
  /** The columns or the date order changed since the last analysis: the preview must be refreshed. */
  const [stale, setStale] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const actionError = useActionError("importPage");

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.step]);

  /** Analyses the upload again (changed columns, date order, or a saved mapping to start from). */
  async function reanalyse(opts: { savedName?: string } = {}): Promise<Analysis | null> {
    if (!state.uploadId) return null;
    setBusy({ kind: "analyse" });
    setProblem(null);
    try {
      const answer: ActionState<Analysis> = await analyseAction({}, {
        uploadId: state.uploadId,
        ...(opts.savedName ? { savedName: opts.savedName } : state.mapping ? { mapping: state.mapping } : {}),
      });
      if (!answer.ok || !answer.data) {
        setProblem({ field: null, message: actionError(answer) ?? t("failed") });
        return null;
      }
      dispatch({ type: "analysed", uploadId: state.uploadId, analysis: answer.data, ...(opts.savedName ? { savedName: opts.savedName } : {}) });
      setStale(false);
      return answer.data;
    } catch {
      setProblem({ field: null, message: t("failed") });
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function goNext() {
    const next = nextStep(state.step);
    if (!next) return;
    if (stale && (await reanalyse()) === null) return;
    dispatch({ type: "goTo", step: next });
  }

  function upload(form: HTMLFormElement) {
    const data = new FormData(form);
    setProblem(null);
    setBusy({ kind: "upload", percent: 0 });
    // XMLHttpRequest, not fetch: only it reports the upload's progress.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/import/upload");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setBusy({ kind: "upload", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setBusy({ kind: "analyse" });
    xhr.onload = () => {
      setBusy(null);
      const body = xhr.response as { uploadId?: string; analysis?: Analysis; error?: { field: string | null; message: string } } | null;
      if (xhr.status === 200 && body?.uploadId && body.analysis) {
        const saved = data.get("savedName");
        dispatch({ type: "analysed", uploadId: body.uploadId, analysis: body.analysis, savedName: typeof saved === "string" && saved ? saved : null });
      } else {
        setProblem(body?.error ?? { field: null, message: t("failed") });
      }
    };
    xhr.onerror = () => {
      setBusy(null);
      setProblem({ field: null, message: t("failed") });
    };
    xhr.send(data);
  }

  async function run(dryRun: boolean) {
    if (!state.uploadId || !state.mapping) return;
    setProblem(null);
    setBusy({ kind: dryRun ? "dryRun" : "import", progress: null });
    if (!dryRun) dispatch({ type: "importStarted" });
    try {
      const res = await fetch("/import/run", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ uploadId: state.uploadId, mapping: state.mapping, dryRun }),
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { field: string | null; message: string } } | null;
        setProblem(body?.error ?? { field: null, message: t("failed") });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const msg = JSON.parse(line) as RunMessage;
          if (msg.type === "progress") setBusy({ kind: dryRun ? "dryRun" : "import", progress: msg });
          else if (msg.type === "report") dispatch(dryRun ? { type: "dryRunDone", report: msg.report } : { type: "importDone", report: msg.report });
          else setProblem({ field: null, message: msg.message });
        }
      }
      if (!dryRun) router.refresh();
    } catch {
      setProblem({ field: null, message: t("failed") });
    } finally {
      setBusy(null);
    }
  }

  async function startOver() {
    if (state.uploadId && !state.result) await discardUploadAction({}, { uploadId: state.uploadId }).catch(() => null);
    setProblem(null);
    setStale(false);
    dispatch({ type: "reset" });
  }

  const step = state.step;
  const isBusy = busy !== null;
  const unmapped = unmappedValues(state);
  const next = nextStep(step);
  const prev = previousStep(step);
  const showNav = step !== "files" && step !== "summary" && step !== "import";

  return (
    <div className={styles.flow}>
      <nav aria-label={t("flow.stepsLabel")}>
        <ol className={styles.steps}>
          {FLOW_STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                className={styles.stepButton}
                aria-current={s === step ? "step" : undefined}
                disabled={isBusy || s === step || !canOpen(state, s)}
                onClick={() => dispatch({ type: "goTo", step: s })}
              >
                <span className={styles.stepNumber} aria-hidden="true">
                  {i + 1}
                </span>{" "}
                {t(`flow.steps.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      <h2 ref={headingRef} tabIndex={-1} className={styles.stepHeading}>
        {t("flow.stepOf", { n: FLOW_STEPS.indexOf(step) + 1, total: FLOW_STEPS.length, name: t(`flow.steps.${step}`) })}
      </h2>

      <div aria-live="polite" aria-atomic="true" className={styles.live}>
        {busy ? <BusyLine busy={busy} id={id} /> : null}
      </div>
      {problem && problem.field !== "files" ? (
        <p className="form-error" role="alert">
          {problem.message}
        </p>
      ) : null}

      {step === "files" ? (
        <FilesStep id={id} busy={isBusy} problem={problem} savedMappings={props.savedMappings} maxUploadMb={props.maxUploadMb} onUpload={upload} />
      ) : null}
      {step === "columns" && state.analysis && state.mapping ? (
        <ColumnsStep
          id={id}
          analysis={state.analysis}
          dateOrder={state.mapping.dateOrder}
          columns={state.mapping.columns}
          canonicalColumns={props.canonicalColumns}
          savedMappings={props.savedMappings}
          savedName={state.savedName}
          busy={isBusy}
          onColumn={(object, header, canonical) => {
            dispatch({ type: "setColumn", object, header, canonical });
            setStale(true);
          }}
          onDateOrder={(order) => {
            dispatch({ type: "setDateOrder", dateOrder: order });
            setStale(true);
          }}
          onUseSaved={(name) => void reanalyse({ savedName: name })}
        />
      ) : null}
      {step === "preview" && state.analysis ? <PreviewStep analysis={state.analysis} /> : null}
      {step === "values" && state.analysis && state.mapping ? (
        <ValuesStep
          id={id}
          unknown={valueRows(state.analysis.unknownValues)}
          chosen={(u) => chosenValue(state.mapping, u)}
          unmapped={unmapped.length}
          stages={props.stages}
          channels={props.channels}
          owners={props.owners}
          onValue={(kind, value, canonical) => dispatch({ type: "setValue", kind, value, canonical })}
        />
      ) : null}
      {step === "dryRun" ? (
        <DryRunStep
          report={state.dryRun}
          busy={isBusy}
          onDryRun={() => void run(true)}
          onImport={() => void run(false)}
          save={
            state.mapping ? (
              <SaveMapping id={id} mapping={state.mapping} savedName={state.savedName} savedMappings={props.savedMappings} />
            ) : null
          }
        />
      ) : null}
      {step === "import" ? <p className="muted">{t("flow.importing")}</p> : null}
      {step === "summary" && state.result ? (
        <SummaryStep report={state.result} onAgain={() => void startOver()} />
      ) : null}

      {showNav ? (
        <div className={styles.navButtons}>
          {prev ? (
            <button type="button" className="btn" disabled={isBusy || !canOpen(state, prev)} onClick={() => dispatch({ type: "goTo", step: prev })}>
              {t("flow.back")}
            </button>
          ) : null}
          {next && step !== "dryRun" ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={isBusy || (step === "values" ? unmapped.length > 0 : !hasRecognisedFile(state.analysis))}
              onClick={() => void goNext()}
            >
              {t("flow.next")}
            </button>
          ) : null}
          <button type="button" className="btn" disabled={isBusy} onClick={() => void startOver()}>
            {t("flow.startOver")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function BusyLine({ busy, id }: { busy: NonNullable<Busy>; id: string }) {
  const t = useTranslations("importPage");
  if (busy.kind === "upload") {
    return (
      <p>
        <label htmlFor={`${id}-upload-progress`}>{t("flow.uploading", { percent: busy.percent })}</label>{" "}
        <progress id={`${id}-upload-progress`} max={100} value={busy.percent} />
      </p>
    );
  }
  if (busy.kind === "analyse") return <p>{t("flow.analysing")}</p>;
  const p = busy.progress;
  const label = busy.kind === "dryRun" ? t("flow.dryRunning") : t("importing");
  return (
    <p>
      <label htmlFor={`${id}-run-progress`}>{p ? `${label} ${t("progress", { file: p.file, rows: p.rows })}` : label}</label>{" "}
      <progress id={`${id}-run-progress`} max={p?.bytesTotal || 1} value={p ? p.bytesRead : undefined} />
    </p>
  );
}

function FilesStep(props: {
  id: string;
  busy: boolean;
  problem: Problem;
  savedMappings: ImportFlowProps["savedMappings"];
  maxUploadMb: number;
  onUpload: (form: HTMLFormElement) => void;
}) {
  const t = useTranslations("importPage");
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [names, setNames] = useState<string[]>([]);
  const filesError = props.problem?.field === "files" ? props.problem.message : null;
  const inputId = `${props.id}-files`;

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!inputRef.current || e.dataTransfer.files.length === 0) return;
    inputRef.current.files = e.dataTransfer.files;
    setNames([...e.dataTransfer.files].map((f) => f.name));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    props.onUpload(e.currentTarget);
  };
  return (
    <form onSubmit={onSubmit} aria-busy={props.busy} noValidate={false}>
      <div
        className={`${styles.dropZone} ${dragging ? styles.dragging : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId}>{t("flow.chooseFiles")}</label>
        <p id={`${inputId}-hint`} className="muted">
          {t("flow.filesHint", { mb: props.maxUploadMb })}
        </p>
        <input
          ref={inputRef}
          id={inputId}
          name="files"
          type="file"
          accept=".csv,.xlsx,.zip,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple
          required
          onChange={(e) => setNames([...(e.currentTarget.files ?? [])].map((f) => f.name))}
          aria-invalid={filesError ? true : undefined}
          aria-describedby={`${inputId}-hint${filesError ? ` ${inputId}-error` : ""}`}
        />
        {names.length > 0 ? (
          <ul className={styles.fileNames} aria-label={t("flow.chosenFiles")}>
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <FieldError id={`${inputId}-error`} message={filesError} />
      </div>
      {props.savedMappings.length > 0 ? (
        <div className="field">
          <label htmlFor={`${props.id}-saved`}>{t("flow.savedMapping")}</label>
          <select id={`${props.id}-saved`} name="savedName" defaultValue="">
            <option value="">{t("flow.noSavedMapping")}</option>
            {props.savedMappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        {t("flow.uploadAndAnalyse")}
      </button>
    </form>
  );
}

/** "HubSpot · deals → deals.csv" or "not recognised". */
function FileBadge({ file }: { file: AnalysedFile }) {
  const t = useTranslations("importPage");
  if (!file.target) return <span className="badge badge-bad">{t("flow.notRecognised")}</span>;
  return (
    <span className="badge badge-good">
      {t(`flow.crm.${file.crm}`)}
      {file.object ? ` · ${t(`flow.objects.${file.object}`)}` : ""} → {file.target}
    </span>
  );
}

function ColumnsStep(props: {
  id: string;
  analysis: Analysis;
  dateOrder: DateOrder;
  columns: Analysis["mapping"]["columns"];
  canonicalColumns: Record<string, string[]>;
  savedMappings: ImportFlowProps["savedMappings"];
  savedName: string | null;
  busy: boolean;
  onColumn: (object: NonNullable<AnalysedFile["object"]>, header: string, canonical: string) => void;
  onDateOrder: (order: DateOrder) => void;
  onUseSaved: (name: string) => void;
}) {
  const t = useTranslations("importPage");
  const [saved, setSaved] = useState(props.savedName ?? "");
  const recognised = hasRecognisedFile(props.analysis);
  return (
    <div className={styles.stepBody}>
      {!recognised ? (
        <ErrorState title={t("flow.nothingRecognised")}>
          <p>{t("flow.nothingRecognisedHint")}</p>
        </ErrorState>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${props.id}-date-order`}>{t("flow.dateOrder")}</label>
          <select
            id={`${props.id}-date-order`}
            value={props.dateOrder}
            onChange={(e) => props.onDateOrder(e.currentTarget.value as DateOrder)}
            disabled={props.busy}
          >
            {(["mdy", "dmy", "ymd"] as const).map((o) => (
              <option key={o} value={o}>
                {t(`flow.dateOrders.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {props.savedMappings.length > 0 ? (
          <div className="field">
            <label htmlFor={`${props.id}-use-saved`}>{t("flow.savedMapping")}</label>
            <div className={styles.inline}>
              <select id={`${props.id}-use-saved`} value={saved} onChange={(e) => setSaved(e.currentTarget.value)}>
                <option value="">{t("flow.noSavedMapping")}</option>
                {props.savedMappings.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button type="button" className="btn" disabled={props.busy || !saved} onClick={() => props.onUseSaved(saved)}>
                {t("flow.useSaved")}
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {props.analysis.files.map((file, fi) => {
        const headingId = `${props.id}-file-${fi}`;
        const object = file.object;
        const options = file.target ? (props.canonicalColumns[file.target] ?? []) : [];
        return (
          <section key={file.name} aria-labelledby={headingId} className={styles.fileCard}>
            <h3 id={headingId} className={styles.fileName}>
              {file.name}
            </h3>
            <p>
              <FileBadge file={file} /> <span className="muted">{t("flow.rows", { count: file.rows })}</span>
            </p>
            {file.reason ? <p className="muted">{file.reason}</p> : null}
            {file.missing.length > 0 ? (
              <p className="form-error" role="alert">
                {t("flow.missing", { columns: file.missing.join(", ") })}
              </p>
            ) : null}
            {file.target && file.columns.length > 0 ? (
              <div className={styles.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
                <table className="table">
                  <caption className="visually-hidden">{t("flow.columnsCaption", { file: file.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("flow.yourColumn")}</th>
                      <th scope="col">{t("flow.becomes")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {file.columns.map((c, ci) => {
                      if (!object) {
                        // The data contract's own file: its columns are read as they are named.
                        return (
                          <tr key={`${c.header}-${ci}`}>
                            <th scope="row">{c.header}</th>
                            <td>{c.canonical ?? <span className="muted">{t("flow.ignored")}</span>}</td>
                          </tr>
                        );
                      }
                      const selectId = `${props.id}-col-${fi}-${ci}`;
                      const chosen = props.columns[object]?.[mappingKey(c.header)];
                      const value = chosen !== undefined ? chosen : (c.canonical ?? "");
                      return (
                        <tr key={`${c.header}-${ci}`}>
                          <th scope="row">
                            <label htmlFor={selectId}>{c.header}</label>
                          </th>
                          <td>
                            <select id={selectId} value={value} disabled={props.busy} onChange={(e) => props.onColumn(object, c.header, e.currentTarget.value)}>
                              <option value="">{t("flow.ignore")}</option>
                              {options.map((o) => (
                                <option key={o} value={o}>
                                  {o}
                                </option>
                              ))}
                              {value && !options.includes(value) ? <option value={value}>{value.replace(/^@/, "")}</option> : null}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function PreviewStep({ analysis }: { analysis: Analysis }) {
  const t = useTranslations("importPage");
  const files = analysis.files.filter((f) => f.target !== null);
  return (
    <div className={styles.stepBody}>
      <p className="muted">{t("flow.previewIntro")}</p>
      {files.map((file, fi) => {
        const columns = [...new Set(file.preview.flatMap((r) => Object.keys(r.values)))];
        const headingId = `preview-${fi}`;
        return (
          <section key={file.name} aria-labelledby={headingId} className={styles.fileCard}>
            <h3 id={headingId} className={styles.fileName}>
              {file.name} → {file.target}
            </h3>
            {file.preview.length === 0 ? (
              <EmptyState title={t("flow.noRows")} />
            ) : (
              <div className={styles.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
                <table className="table">
                  <caption className="visually-hidden">{t("flow.previewCaption", { file: file.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t("line")}
                      </th>
                      {columns.map((c) => (
                        <th scope="col" key={c}>
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {file.preview.map((r) => (
                      <tr key={r.row}>
                        <th scope="row" className="num">
                          {r.row}
                        </th>
                        {columns.map((c) => (
                          <td key={c} className={styles.cell}>
                            {r.values[c] ?? <span className="muted">—</span>}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}

function ValuesStep(props: {
  id: string;
  unknown: ValueRow[];
  chosen: (u: ValueRow) => string | null;
  unmapped: number;
  stages: ImportFlowProps["stages"];
  channels: readonly string[];
  owners: string[];
  onValue: (kind: ValueKind, value: string, canonical: string) => void;
}) {
  const t = useTranslations("importPage");
  const format = useFormatter();
  if (props.unknown.length === 0) return <EmptyState title={t("flow.noUnknownValues")} />;
  const kinds = (["stage", "source", "owner"] as const).filter((k) => props.unknown.some((u) => u.kind === k));
  return (
    <div className={styles.stepBody}>
      <p className={props.unmapped > 0 ? "form-error" : "form-success"} role="status">
        {props.unmapped > 0 ? t("flow.unmapped", { count: props.unmapped }) : t("flow.allMapped")}
      </p>
      <datalist id={`${props.id}-owners`}>
        {props.owners.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {kinds.map((kind) => {
        const headingId = `${props.id}-kind-${kind}`;
        return (
          <section key={kind} aria-labelledby={headingId}>
            <h3 id={headingId}>{t(`flow.kinds.${kind}`)}</h3>
            <div className={styles.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("flow.yourValue")}</th>
                    <th scope="col" className="num">
                      {t("flow.rowsHeader")}
                    </th>
                    <th scope="col">{t("flow.mapsTo")}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.unknown
                    .filter((u) => u.kind === kind)
                    .map((u, i) => {
                      const fieldId = `${props.id}-value-${kind}-${i}`;
                      const value = props.chosen(u) ?? "";
                      return (
                        <tr key={u.value}>
                          <th scope="row">
                            <label htmlFor={fieldId}>
                              {u.value || t("flow.emptyValue")} <span className="muted">({u.columns.join(", ")})</span>
                            </label>
                          </th>
                          <td className="num">{format.number(u.rows)}</td>
                          <td>
                            {kind === "owner" ? (
                              <input
                                id={fieldId}
                                type="email"
                                list={`${props.id}-owners`}
                                defaultValue={value}
                                aria-invalid={value ? undefined : true}
                                onChange={(e) => {
                                  const typed = e.currentTarget.value.trim();
                                  // Only a whole e-mail address counts as a choice.
                                  props.onValue(kind, u.value, /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed) ? typed : "");
                                }}
                              />
                            ) : (
                              <select
                                id={fieldId}
                                value={value}
                                aria-invalid={value ? undefined : true}
                                onChange={(e) => props.onValue(kind, u.value, e.currentTarget.value)}
                              >
                                <option value="">{t("flow.choose")}</option>
                                {kind === "stage" ? (
                                  <>
                                    <optgroup label={t("flow.openStages")}>
                                      {props.stages.open.map((s) => (
                                        <option key={s} value={s}>
                                          {s}
                                        </option>
                                      ))}
                                    </optgroup>
                                    <optgroup label={t("flow.closedStages")}>
                                      <option value={props.stages.won}>{props.stages.won}</option>
                                      <option value={props.stages.lost}>{props.stages.lost}</option>
                                    </optgroup>
                                  </>
                                ) : (
                                  props.channels.map((c) => (
                                    <option key={c} value={c}>
                                      {c}
                                    </option>
                                  ))
                                )}
                              </select>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** Errors (or warnings) grouped by cause: the customer's column, why, the rows, what to change. */
function Groups({ groups, kind }: { groups: readonly (ErrorGroup | WarningGroup)[]; kind: "errors" | "warnings" }) {
  const t = useTranslations("importPage");
  const format = useFormatter();
  if (groups.length === 0) return null;
  const headingId = `groups-${kind}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(kind === "errors" ? "flow.errorGroups" : "flow.warningGroups", { count: totalCount(groups) })}
      </h3>
      <ul className={styles.groups} data-testid={`${kind}-groups`}>
        {groupsForDisplay(groups).map((g) => (
          <li key={g.key} className={kind === "errors" ? styles.groupError : styles.groupWarning}>
            <p>
              <strong>{t("flow.groupColumn", { column: g.column })}</strong> {g.reason}{" "}
              <span className="muted">({g.file})</span>
            </p>
            <p>
              {t("flow.groupRows", { count: g.count, rows: g.rowsText })}
              {g.moreRows > 0 ? ` ${t("flow.moreRows", { count: format.number(g.moreRows) })}` : ""}
            </p>
            {"hint" in g && g.hint ? <p className={styles.hint}>{t("flow.hint", { hint: g.hint })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DryRunStep(props: { report: RunReport | null; busy: boolean; onDryRun: () => void; onImport: () => void; save: React.ReactNode }) {
  const t = useTranslations("importPage");
  const r = props.report;
  // Rows, as the import's headline counts them (a row with two problems is one row).
  const rejected = r ? summarizeReport(r).rejectedCount : 0;
  return (
    <div className={styles.stepBody}>
      <p className="muted">{t("flow.dryRunIntro")}</p>
      <div className={styles.inline}>
        <button type="button" className={r ? "btn" : "btn btn-primary"} disabled={props.busy} onClick={props.onDryRun}>
          {r ? t("flow.dryRunAgain") : t("flow.dryRun")}
        </button>
        {r ? (
          <button type="button" className="btn btn-primary" disabled={props.busy} onClick={props.onImport}>
            {t("import")}
          </button>
        ) : null}
      </div>
      {r ? (
        <>
          <p className={rejected === 0 ? "form-success" : "form-error"} role="status">
            {rejected === 0 ? t("flow.dryRunOk") : t("flow.dryRunErrors", { count: rejected })}
          </p>
          <ReportView report={r} mode="dryRun" />
          <Groups groups={r.errorGroups} kind="errors" />
          <Groups groups={r.warnings} kind="warnings" />
        </>
      ) : null}
      {props.save}
    </div>
  );
}

function SaveMapping(props: { id: string; mapping: NonNullable<Analysis["mapping"]>; savedName: string | null; savedMappings: ImportFlowProps["savedMappings"] }) {
  const t = useTranslations("importPage");
  const [state, setState] = useState<ActionState<{ name: string; version: number }>>({});
  const [pending, setPending] = useState(false);
  const [versions, setVersions] = useState<Record<string, number>>(() =>
    Object.fromEntries(props.savedMappings.map((m) => [m.name.toLowerCase(), m.version])),
  );
  const actionError = useActionError("importPage");
  const nameId = `${props.id}-mapping-name`;
  const nameError = state.ok === false ? (state.fieldErrors?.name?.join(" ") ?? null) : null;
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    setPending(true);
    const version = versions[name.toLowerCase()];
    const answer = await saveMappingAction({}, { name, mapping: props.mapping, ...(version ? { version } : {}) }).catch(
      (): ActionState<{ name: string; version: number }> => ({ ok: false, code: "unexpected" }),
    );
    if (answer.ok && answer.data) setVersions((v) => ({ ...v, [answer.data!.name.toLowerCase()]: answer.data!.version }));
    setState(answer);
    setPending(false);
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} className={styles.saveForm} aria-labelledby={`${nameId}-heading`} noValidate>
      <h3 id={`${nameId}-heading`}>{t("flow.saveHeading")}</h3>
      <div className="field">
        <label htmlFor={nameId}>{t("flow.mappingName")}</label>
        <input
          id={nameId}
          name="name"
          type="text"
          defaultValue={props.savedName ?? ""}
          maxLength={100}
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${nameId}-error` : undefined}
        />
        <FieldError id={`${nameId}-error`} message={nameError} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("flow.saveMapping")}
      </button>
      <FormStatus
        error={state.ok === false && !nameError ? actionError(state) : null}
        success={state.ok && state.data ? t("flow.saved", { name: state.data.name }) : null}
      />
    </form>
  );
}

function SummaryStep({ report, onAgain }: { report: RunReport; onAgain: () => void }) {
  const t = useTranslations("importPage");
  return (
    <div className={styles.stepBody}>
      <ReportView report={report} mode="import" />
      <Groups groups={report.errorGroups} kind="errors" />
      <Groups groups={report.warnings} kind="warnings" />
      <div className={styles.inline}>
        <Link href="/dashboard" className="btn btn-primary">
          {t("flow.toDashboard")}
        </Link>
        <button type="button" className="btn" onClick={onAgain}>
          {t("flow.importMore")}
        </button>
      </div>
    </div>
  );
}
