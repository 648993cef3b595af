import "server-only";
import type postgres from "postgres";

/**
 * The versions of the report inputs (db/schema/cache.ts, migration 0010): `data` (the domain
 * tables: every import, every app write) and `settings` (organisation_settings). Both only grow,
 * and move when — and only when — a write to their tables commits: statement triggers insert one
 * row per writing transaction, visible at its commit. A writer outside those tables whose
 * writes change a report calls `bumpReportVersion` in its transaction.
 */
export interface ReportVersions {
  data: number;
  settings: number;
}

type Runner = Pick<postgres.Sql, "unsafe"> | Pick<postgres.TransactionSql, "unsafe">;

/** The versions as SQL returning one row (data, settings): used alone and inside the cache's look-up. */
export const VERSIONS_SQL = `
  select (select v.n from report_data_version v where v.scope = 'data')
           + (select count(*) from report_data_changes c where c.scope = 'data') as data,
         (select v.n from report_data_version v where v.scope = 'settings')
           + (select count(*) from report_data_changes c where c.scope = 'settings') as settings`;

export async function readVersions(sql: Runner): Promise<ReportVersions> {
  const [row] = await sql.unsafe<{ data: string | number; settings: string | number }[]>(VERSIONS_SQL);
  if (!row) throw new Error("report versions: no row (is migration 0010 applied?)");
  return { data: Number(row.data), settings: Number(row.settings) };
}

/**
 * Marks the current transaction as a change of report inputs (for writers of tables without the
 * trigger). Call it with the transaction's handle, so the mark commits or rolls back with it.
 */
export async function bumpReportVersion(tx: Runner, scope: keyof ReportVersions = "data"): Promise<void> {
  await tx.unsafe("select report_bump_version($1)", [scope]);
}

/**
 * Folds the change rows of each scope into its base count, in one statement per scope (every
 * snapshot sees the same sum before and after; concurrent compactions each move only rows they
 * deleted). Called now and then by the cache (see report-cache.ts), when there are many.
 */
export async function compactReportVersions(sql: Runner, atLeast = 1000): Promise<number> {
  let moved = 0;
  for (const scope of ["data", "settings"] as const) {
    const [c] = await sql.unsafe<{ n: string }[]>("select count(*) as n from report_data_changes where scope = $1", [scope]);
    if (Number(c?.n ?? 0) < atLeast) continue;
    const [r] = await sql.unsafe<{ n: string }[]>(
      `with moved as (delete from report_data_changes where scope = $1 returning 1),
            bumped as (update report_data_version set n = n + (select count(*) from moved) where scope = $1 returning 1)
       select (select count(*) from moved) as n, (select count(*) from bumped) as b`,
      [scope],
    );
    moved += Number(r?.n ?? 0);
  }
  return moved;
}
