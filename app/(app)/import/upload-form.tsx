"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ImportProgress, ImportReport } from "@/lib/import";

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
  return (
    <div>
      <p className={report.ok ? "form-success" : "form-error"} role="status">
        {report.ok ? t("doneOk") : t("doneWithErrors", { count: report.errors.length })}
      </p>
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
          {report.files.map((f) => (
            <tr key={f.file}>
              <th scope="row">{f.file}</th>
              <td className="num">{f.inserted}</td>
              <td className="num">{f.updated}</td>
              <td className="num">{f.unchanged}</td>
              <td className="num">{f.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.errors.length > 0 ? (
        <>
          <h3>{t("rowErrors")}</h3>
          <ul>
            {report.errors.slice(0, 200).map((e) => (
              <li key={`${e.file}:${e.line}:${e.column}`}>
                <code>
                  {e.file}:{e.line}: {e.column}: {e.reason}
                </code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
