import { sql, type SQL } from "drizzle-orm";
import type { KpiFilters } from "../filters";
import { col, ts } from "../sql-fragments";
import type { TimeWindow } from "../windows";
import { wonByAsOf } from "./deals";
import { leadFilters } from "./filters";
import { inWindow } from "./window";

/**
 * Lead predicates of kpi-definitions.md §1–2 for a lead row `l` (an alias of `leads` or of
 * `kpi_lead_facts`, which has the same columns for these). One boolean SQL term each, usable
 * in WHERE and in `FILTER (WHERE …)`.
 */

/** The lead columns a window can be about. */
export type LeadEvent = "mql_at" | "sql_at" | "created_at";

/** Lead `l` exists at as_of (§1: a lead "whose own creation (`created_at`) is after as_of does not exist at all"). */
export function leadExists(asOf: string, l = "l"): SQL {
  return sql`${col(l, "created_at")} <= ${ts(asOf)}`;
}

/**
 * `mqls` / `sqls` (§2): "count of leads with mql_at in P / with sql_at in P" (and ≤ as_of); also
 * the leads created in P (the dashboard funnel). The lead exists at the window's as_of, and the
 * lead filters apply.
 */
export function leadInWindow(event: LeadEvent, win: TimeWindow, filters: KpiFilters, l = "l"): SQL {
  return sql`(${inWindow(col(l, event), win)} and ${leadExists(win.asOf, l)} and ${leadFilters(filters, l)})`;
}

/**
 * closing_efficiency's numerator (§2): the lead is "the primary lead of at least one deal won by
 * as_of (any close date; that deal is not filtered)". One index look-up per lead
 * (deals(primary_lead_id)); the KPI engine's leads group asks it of the SQLs of P only.
 */
export function primaryLeadOfWonDeal(asOf: string, l = "l"): SQL {
  return sql`exists (select 1 from deals wd where wd.primary_lead_id = ${col(l, "lead_id")} and ${wonByAsOf(asOf, "wd")})`;
}
