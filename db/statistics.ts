import type postgres from "postgres";

/**
 * Planner statistics kept fresh (issue 15 item 1): the one place that runs ANALYZE (as part of
 * VACUUM (ANALYZE), see analyzeChanged).
 *
 * PostgreSQL plans from the statistics ANALYZE gathers. Autovacuum gathers them eventually, but
 * not after a bulk load it has not noticed yet (or at all when it is off): after the large seed,
 * `kpi_lead_facts` had none, the planner guessed, and a filtered dashboard took 24 s instead of
 * 1.4 s. So every bulk writer calls `analyzeChanged` when it is done — the importer (and with it
 * the demo seed, which imports), the migrations (which may fill a facts table from scratch).
 *
 * A facts table is filled by triggers on its source tables; when those change it changes too.
 * FACT_SOURCES lists which facts tables each source table feeds, so a caller names only the
 * tables it wrote. Add a new facts table here (and to FACT_TABLES) when you add one.
 */

/** The facts tables (summaries kept current by triggers; db/schema/kpi.ts, db/schema/content.ts). */
export const FACT_TABLES = [
  "kpi_lead_facts",
  "kpi_deal_facts",
  "content_usage_days",
  "content_asset_users",
  "content_asset_deals",
  "attribution_paths",
  "attribution_path_keys",
] as const;

/** The attribution summary (db/schema/attribution.ts): emptied by its sources' triggers, refilled after an import. */
const ATTRIBUTION_SUMMARY = ["attribution_paths", "attribution_path_keys"] as const;

/** Source table → the facts tables its triggers refresh. */
const FACT_SOURCES: Record<string, readonly string[]> = {
  leads: ["kpi_lead_facts", "kpi_deal_facts", ...ATTRIBUTION_SUMMARY],
  sales_activities: ["kpi_lead_facts"],
  deals: ["kpi_deal_facts", ...ATTRIBUTION_SUMMARY],
  deal_contacts: ["kpi_deal_facts", ...ATTRIBUTION_SUMMARY],
  touchpoints: ["kpi_deal_facts", ...ATTRIBUTION_SUMMARY],
  content_assets: ["kpi_deal_facts"],
  content_usage: ["content_usage_days", "content_asset_users", "content_asset_deals", "kpi_deal_facts"],
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The tables to analyze after writing `tables`: those, plus the facts tables they feed; sorted, no repeats. */
export function tablesToAnalyze(tables: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of tables) {
    if (!IDENTIFIER.test(t)) throw new Error(`not a table name: ${t}`);
    out.add(t);
    for (const f of FACT_SOURCES[t] ?? []) out.add(f);
  }
  return [...out].sort();
}

type Runner = Pick<postgres.Sql, "unsafe">;

/**
 * VACUUM (ANALYZE) the tables that were written (and the facts tables they feed), in one
 * statement: fresh statistics, and the new rows' pages marked all-visible with their hint bits
 * set. Without the vacuum, the first reports after a bulk load set the hint bits of every page
 * they read (writing them back) and cannot use index-only scans: measured on the large seed, the
 * SLA group of a 12-month KPI run took 632 ms before and 345 ms after. VACUUM skips the pages
 * already all-visible, so after a small import it costs little (after the whole large seed,
 * 13 s). Takes the same lock as ANALYZE (reads and writes go on).
 *
 * Run it outside any transaction (VACUUM refuses to run in one), after the writes committed.
 * Returns the tables vacuumed. Does nothing for an empty list.
 */
export async function analyzeChanged(sql: Runner, tables: Iterable<string>): Promise<string[]> {
  const names = tablesToAnalyze(tables);
  if (names.length === 0) return names;
  await sql.unsafe(`vacuum (analyze) ${names.map((n) => `"${n}"`).join(", ")}`);
  return names;
}
