import { sql, type SQL } from "drizzle-orm";
import { OPEN_STAGES } from "@/db/schema/enums";
import {
  CUSTOMER_FACING_LIST,
  MARKETING_CHANNEL_LIST,
  dealExistsSql,
  dealFilterSql,
  leadFilterSql,
  ts,
  type KpiFilters,
  type TimeWindow,
} from "@/lib/kpi/context";

/**
 * SQL fragments of the dashboard's own queries (charts, drill-down), written to the same
 * definitions as the KPI engine (kpi-definitions.md §1–2) and built on its exported filter
 * helpers, so a chart or a table row set always adds up to its card.
 */

export const OPEN_STAGE_LIST: SQL = sql.raw(OPEN_STAGES.map((s) => `'${s}'`).join(", "));

/** Deal `d` won in the window (stage closed_won, closed_at in it and ≤ as_of), existing at as_of, filtered. */
export function wonInWindowSql(win: TimeWindow, filters: KpiFilters, d = "d"): SQL {
  const a = sql.raw(d);
  return sql`${a}.stage = 'closed_won'
    and ${a}.closed_at >= ${ts(win.start)} and ${a}.closed_at < ${ts(win.end)} and ${a}.closed_at <= ${ts(win.asOf)}
    and ${dealExistsSql(win.asOf, d)} and ${dealFilterSql(filters, d)}`;
}

/** Deal `d` closed (won or lost) in the window. */
export function closedInWindowSql(win: TimeWindow, filters: KpiFilters, d = "d"): SQL {
  const a = sql.raw(d);
  return sql`${a}.stage in ('closed_won', 'closed_lost')
    and ${a}.closed_at >= ${ts(win.start)} and ${a}.closed_at < ${ts(win.end)} and ${a}.closed_at <= ${ts(win.asOf)}
    and ${dealExistsSql(win.asOf, d)} and ${dealFilterSql(filters, d)}`;
}

/** Deal `d` open at as_of: exists, and an open stage or closed after as_of. */
export function openAtAsOfSql(asOf: string, filters: KpiFilters, d = "d"): SQL {
  const a = sql.raw(d);
  return sql`${dealExistsSql(asOf, d)}
    and (${a}.stage in (${OPEN_STAGE_LIST})
         or (${a}.stage in ('closed_won', 'closed_lost') and ${a}.closed_at > ${ts(asOf)}))
    and ${dealFilterSql(filters, d)}`;
}

/** The deal's primary lead's source channel is a marketing channel. */
export function marketingSourcedSql(d = "d"): SQL {
  return sql`exists (select 1 from leads pl where pl.lead_id = ${sql.raw(d)}.primary_lead_id
                      and pl.source_channel in (${MARKETING_CHANNEL_LIST}))`;
}

/**
 * At least one marketing-channel touchpoint on any of the deal's contacts (primary lead and
 * deal_contacts whose lead exists at as_of) with occurred_at ≤ closed_at.
 */
export function marketingInfluencedSql(asOf: string, d = "d"): SQL {
  const a = sql.raw(d);
  return sql`(exists (select 1 from touchpoints t
                      where t.lead_id = ${a}.primary_lead_id and t.occurred_at <= ${a}.closed_at
                        and t.channel in (${MARKETING_CHANNEL_LIST}))
           or exists (select 1 from deal_contacts dc
                        join leads cl on cl.lead_id = dc.lead_id
                        join touchpoints t on t.lead_id = dc.lead_id
                       where dc.deal_id = ${a}.deal_id and cl.created_at <= ${ts(asOf)}
                         and t.occurred_at <= ${a}.closed_at and t.channel in (${MARKETING_CHANNEL_LIST})))`;
}

/** A customer-facing usage on the deal, occurred_at ≤ closed_at, of an asset existing at as_of. */
export function contentInfluencedSql(asOf: string, d = "d"): SQL {
  const a = sql.raw(d);
  return sql`exists (select 1 from content_usage u join content_assets ca on ca.asset_id = u.asset_id
                      where u.deal_id = ${a}.deal_id and u.occurred_at <= ${a}.closed_at
                        and u.action in (${CUSTOMER_FACING_LIST}) and ca.published_at <= ${ts(asOf)})`;
}

/** Lead `l` with `column` (mql_at / sql_at / created_at) in the window, existing at as_of, filtered. */
export function leadInWindowSql(
  column: "mql_at" | "sql_at" | "created_at",
  win: TimeWindow,
  filters: KpiFilters,
  l = "l",
): SQL {
  const a = sql.raw(l);
  const c = sql.raw(`${l}.${column}`);
  return sql`${c} >= ${ts(win.start)} and ${c} < ${ts(win.end)} and ${c} <= ${ts(win.asOf)}
    and ${a}.created_at <= ${ts(win.asOf)} and ${leadFilterSql(filters, l)}`;
}

/** The calendar months (YYYY-MM) that the window's days touch, as a set-returning SQL. */
export function monthsSql(win: TimeWindow): SQL {
  return sql`select to_char(m, 'YYYY-MM') as month
    from generate_series(date_trunc('month', ${win.fromDate}::date::timestamp), ${win.toDate}::date::timestamp,
                         interval '1 month') m`;
}

/** The month (YYYY-MM) of a timestamptz column in the organisation's time zone. */
export function monthOf(column: SQL, timeZone: string): SQL {
  return sql`to_char(date_trunc('month', ${column} at time zone ${timeZone}), 'YYYY-MM')`;
}
