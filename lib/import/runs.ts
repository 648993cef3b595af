import "server-only";
import { desc } from "drizzle-orm";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import { importRuns } from "@/db/schema";

/**
 * The import_runs rows: the list the import page shows, and how a run that will never finish
 * is recognised. A running import refreshes its row's `heartbeat_at` every HEARTBEAT_SECONDS
 * (lib/import/engine.ts); a `running` row whose heartbeat is older than STALE_IMPORT_MINUTES
 * belongs to an import whose process was killed (or lost its database for that long), and is
 * marked `failed` the next time runs are listed or an import starts. The heartbeat lives in the
 * database, so this works with any number of app instances and command-line imports sharing it.
 */

/** How often a running import says it is alive. */
export const HEARTBEAT_SECONDS = 10;

/** How long without a heartbeat before a running import counts as gone. */
export const STALE_IMPORT_MINUTES = 2;

/** What a run marked failed this way says in its summary. */
export const STALE_IMPORT_ERROR =
  "the import stopped without finishing (its process ended); files it had completed were kept, the file in progress was not";

/** One row of the import page's list of runs. */
export type ImportRunListItem = Pick<typeof importRuns.$inferSelect, "id" | "startedAt" | "source" | "status">;

/** Marks `running` imports without a recent heartbeat as failed; returns how many. */
export async function markStaleImportRuns(sql: postgres.Sql, staleMinutes = STALE_IMPORT_MINUTES): Promise<number> {
  const rows = await sql.unsafe<{ id: number }[]>(
    `update import_runs
        set status = 'failed', finished_at = now(),
            summary = coalesce(summary, '{}'::jsonb) || jsonb_build_object('error', $2::text)
      where status = 'running' and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => $1::double precision)
      returning id`,
    [staleMinutes * 60, STALE_IMPORT_ERROR],
  );
  return rows.length;
}

/** The most recent import runs (CLI and upload), newest first; gone imports are marked failed first. */
export async function listRecentImportRuns(db: Db, limit = 10): Promise<ImportRunListItem[]> {
  await markStaleImportRuns(db.$client);
  return db
    .select({ id: importRuns.id, startedAt: importRuns.startedAt, source: importRuns.source, status: importRuns.status })
    .from(importRuns)
    .orderBy(desc(importRuns.startedAt))
    .limit(limit);
}
