import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { loadDataStatus } from "@/lib/dashboard/data-status";
import { formatDateTime } from "@/lib/format";
import styles from "./dashboard.module.css";

/**
 * "When was each source last imported" (issue 14 item 7): a disclosure under the period
 * summary. Its summary line gives the latest import and how many sources have no records; the
 * table lists every contract file with whether it has records and its last import
 * (lib/dashboard/data-status.ts: cheap probes, cached by data version). The page's own
 * requireArea("dashboard") guards it; it shows file names and dates only.
 */
export async function DataSourcesWidget({ timeZone }: { timeZone: string }) {
  const db = await getDb();
  const sources = await loadDataStatus(db);
  const t = await getTranslations("dashboard.sources");
  const format = await getFormatter();
  const latest = sources.reduce<string | null>((m, s) => (s.lastImportedAt !== null && (m === null || s.lastImportedAt > m) ? s.lastImportedAt : m), null);
  const missing = sources.filter((s) => !s.hasData).length;
  return (
    <details className={styles.sources} data-testid="data-sources">
      <summary className={styles.sourcesSummary}>
        {latest === null ? t("summaryNever") : t("summary", { date: formatDateTime(format, latest, timeZone) })}
        {missing > 0 ? (
          <>
            {" "}
            <span className="badge badge-bad" data-testid="data-sources-missing">
              {t("missing", { count: missing })}
            </span>
          </>
        ) : null}
      </summary>
      <p className="muted">{t("intro")}</p>
      <table className="table">
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("file")}</th>
            <th scope="col">{t("records")}</th>
            <th scope="col">{t("lastImported")}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.table} data-source={s.table}>
              <th scope="row">
                <code>{s.file}</code>
              </th>
              <td>{s.hasData ? t("present") : <span className="badge badge-muted">{t("absent")}</span>}</td>
              <td>
                {s.lastImportedAt !== null
                  ? formatDateTime(format, s.lastImportedAt, timeZone)
                  : s.hasData
                    ? t("notRecorded")
                    : t("never")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
