import { sql, type SQL } from "drizzle-orm";
import {
  CUSTOMER_FACING_LIST,
  MARKETING_CHANNEL_LIST,
  dealExistsSql,
  dealFilterSql,
  num,
  text,
  textOrNull,
  ts,
  type KpiFilters,
  type TimeWindow,
  type SqlExecutor,
} from "../context";

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
 * Every deal must exist at as_of: created_at ≤ as_of and its primary lead created ≤ as_of.
 * The deal filters apply (segment of the deal's own account, deal owner, primary lead's source
 * channel). `revenueOnly` computes only revenue and won_deals (used for PY; the other fields
 * are zero / null then).
 */
export async function dealsGroup(
  db: SqlExecutor,
  win: TimeWindow,
  filters: KpiFilters,
  opts: { revenueOnly?: boolean } = {},
): Promise<DealsGroup> {
  return parseDealsGroup(await db.execute<Record<string, unknown>>(dealsGroupSql(win, filters, opts)));
}

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

/** The single statement of the deals group (exported for EXPLAIN). */
export function dealsGroupSql(win: TimeWindow, filters: KpiFilters, opts: { revenueOnly?: boolean } = {}): SQL {
  if (opts.revenueOnly) {
    return sql`
      select count(*)::int as won_deals, 0 as lost_deals, coalesce(sum(d.amount), 0)::text as revenue,
             '0' as cycle_seconds_sum, null::text as cycle_seconds_median, '0' as marketing_sourced,
             '0' as marketing_influenced, '0' as content_influenced, 0 as open_deals, '0' as open_pipeline
        from deals d
       where d.stage = 'closed_won'
         and d.closed_at >= ${ts(win.start)} and d.closed_at < ${ts(win.end)} and d.closed_at <= ${ts(win.asOf)}
         and ${dealExistsSql(win.asOf)}
         and ${dealFilterSql(filters)}`;
  }
  const asOf = ts(win.asOf);
  const full = !opts.revenueOnly;
  const influenced = full
    ? sql`coalesce(sum(c.amount) filter (where c.won and (
          exists (select 1 from touchpoints t
                   where t.lead_id = c.primary_lead_id and t.occurred_at <= c.closed_at
                     and t.channel in (${MARKETING_CHANNEL_LIST}))
          or exists (select 1 from deal_contacts dc
                       join leads cl on cl.lead_id = dc.lead_id
                       join touchpoints t on t.lead_id = dc.lead_id
                      where dc.deal_id = c.deal_id and cl.created_at <= ${asOf}
                        and t.occurred_at <= c.closed_at and t.channel in (${MARKETING_CHANNEL_LIST}))
        )), 0)::text`
    : sql`'0'`;
  const content = full
    ? sql`coalesce(sum(c.amount) filter (where c.won and exists (
          select 1 from content_usage u join content_assets ca on ca.asset_id = u.asset_id
           where u.deal_id = c.deal_id and u.occurred_at <= c.closed_at
             and u.action in (${CUSTOMER_FACING_LIST}) and ca.published_at <= ${asOf}
        )), 0)::text`
    : sql`'0'`;
  const open = full
    ? sql`(select count(*)::int as open_deals, coalesce(sum(d.amount), 0)::text as open_pipeline
             from deals d
            where ${dealExistsSql(win.asOf)}
              and (d.stage in ('qualification', 'discovery', 'proposal', 'negotiation')
                   or (d.stage in ('closed_won', 'closed_lost') and d.closed_at > ${asOf}))
              and ${dealFilterSql(filters)})`
    : sql`(select 0 as open_deals, '0'::text as open_pipeline)`;

  return sql`
    with closed as (
      select d.deal_id, d.amount, d.closed_at, d.created_at, d.primary_lead_id,
             d.stage = 'closed_won' as won
        from deals d
       where d.stage in ('closed_won', 'closed_lost')
         and d.closed_at >= ${ts(win.start)} and d.closed_at < ${ts(win.end)} and d.closed_at <= ${asOf}
         and ${dealExistsSql(win.asOf)}
         and ${dealFilterSql(filters)}
    ), agg as (
      select count(*) filter (where c.won)::int as won_deals,
             count(*) filter (where not c.won)::int as lost_deals,
             coalesce(sum(c.amount) filter (where c.won), 0)::text as revenue,
             coalesce(sum(extract(epoch from c.closed_at - c.created_at)) filter (where c.won), 0)::text
               as cycle_seconds_sum,
             extract(epoch from percentile_cont(0.5) within group (order by c.closed_at - c.created_at)
               filter (where c.won))::text as cycle_seconds_median,
             coalesce(sum(c.amount) filter (where c.won and exists (
               select 1 from leads pl
                where pl.lead_id = c.primary_lead_id and pl.source_channel in (${MARKETING_CHANNEL_LIST}))), 0)::text
               as marketing_sourced,
             ${influenced} as marketing_influenced,
             ${content} as content_influenced
        from closed c
    )
    select agg.*, o.open_deals, o.open_pipeline from agg cross join ${open} o`;
}
