"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ImportReport } from "@/lib/import/types";
import { summarizeReport } from "./report-summary";
import styles from "./import.module.css";

/** Rejected rows listed on the page; the rest are counted. */
const MAX_LISTED_ROWS = 200;

/**
 * An import's (or a dry run's) report: rows per file (inserted, updated, unchanged, rejected)
 * and, after an import, the headline and the rejected rows one per line. One count everywhere:
 * rejected rows of the uploaded files (report-summary.ts).
 */
export function ReportView({ report, mode }: { report: Pick<ImportReport, "files" | "errors">; mode: "dryRun" | "import" }) {
  const t = useTranslations("importPage");
  const format = useFormatter();
  const n = (v: number) => format.number(v);
  const summary = summarizeReport(report);
  return (
    <div className={styles.report}>
      {mode === "import" ? (
        <p className={summary.rejectedCount === 0 ? "form-success" : "form-error"} role="status">
          {summary.rejectedCount === 0 ? t("doneOk") : t("doneWithErrors", { count: summary.rejectedCount })}
        </p>
      ) : null}
      <div className={styles.scroll} role="region" aria-label={t(mode === "dryRun" ? "flow.dryRunCaption" : "countsCaption")} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t(mode === "dryRun" ? "flow.dryRunCaption" : "countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("file")}</th>
              <th scope="col" className="num">{t(mode === "dryRun" ? "flow.wouldInsert" : "inserted")}</th>
              <th scope="col" className="num">{t(mode === "dryRun" ? "flow.wouldUpdate" : "updated")}</th>
              <th scope="col" className="num">{t("unchanged")}</th>
              <th scope="col" className="num">{t("rejected")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.files.map((f, i) => (
              <tr key={`${f.file}\u0000${f.target ?? ""}\u0000${i}`}>
                <th scope="row" className={styles.fileName}>
                  {f.target && f.target !== f.file ? `${f.file} → ${f.target}` : f.file}
                </th>
                <td className="num">{n(f.inserted)}</td>
                <td className="num">{n(f.updated)}</td>
                <td className="num">{n(f.unchanged)}</td>
                <td className="num">{n(f.rejected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mode === "import" && summary.rows.length > 0 ? (
        <>
          <h3 id="rejected-rows-heading">{t("rowErrors")}</h3>
          <div className={styles.scroll} role="region" aria-labelledby="rejected-rows-heading" tabIndex={0}>
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
