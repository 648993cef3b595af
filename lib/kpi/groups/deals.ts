import { sql, type SQL } from "drizzle-orm";
import { monthlyObjects, num, text, textOrNull } from "../decode";
import type { KpiFilters } from "../filters";
import {
  closedInWindow,
  contentInfluenced,
  marketingInfluenced,
  marketingSourced,
  openAtAsOf,
  wonInWindow,
  wonStage,
  type DealRows,
} from "../predicates";
import { monthOf, type SqlExecutor } from "../sql-fragments";
import type { TimeWindow } from "../windows";

/** Exact figures of the deals group; sums are `numeric` text, never floats. */
export interface DealsGroup {
  wonDeals: number;
  lostDeals: number;
  /** Σ amount of deals won in the window. */
  revenue: string;
  /** Σ (closed_at − created_at) in seconds over the won deals (exact, microseconds). */
  cycleSecondsSum: string;
  /** Median of (closed_at − created_at) in seconds over the won deals; null when none. */
  cycleSecondsMedian: string | null;
  marketingSourcedRevenue: string;
  marketingInfluencedRevenue: string;
  contentInfluencedRevenue: string;
  openDeals: number;
  openPipeline: string;
}

/** The deals group's row (see dealsGroupSql). */
export function parseDealsGroup(rows: readonly Record<string, unknown>[]): DealsGroup {
  const r = rows[0];
  if (!r) throw new Error("deals group returned nothing");
  return {
    wonDeals: num(r.won_deals),
    lostDeals: num(r.lost_deals),
    revenue: text(r.revenue),
    cycleSecondsSum: text(r.cycle_seconds_sum),
    cycleSecondsMedian: textOrNull(r.cycle_seconds_median),
    marketingSourcedRevenue: text(r.marketing_sourced),
    marketingInfluencedRevenue: text(r.marketing_influenced),
    contentInfluencedRevenue: text(r.content_influenced),
    openDeals: num(r.open_deals),
    openPipeline: text(r.open_pipeline),
  };
}

/**
 * The deals group: one scan of the deals closed in the window (index deals(stage, closed_at)),
 * plus one of the deals open at as_of. Definitions (kpi-definitions.md §2):
 *
 * - `revenue`: "Σ amount of deals won in P." `won_deals` / `lost_deals`: "count of deals won /
 *   lost in P." — "Won deal in P" = stage `closed_won` and `closed_at` in P (and ≤ as_of).
 * - `sales_cycle_days_median`, `sales_cycle_days_mean`: "median / mean of (closed_at −
 *   created_at) in days over deals won in P." (seconds here; days = seconds / 86,400).
 * - `marketing_sourced_revenue`: "Σ amount of deals won in P whose primary lead's
 *   source_channel is a marketing channel."
 * - `marketing_influenced_revenue`: "Σ amount of deals won in P that have at least one
 *   touchpoint on a marketing channel, on any of the deal's contacts (primary lead and
 *   deal_contacts), with occurred_at ≤ closed_at." A deal_contacts link to a lead created after
 *   as_of does not exist yet (§1), so its touchpoints do not count.
 * - `content_influenced_revenue`: "Σ amount of deals won in P with at least one customer-facing
 *   usage whose deal_id is that deal and occurred_at ≤ closed_at (at any date, whatever the
 *   asset's state)." Resolved ambiguity: "whatever the asset's state" is read as active or
 *   archived; a usage of an asset published after as_of hangs on a record that does not exist
 *   yet (§1) and is not counted.
 * - `open_pipeline` / `open_deals`: "Σ amount / count of deals open at as_of (created_at ≤
 *   as_of, and not closed by as_of)" — an open stage, or a closed stage with closed_at > as_of.
 *
 * Each definition is a predicate of ../predicates (wonInWindow, closedInWindow, openAtAsOf,
 * marketingSourced, marketingInfluenced, contentInfluenced), used here as FILTERs of one scan.
 * Every deal must exist at as_of: created_at ≤ as_of and its primary lead created ≤ as_of.
 * The deal filters apply (segment of the deal's own account, deal owner, primary lead's source
 * channel). `revenueOnly` computes only revenue and won_deals (used for PY; the other fields
 * are zero / null then).
 *
 * The rows scanned are those of kpi_deal_facts (db/schema/kpi.ts, issue 15 item 2): the
 * predicates read its columns (`rows: "facts"`), so no deal needs a look-up of its primary lead,
 * its contacts' touchpoints or its usages. `rows: "deals"` runs the same statement over `deals`
 * with the from-scratch predicates: the reference the tests compare with.
 */
