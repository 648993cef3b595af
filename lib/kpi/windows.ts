import { sql } from "drizzle-orm";
import { getOrgSettings, type OrgSettings } from "@/lib/settings/org-settings";
import { kpiFilters, type KpiFilters } from "./filters";
import { formatAsOf, type KpiParams } from "./params";
import type { SqlExecutor } from "./sql-fragments";

/**
 * The report's time windows (kpi-definitions.md §1), computed once per request. Bounds are
 * computed by PostgreSQL (`(date)::timestamp at time zone tz`) and passed on as exact
 * timestamptz text, so each statement compares indexed columns with constants (sargable range
 * predicates, see ./predicates/window.ts).
 */

/** One reporting window seen as of some moment. All timestamps are timestamptz text. */
export interface TimeWindow {
  /** First day (YYYY-MM-DD, organisation calendar). */
  fromDate: string;
  /** Last day, inclusive. */
  toDate: string;
  /** `fromDate` 00:00 in the organisation's time zone (inclusive). */
  start: string;
  /** The day after `toDate`, 00:00 (exclusive upper bound). */
  end: string;
  /** The as_of applying to this window. */
  asOf: string;
  /** as_of's date in the organisation's time zone (for dates without time). */
  asOfDate: string;
}

/** What every KPI statement needs: the organisation's settings, the windows, the filters. */
export interface KpiContext {
  settings: OrgSettings;
  /** Period P, as of as_of. */
  p: TimeWindow;
  /** PY: the same dates one year earlier (29 Feb → 28 Feb), as of as_of − 1 year on the wall clock. */
  py: TimeWindow;
  /** W: the 365 days ending with `to` (customer_lifetime_value), as of as_of. */
  w: TimeWindow;
  filters: KpiFilters;
}

/**
 * Computes P, PY and W for the parameters in the organisation's time zone (§1: "Period P = every
 * instant from `from` 00:00:00 to `to` 23:59:59.999999 in the organisation's time zone. PY = the
 * same period one year earlier (29 February maps to 28 February)", "every PY figure uses
 * as_of − 1 year (on the organisation's wall clock) as its as_of"; §2 customer_lifetime_value:
 * "W = the 365 days of the organisation's calendar ending with `to`"). Reads the settings when
 * they are not given.
 */
export async function buildContext(db: SqlExecutor, params: KpiParams, settings?: OrgSettings): Promise<KpiContext> {
  const s = settings ?? (await getOrgSettings(db));
  const tz = s.timeZone;
  const asOf = formatAsOf(params.asOf);
  const rows = await db.execute<Record<string, string>>(sql`
    with x as (
      select ${params.from}::date as f, ${params.to}::date as t, ${asOf}::timestamptz as a,
             ${tz}::text as tz
    ), y as (
      select x.*, (x.f - interval '1 year')::date as pyf, (x.t - interval '1 year')::date as pyt,
             ((x.a at time zone x.tz) - interval '1 year') at time zone x.tz as pya,
             x.t - 364 as wf
        from x
    )
    select f::text as p_from, t::text as p_to,
           (f::timestamp at time zone tz)::text as p_start,
           ((t + 1)::timestamp at time zone tz)::text as p_end,
           a::text as p_as_of, (a at time zone tz)::date::text as p_as_of_date,
           pyf::text as py_from, pyt::text as py_to,
           (pyf::timestamp at time zone tz)::text as py_start,
           ((pyt + 1)::timestamp at time zone tz)::text as py_end,
           pya::text as py_as_of, (pya at time zone tz)::date::text as py_as_of_date,
           wf::text as w_from, (wf::timestamp at time zone tz)::text as w_start
      from y`);
  const r = rows[0];
  if (!r) throw new Error("could not compute the report's time windows");
  const get = (k: string): string => {
    const v = r[k];
    if (typeof v !== "string") throw new Error(`time window ${k} missing`);
    return v;
  };
  const p: TimeWindow = {
    fromDate: get("p_from"),
    toDate: get("p_to"),
    start: get("p_start"),
    end: get("p_end"),
    asOf: get("p_as_of"),
    asOfDate: get("p_as_of_date"),
  };
  return {
    settings: s,
    p,
    py: {
      fromDate: get("py_from"),
      toDate: get("py_to"),
      start: get("py_start"),
      end: get("py_end"),
      asOf: get("py_as_of"),
      asOfDate: get("py_as_of_date"),
    },
    w: { ...p, fromDate: get("w_from"), start: get("w_start") },
    filters: kpiFilters(params),
  };
}
