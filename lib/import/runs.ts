import "server-only";
import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importRuns } from "@/db/schema";

/** One row of the import page's list of runs. */
export type ImportRunListItem = Pick<typeof importRuns.$inferSelect, "id" | "startedAt" | "source" | "status">;

/** The most recent import runs (CLI and upload), newest first. */
export async function listRecentImportRuns(db: Db, limit = 10): Promise<ImportRunListItem[]> {
  return db
    .select({ id: importRuns.id, startedAt: importRuns.startedAt, source: importRuns.source, status: importRuns.status })
    .from(importRuns)
    .orderBy(desc(importRuns.startedAt))
    .limit(limit);
}