export function dealsGroupSql(win: TimeWindow, filters: KpiFilters, opts: DealsGroupOptions = {}): SQL {
  const rows: DealRows = opts.rows ?? "facts";
  const from = rows === "facts" ? sql`kpi_deal_facts d` : sql`deals d`;
  if (opts.revenueOnly) {
    const columns = sql`count(*)::int as won_deals, 0 as lost_deals, coalesce(sum(d.amount), 0)::text as revenue,
             '0' as cycle_seconds_sum, null::text as cycle_seconds_median, '0' as marketing_sourced,
             '0' as marketing_influenced, '0' as content_influenced, 0 as open_deals, '0' as open_pipeline`;
    if (opts.monthTimeZone === undefined) return sql`select ${columns} from ${from} where ${wonInWindow(win, filters, "d", rows)}`;
    // By month of closed_at labelled one year later: the month of the following year it is
    // compared with (the revenue chart's "last year" bars, with PY as the window).
    const shifted = sql`to_char(date_trunc('month', d.closed_at at time zone ${opts.monthTimeZone}) + interval '1 year', 'YYYY-MM')`;
    return sql`
      with won as materialized (select d.amount, d.closed_at from ${from} where ${wonInWindow(win, filters, "d", rows)})
      select ${columns},
             (select coalesce(json_agg(json_build_object('month', m.month, 'won', m.won, 'sourced', '0',
                                                         'influenced', '0', 'won_deals', m.won_deals, 'lost_deals', 0,
                                                         'median_seconds', null) order by m.month), '[]')::text
                from (select ${shifted} as month, sum(d.amount)::text as won, count(*)::int as won_deals
                        from won d group by 1) m) as monthly
        from won d`;
  }
  // The deals closed in the window are scanned once (index (stage, closed_at)); `won` splits
  // them, and the marketing / content predicates run per won deal only, as FILTERs (on the
  // facts: comparisons of columns of the row). On `deals`, "exists at as_of" of the open deals
  // is one primary-key look-up per deal: the open deals are few, while the anti-join's hash of
  // the leads created after as_of is large for an as_of in the past.
  const open = sql`(select count(*)::int as open_deals, coalesce(sum(d.amount), 0)::text as open_pipeline
             from ${from}
            where ${openAtAsOf(win.asOf, filters, "d", { existence: "lookup", rows })})`;
  const factColumns = rows === "facts" ? sql`, d.source_channel, d.marketing_from, d.content_from` : sql``;
  const closed = sql`
      select d.deal_id, d.amount, d.closed_at, d.created_at, d.primary_lead_id${factColumns},
             ${wonStage()} as won
        from ${from}
       where ${closedInWindow(win, filters, "d", rows)}`;
  // The figures of a set of closed deals `c`, given which of them are won and marketing-sourced,
  // marketing-influenced and content-influenced: the same columns with and without months.
  const sums = (sourced: SQL, influenced: SQL, content: SQL): SQL => sql`
             count(*) filter (where c.won)::int as won_deals,
             count(*) filter (where not c.won)::int as lost_deals,
             coalesce(sum(c.amount) filter (where c.won), 0)::text as revenue,
             coalesce(sum(extract(epoch from c.closed_at - c.created_at)) filter (where c.won), 0)::text
               as cycle_seconds_sum,
             extract(epoch from percentile_cont(0.5) within group (order by c.closed_at - c.created_at)
               filter (where c.won))::text as cycle_seconds_median,
             coalesce(sum(c.amount) filter (where ${sourced}), 0)::text as marketing_sourced,
             coalesce(sum(c.amount) filter (where ${influenced}), 0)::text as marketing_influenced,
             coalesce(sum(c.amount) filter (where ${content}), 0)::text as content_influenced`;

  if (opts.monthTimeZone === undefined) {
    const agg = sums(
      sql`c.won and ${marketingSourced("c", rows)}`,
      sql`c.won and ${marketingInfluenced(win.asOf, "c", rows)}`,
      sql`c.won and ${contentInfluenced(win.asOf, "c", rows)}`,
    );
    return sql`
    with closed as (${closed}),
    agg as (select ${agg} from closed c)
    select agg.*, o.open_deals, o.open_pipeline from agg cross join ${open} o`;
  }
  // The same figures, plus the won deals' sums by month of closed_at in the given time zone, in
  // one scan and one sort: the grand total and the months are the grouping sets () and (month)
  // of one aggregation (each won deal's marketing / content flags are computed once). The total
  // row has the columns of `agg` above, with the same expressions; the months' median is over
  // the cycles in seconds, as before.
  const month = monthOf(sql`c.closed_at`, opts.monthTimeZone);
  return sql`
    with flagged as (
      select c.amount, c.closed_at, c.created_at, c.won, ${month} as month,
             c.won and ${marketingSourced("c", rows)} as sourced,
             c.won and ${marketingInfluenced(win.asOf, "c", rows)} as influenced,
             c.won and ${contentInfluenced(win.asOf, "c", rows)} as content
        from (${closed}) c
    ), g as (
      select grouping(c.month) as total, c.month,
             ${sums(sql`c.sourced`, sql`c.influenced`, sql`c.content`)},
             (percentile_cont(0.5) within group (order by extract(epoch from c.closed_at - c.created_at))
               filter (where c.won))::text as median_seconds
        from flagged c
       group by grouping sets ((c.month), ())
    )
    select t.won_deals, t.lost_deals, t.revenue, t.cycle_seconds_sum, t.cycle_seconds_median,
           t.marketing_sourced, t.marketing_influenced, t.content_influenced, o.open_deals, o.open_pipeline,
           (select coalesce(json_agg(json_build_object('month', m.month, 'won', m.revenue, 'sourced', m.marketing_sourced,
                                                       'influenced', m.marketing_influenced, 'won_deals', m.won_deals,
                                                       'lost_deals', m.lost_deals, 'median_seconds', m.median_seconds)
                                     order by m.month), '[]')::text
              from g m where m.total = 0) as monthly
      from g t cross join ${open} o
     where t.total = 1`;
}

