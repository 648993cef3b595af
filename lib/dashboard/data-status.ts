import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import type { Db } from "@/db/client";
import { cachedReport } from "@/lib/cache";
import { SOURCE_TABLES, type SourceTable } from "./data-inputs";

/**
 * What the dashboard says about its sources (issue 14 item 7): for each contract file, whether
 * its table holds any record, and when it was last imported.
 *
 * - `hasData`: `exists (select 1 from <table>)` — the first row, never a count.
 * - `lastImportedAt`: the end of the latest finished import run (import_runs, CLI or upload)
 *   that read at least one good row of that file (inserted, updated or unchanged; a file
 *   skipped, rolled back or wholly rejected does not count). A run that changed nothing still
 *   counts: the data was checked against the export then. Null when no run did (rows written
 *   another way have data but no import date).
 *
 * Cheap on any data size: ten first-row probes and one pass over import_runs (one row per
 * run). Cached by the report cache (lib/cache: valid for the data version it was computed at)
 * and keyed by the latest finished run, so an import that changed no row still shows its date.
 */
export interface SourceStatus {
  table: SourceTable;
  /** The contract file (data-contract.md §1). */
  file: string;
  hasData: boolean;
  /** ISO instant (UTC), or null. */
  lastImportedAt: string | null;
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0));

/** The status of every source, computed (no cache). */
export async function computeDataStatus(db: Pick<Db, "execute">): Promise<SourceStatus[]> {
  const probes = sql.join(
    SOURCE_TABLES.map((t) => sql`select ${t}::text as t, exists (select 1 from ${sql.identifier(t)}) as has`),
    sql` union all `,
  );
  const counted = (field: string) =>
    sql`coalesce(case when jsonb_typeof(f -> ${field}) = 'number' then (f ->> ${field})::numeric end, 0)`;
  const [present, runs] = await Promise.all([
    db.execute<{ t: string; has: boolean }>(probes),
    db.execute<{ file: string; at: string | Date | null }>(sql`
      select f ->> 'file' as file, max(r.finished_at) as at
        from import_runs r
        cross join lateral jsonb_array_elements(
          case when jsonb_typeof(r.summary -> 'files') = 'array' then r.summary -> 'files' else '[]'::jsonb end) f
       where r.status <> 'running' and r.finished_at is not null
         and coalesce(f ->> 'skipped', 'false') <> 'true' and coalesce(f ->> 'rolledBack', 'false') <> 'true'
         and ${counted("inserted")} + ${counted("updated")} + ${counted("unchanged")} > 0
       group by 1`),
  ]);
  const has = new Map(present.map((r) => [r.t, r.has === true]));
  const at = new Map(runs.map((r) => [r.file, r.at === null ? null : new Date(r.at).toISOString()]));
  return SOURCE_TABLES.map((table) => {
    const file = `${table}.csv`;
    return { table, file, hasData: has.get(table) ?? false, lastImportedAt: at.get(file) ?? null };
  });
}

/**
 * The status of every source, from the report cache when it is valid (see the module comment).
 * Once per page render (React's per-request cache): the dashboard's tiles and its sources panel
 * both ask.
 */
export const loadDataStatus = cache(async function loadDataStatus(db: Db): Promise<SourceStatus[]> {
  const [latest] = await db.execute<{ id: number | null; at: string | Date | null }>(
    sql`select max(id) as id, max(finished_at) as at from import_runs where finished_at is not null`,
  );
  const params = { run: latest?.id === null || latest?.id === undefined ? 0 : num(latest.id), at: latest?.at ? new Date(latest.at).toISOString() : null };
  return cachedReport(db, { report: "data-status", params }, (reader) => computeDataStatus(reader));
});
