import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { listRecentImportRuns } from "@/lib/import/runs";
import { EmptyState } from "@/components/states/states";
import { formatDateTime } from "@/lib/format";
import { getOrgSettings } from "@/lib/settings/settings";
import styles from "./import.module.css";
import { UploadForm } from "./upload-form";
import { IMPORT_FILE_NAMES } from "./upload-options";

/** The import area: upload CSV exports through the same importer as the CLI; recent runs. */
export default async function ImportPage() {
  await requireArea("import", "edit");
  const t = await getTranslations("importPage");
  const format = await getFormatter();
  const db = await getDb();
  const [runs, settings] = await Promise.all([listRecentImportRuns(db), getOrgSettings(db)]);
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <div className="card">
        <p>{t("intro")}</p>
        <p className="muted">
          {t("files")}: <code className={styles.files}>{IMPORT_FILE_NAMES.join(", ")}</code>
        </p>
        <UploadForm />
      </div>
      <div className="card">
        <h2 id="recent-runs-heading">{t("recentRuns")}</h2>
        {runs.length === 0 ? (
          <EmptyState title={t("noRuns")} />
        ) : (
          <div className={styles.scroll}>
          <table className="table" aria-labelledby="recent-runs-heading">
            <thead>
              <tr>
                <th scope="col">{t("started")}</th>
                <th scope="col">{t("source")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>{formatDateTime(format, run.startedAt, settings.timeZone)}</td>
                  <td>{run.source}</td>
                  <td>
                    <span className={run.status === "succeeded" ? "badge badge-good" : "badge badge-muted"}>
                      {t.has(`statuses.${run.status}`) ? t(`statuses.${run.status}`) : run.status}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </div>
    </section>
  );
}
