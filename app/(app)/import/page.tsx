import { asc } from "drizzle-orm";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { teamMembers } from "@/db/schema";
import { requireArea } from "@/lib/authz/guard";
import { CHANNELS, CLOSED_STAGES, OPEN_STAGES } from "@/lib/enums";
import { listRecentImportRuns } from "@/lib/import/runs";
import { FILE_SPECS } from "@/lib/import/specs";
import { importMaxUpload } from "@/lib/import/upload";
import { EmptyState } from "@/components/states/states";
import { formatDateTime } from "@/lib/format";
import { getOrgSettings } from "@/lib/settings/settings";
import styles from "./import.module.css";
import { ImportFlow } from "./import-flow";
import { listSavedMappings } from "./mapping-api";

/** Team members' e-mails proposed for owners (the first ones, alphabetically). */
const OWNER_SUGGESTIONS = 500;

/**
 * The import area (admins only): the guided import of CRM exports (import-flow.tsx, issue 14
 * item 6) and the recent runs.
 */
export default async function ImportPage() {
  await requireArea("import", "edit");
  const t = await getTranslations("importPage");
  const format = await getFormatter();
  const db = await getDb();
  const [runs, settings, saved, owners] = await Promise.all([
    listRecentImportRuns(db),
    getOrgSettings(db),
    listSavedMappings(db),
    db.select({ email: teamMembers.email }).from(teamMembers).orderBy(asc(teamMembers.email)).limit(OWNER_SUGGESTIONS),
  ]);
  const canonicalColumns = Object.fromEntries(FILE_SPECS.map((s) => [s.file, s.columns.map((c) => c.name)]));
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <div className="card">
        <p>{t("intro")}</p>
        <ImportFlow
          savedMappings={saved.map((m) => ({ name: m.name, crm: m.crm, version: m.version }))}
          canonicalColumns={canonicalColumns}
          stages={{ open: OPEN_STAGES, won: CLOSED_STAGES[0], lost: CLOSED_STAGES[1] }}
          channels={CHANNELS}
          owners={owners.map((o) => o.email)}
          maxUploadMb={importMaxUpload().mb}
        />
      </div>
      <div className="card">
        <h2 id="recent-runs-heading">{t("recentRuns")}</h2>
        {runs.length === 0 ? (
          <EmptyState title={t("noRuns")} />
        ) : (
          <div className={styles.scroll} role="region" aria-labelledby="recent-runs-heading" tabIndex={0}>
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