/** Options of the deals group statement. */
export interface DealsGroupOptions {
  /**
   * Only revenue and won_deals (PY). With `monthTimeZone`, `monthly` then holds the won deals'
   * revenue and count by month of closed_at labelled one year later (sourced / influenced "0",
   * no lost deals, no median).
   */
  revenueOnly?: boolean;
  /**
   * Also return, by calendar month of closed_at in this time zone, the won deals' revenue,
   * marketing-sourced and marketing-influenced sums, the won / lost counts and the won deals'
   * median cycle (column `monthly`, see parseDealsMonthly). Months without a closed deal are
   * left out.
   */
  monthTimeZone?: string;
  /**
   * The deal rows read: kpi_deal_facts (default) or `deals` with the from-scratch predicates
   * (the reference of lib/kpi/deal-facts.test.ts). The figures are the same.
   */
  rows?: DealRows;
}

/** The deals closed in one calendar month: exact numeric text sums over the won ones, counts. */
export interface DealsMonth {
  /** YYYY-MM */
  month: string;
  /** Σ amount of the won deals */
  won: string;
  sourced: string;
  influenced: string;
  wonDeals: number;
  lostDeals: number;
  /** Median of (closed_at − created_at) in seconds (float8 text) over the won deals; null when none. */
  medianSeconds: string | null;
}

/**
 * The deals of the window by calendar month of closed_at in `timeZone` (the deals group's own
 * statement with `monthTimeZone`, so the months add up to the cards); with `revenueOnly`, the
 * won deals' revenue and count labelled one year later (PY for the revenue chart's "last year").
 */
export async function dealsByMonth(
  db: SqlExecutor,
  win: TimeWindow,
  filters: KpiFilters,
  timeZone: string,
  opts: { revenueOnly?: boolean } = {},
): Promise<DealsMonth[]> {
  return parseDealsMonthly(
    await db.execute<Record<string, unknown>>(dealsGroupSql(win, filters, { ...opts, monthTimeZone: timeZone })),
  );
}

/** The `monthly` column of a deals group statement run with `monthTimeZone`. */
export function parseDealsMonthly(rows: readonly Record<string, unknown>[]): DealsMonth[] {
  return monthlyObjects(rows, "deals group").map((o): DealsMonth => {
    return {
      month: text(o.month),
      won: text(o.won),
      sourced: text(o.sourced),
      influenced: text(o.influenced),
      wonDeals: num(o.won_deals),
      lostDeals: num(o.lost_deals),
      medianSeconds: textOrNull(o.median_seconds),
    };
  });
}
