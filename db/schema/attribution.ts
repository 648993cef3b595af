import { check, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * The attribution summary (migration 0018, lib/attribution/summary.ts): every won deal's path
 * (kpi-definitions.md §3) reduced once, so the closed-loop report sums a few rows per deal
 * instead of rebuilding every path (issue 12 item 5).
 *
 * `attribution_paths`: one row per summarised deal (stage closed_won): its close, its path length
 * `n` (0: no touchpoints), and `valid_from` = the latest instant the path depends on as of
 * (the close, the deal's and primary lead's creation, the primary lead's mql_at, every deal
 * contact's creation): for any as_of ≥ valid_from the stored path is the path seen at as_of. A
 * won deal without a row (not summarised yet, or changed since) or with valid_from > as_of is
 * computed from scratch by the report.
 *
 * `attribution_path_keys`: per summarised deal, grouping (`channel`, `campaign`) and key, the
 * path's shape (n, lc, dc), how many of the key's touches there are (`c_touches`) and how many
 * are the first / lead-creation / deal-creation / last touch or lie at or before lead / deal
 * creation (`c_first` … `c_updc`), the key's first position (`min_pos`) and its time-decay
 * share Σ w / Σ w_path (`td`). The deal's amount is not stored: the report reads it live.
 *
 * Rows are deleted by statement-level triggers on touchpoints, deals, deal_contacts and leads
 * whenever an input of the deal's path changes, and added by refreshAttributionSummary (after
 * each import run and migration). Never written by the application otherwise.
 */
export const attributionPaths = pgTable("attribution_paths", {
  dealId: text("deal_id").primaryKey(),
  closedAt: tstz("closed_at").notNull(),
  validFrom: tstz("valid_from").notNull(),
  n: integer("n").notNull(),
});

export const attributionPathKeys = pgTable(
  "attribution_path_keys",
  {
    dealId: text("deal_id").notNull(),
    groupBy: text("group_by").notNull(),
    key: text("key").notNull(),
    closedAt: tstz("closed_at").notNull(),
    validFrom: tstz("valid_from").notNull(),
    n: integer("n").notNull(),
    lc: integer("lc").notNull(),
    dc: integer("dc").notNull(),
    cTouches: integer("c_touches").notNull(),
    cFirst: integer("c_first").notNull(),
    cLc: integer("c_lc").notNull(),
    cDc: integer("c_dc").notNull(),
    cLast: integer("c_last").notNull(),
    cUplc: integer("c_uplc").notNull(),
    cUpdc: integer("c_updc").notNull(),
    minPos: integer("min_pos").notNull(),
    td: doublePrecision("td").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.groupBy, t.key] }),
    index("attribution_path_keys_closed_idx").on(t.groupBy, t.closedAt),
    check("attribution_path_keys_group_by_check", sql`${t.groupBy} in ('channel', 'campaign')`),
  ],
);
