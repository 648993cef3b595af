"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ImportProgress, ImportReport } from "@/lib/import";
import { summarizeReport } from "./report-summary";
import styles from "./import.module.css";

/** Rejected rows listed on the page; the rest are counted. */
const MAX_LISTED_ROWS = 200;

type Message =
  | ({ type: "progress" } & ImportProgress)
  | { type: "report"; report: ImportReport }
  | { type: "error"; message: string };

/** Upload form: posts the files, then reads the importer's progress lines as they stream. */
export function UploadForm() {
  const t = useTranslations("importPage");
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setReport(null);
    setError(null);
    setProgress(null);
    try {
      const res = await fetch("/import/upload", { method: "POST", body: new FormData(event.currentTarget) });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { field: string | null; message: string } } | null;
        setError(body?.error ?? { field: null, message: t("failed") });
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
          const msg = JSON.parse(line) as Message;
          if (msg.type === "progress") setProgress(msg);
          else if (msg.type === "report") setReport(msg.report);
          else setError({ field: null, message: msg.message });
        }
      }
      router.refresh();
    } catch {
      setError({ field: null, message: t("failed") });
    } finally {
      setBusy(false);
    }
  }

  const filesError = error?.field === "files" ? error.message : null;
  return (
    <>
      <form onSubmit={submit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-files`}>{t("chooseFiles")}</label>
          <input
            id={`${id}-files`}
            name="files"
            type="file"
            accept=".csv,text/csv"
            multiple
            required
            aria-invalid={filesError ? true : undefined}
            aria-describedby={filesError ? `${id}-files-error` : undefined}
          />
          {filesError ? (
            <p id={`${id}-files-error`} className="field-error">
              {filesError}
            </p>
          ) : null}
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-preset`}>{t("preset")}</label>
            <select id={`${id}-preset`} name="preset" defaultValue="">
              <option value="">{t("presetCanonical")}</option>
              <option value="hubspot">HubSpot</option>
              <option value="salesforce">Salesforce</option>
            </select>
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="strict" /> {t("strict")}
            </label>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t("importing") : t("import")}
        </button>
      </form>
      <div aria-live="polite">
        {busy && progress ? (
          <p>
            <label htmlFor={`${id}-progress`}>
              {t("progress", { file: progress.file, rows: progress.rows })}
            </label>{" "}
            <progress id={`${id}-progress`} max={progress.bytesTotal || 1} value={progress.bytesRead} />
          </p>
        ) : null}
        {error && error.field !== "files" ? (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        {report ? <ReportView report={report} /> : null}
      </div>
    </>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const t = useTranslations("importPage");
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  // One count everywhere: rejected rows of the uploaded files (report-summary.ts).
  const summary = summarizeReport(report);
  return (
    <div className={styles.report}>
      <p className={summary.rejectedCount === 0 ? "form-success" : "form-error"} role="status">
        {summary.rejectedCount === 0 ? t("doneOk") : t("doneWithErrors", { count: summary.rejectedCount })}
      </p>
      <div className={styles.scroll}>
        <table className="table">
          <caption className="visually-hidden">{t("countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("file")}</th>
              <th scope="col" className="num">{t("inserted")}</th>
              <th scope="col" className="num">{t("updated")}</th>
              <th scope="col" className="num">{t("unchanged")}</th>
              <th scope="col" className="num">{t("rejected")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.files.map((f) => (
              <tr key={f.file}>
                <th scope="row">{f.file}</th>
                <td className="num">{n(f.inserted)}</td>
                <td className="num">{n(f.updated)}</td>
                <td className="num">{n(f.unchanged)}</td>
                <td className="num">{n(f.rejected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.rows.length > 0 ? (
        <>
          <h3 id="rejected-rows-heading">{t("rowErrors")}</h3>
          <div className={styles.scroll}>
            <table className="table" aria-labelledby="rejected-rows-heading" data-testid="rejected-rows">
              <thead>
                <tr>
                  <th scope="col">{t("file")}</th>
                  <th scope="col" className="num">{t("line")}</th>
                  <th scope="col">{t("problems")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.rows.slice(0, MAX_LISTED_ROWS).map((r) => (
                  <tr key={`${r.file}:${r.line}`}>
                    <th scope="row">{r.file}</th>
                    <td className="num">{r.line}</td>
                    <td>
                      <ul className={styles.problems}>
                        {r.problems.map((p, i) => (
                          <li key={i}>
                            <code>
                              {r.file}:{r.line}: {p.column}: {p.reason}
                            </code>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.rows.length > MAX_LISTED_ROWS || summary.unlisted > 0 ? (
            <p className="muted">{t("moreRows", { count: summary.rejectedCount - Math.min(summary.rows.length, MAX_LISTED_ROWS) })}</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
