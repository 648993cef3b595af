import { sql, type SQL } from "drizzle-orm";
import { OPEN_STAGES } from "@/lib/enums";
import { monthRangeInZone } from "@/lib/time";
import {
  closedStage,
  dealExists,
  dealsByMonth,
  dealFilters,
  formatAsOf,
  leadInWindow,
  leadsByMonth,
  num,
  openAtAsOf,
  openDealOverdue,
  openStage,
  slaByMonth,
  text,
  textOrNull,
  ts,
  wonInWindow,
  type DealsMonth,
  type KpiContext,
  type KpiFilters,
  type LeadsMonth,
  type SlaMonth,
  type SqlExecutor,
  type TimeWindow,
} from "@/lib/kpi";

/**
 * The dashboard's chart series, one SQL statement each, grouped by month in the organisation's
 * time zone (`date_trunc('month', t at time zone tz)`). Same populations, filters and as_of
 * rules as the KPI engine — the populations are the engine's own predicates (@/lib/kpi): the
 * months of a series add up to the period's card. Money is numeric text summed exactly and
 * converted to a number only here, for display.
 */

/** The calendar months (YYYY-MM) that the window's days touch, as a set-returning SQL. */
function monthsSql(win: TimeWindow): SQL {
  return sql`select to_char(m, 'YYYY-MM') as month
    from generate_series(date_trunc('month', ${win.fromDate}::date::timestamp), ${win.toDate}::date::timestamp,
                         interval '1 month') m`;
}

export interface RevenueMonth {
  /** YYYY-MM of P */
  month: string;
  won: number;
  marketingSourced: number;
  marketingInfluenced: number;
  /** Revenue of the same month one year earlier (PY, as of as_of − 1 year). */
  wonLastYear: number;
}

/**
 * Revenue by month of P: won, marketing-sourced, marketing-influenced, and last year's won.
 * The sums are the KPI engine's deals group's own (`dealsByMonth`: P's
 * won deals and marketing probes as the cards, PY's won deals as `revenue_prev_year`): pass
 * `current` (and `lastYear`) from a KPI run made with `monthly` (computeKpisWithMonthly) to
 * reuse them, else those statements run here.
 */
export async function revenueByMonth(
  db: SqlExecutor,
  ctx: KpiContext,
  current?: readonly DealsMonth[],
  lastYear?: readonly DealsMonth[],
): Promise<RevenueMonth[]> {
  const { p, py, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const own = current ?? (await dealsByMonth(db, p, filters, tz));
  const prev = lastYear ?? (await dealsByMonth(db, py, filters, tz, { revenueOnly: true }));
  const rows = await db.execute<Record<string, unknown>>(sql`${monthsSql(p)}`);
  const byMonth = new Map(own.map((m) => [m.month, m]));
  const prevByMonth = new Map(prev.map((m) => [m.month, m]));
  return rows.map((r) => {
    const month = text(r.month);
    const cur = byMonth.get(month);
    const last = prevByMonth.get(month);
    return {
      month,
      won: cur ? Number(cur.won) : 0,
      marketingSourced: cur ? Number(cur.sourced) : 0,
      marketingInfluenced: cur ? Number(cur.influenced) : 0,
      wonLastYear: last ? Number(last.won) : 0,
    };
  });
}

export interface TrendMonth {
  month: string;
  won: number;
  lost: number;
  /** won / (won + lost); null when no deal closed that month. */
  winRate: number | null;
  /** Median of (closed_at − created_at) in days over the month's won deals; null when none. */
  medianCycleDays: number | null;
}

/**
 * Win rate and median sales cycle by month of closing (deals closed in P). The counts and
 * medians are the KPI engine's deals group's own (`dealsByMonth`): pass
 * `current` from a KPI run made with `monthly` to reuse it, else that statement runs here.
 */
export async function trendByMonth(db: SqlExecutor, ctx: KpiContext, current?: readonly DealsMonth[]): Promise<TrendMonth[]> {
  const { p, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const own = current ?? (await dealsByMonth(db, p, filters, tz));
  const rows = await db.execute<Record<string, unknown>>(sql`${monthsSql(p)}`);
  const byMonth = new Map(own.map((m) => [m.month, m]));
  return rows.map((r) => {
    const month = text(r.month);
    const c = byMonth.get(month);
    const won = c ? c.wonDeals : 0;
    const lost = c ? c.lostDeals : 0;
    const median = c ? c.medianSeconds : null;
    return {
      month,
      won,
      lost,
      winRate: won + lost === 0 ? null : won / (won + lost),
      medianCycleDays: median === null ? null : Number(median) / 86_400,
    };
  });
}

export interface HeadlineTrendMonth {
  month: string;
  /** closing_efficiency of the month's SQLs (leads with sql_at in the month, as of P's as_of); null when none. */
  closingEfficiency: number | null;
  /** sla_compliance of the month's MQLs: met / (met + breached); null when both are 0. */
  slaCompliance: number | null;
  /** open_pipeline at the month's last instant (or at as_of in its month); null for months after as_of. */
  openPipeline: number | null;
}

/** The open-pipeline sparkline reads at most this many month ends (the last ones of P). */
export const PIPELINE_TREND_MONTHS = 24;

/** A KPI run's months that the headline sparklines read (computeKpisWithMonthly). */
export interface HeadlineRunMonths {
  leadsMonthly: readonly LeadsMonth[];
  slaMonthly: readonly SlaMonth[];
}

/**
 * The headline tiles' monthly trends for closing efficiency, SLA compliance and the open
 * pipeline, each with the KPI's own definition applied to one month of P:
 * - closing efficiency by month of sql_at: the engine's leads group by month (LeadsMonth: the
 *   SQLs of the month and those that are the primary lead of a deal won by P's as_of);
 * - SLA compliance by month of mql_at: the engine's sales SLA group by month (SlaMonth);
 * - the open pipeline at each month's end, i.e. `open_pipeline` with that instant as as_of (at
 *   as_of itself in as_of's month, so the last point is the tile's value), for the last
 *   PIPELINE_TREND_MONTHS months of P (openPipelineAtBounds: one scan of kpi_deal_facts).
 * Pass `run` from a KPI run of P made with `monthly` (computeKpisWithMonthly) to take the first
 * two from it — then only the pipeline statement runs here; else the leads and SLA groups'
 * statements run here with their months. Months with nothing to divide by are null (a gap in
 * the sparkline).
 */
export async function headlineTrendsByMonth(db: SqlExecutor, ctx: KpiContext, run?: HeadlineRunMonths): Promise<HeadlineTrendMonth[]> {
  const { p, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const monthsRows = await db.execute<Record<string, unknown>>(sql`${monthsSql(p)}`);
  const months = monthsRows.map((r) => text(r.month));

  const asOfMs = new Date(p.asOf).getTime();
  const bounds = months.slice(-PIPELINE_TREND_MONTHS).flatMap((month) => {
    const range = monthRangeInZone(`${month}-01`, tz);
    if (range.start.getTime() > asOfMs) return [];
    const lastInstant = Math.min(range.end.getTime() - 1, asOfMs);
    return [{ month, asOf: formatAsOf(new Date(lastInstant)) }];
  });

  const [leads, sla, pipeline] = await Promise.all([
    run ? run.leadsMonthly : leadsByMonth(db, p, filters, tz),
    run ? run.slaMonthly : slaByMonth(db, p, filters, ctx.settings.sla, tz),
    openPipelineAtBounds(db, bounds, filters),
  ]);
  const eff = new Map(leads.map((m) => [m.month, m]));
  const slaBy = new Map(sla.map((m) => [m.month, m]));
  return months.map((month) => {
    const e = eff.get(month);
    const s = slaBy.get(month);
    return {
      month,
      closingEfficiency: e && e.sqls > 0 ? e.sqlsClosed / e.sqls : null,
      slaCompliance: s && s.met + s.breached > 0 ? s.met / (s.met + s.breached) : null,
      openPipeline: pipeline.get(month) ?? null,
    };
  });
}

/** No filter: openAtAsOf's own deal filters are applied once, in the scan's WHERE. */
const NO_FILTERS: KpiFilters = { segment: [], ownerEmail: [], sourceChannel: [] };

/**
 * `open_pipeline` at each of several instants (`bounds`, ascending), keyed by their labels: one
 * scan of kpi_deal_facts with a `sum(amount) filter (where openAtAsOf(bound))` per bound. Exact
 * by construction: openAtAsOf(b, filters) is openAtAsOf(b, no filters) and dealFilters(filters),
 * so the filters are the WHERE's, once per deal; the rest of the WHERE keeps the deals that can be
 * open at some bound — existing at the last one (dealExists) and in an open stage or closed after
 * the first one — a superset of those open at any bound, which the FILTERs then choose from.
 */
async function openPipelineAtBounds(db: SqlExecutor, bounds: readonly { month: string; asOf: string }[], filters: KpiFilters): Promise<Map<string, number>> {
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (!first || !last) return new Map();
  const sums = bounds.map(
    (b, i) => sql`coalesce(sum(d.amount) filter (where ${openAtAsOf(b.asOf, NO_FILTERS, "d", { rows: "facts" })}), 0)::text as ${sql.identifier(`b${i}`)}`,
  );
  const rows = await db.execute<Record<string, unknown>>(sql`
    select ${sql.join(sums, sql`,\n           `)}
      from kpi_deal_facts d
     where ${dealExists(last.asOf, "d", "facts")}
       and (${openStage("d")} or (${closedStage("d")} and d.closed_at > ${ts(first.asOf)}))
       and ${dealFilters(filters, "d", "facts")}`);
  const r = rows[0];
  if (!r) throw new Error("open pipeline query returned nothing");
  return new Map(bounds.map((b, i) => [b.month, Number(text(r[`b${i}`]))]));
}

export const FUNNEL_STAGES = ["leads", "mqls", "sqls", "won"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** count / previous stage's count; null for the first stage or when the previous is 0. */
  conversion: number | null;
  /** previous stage's count − count; null for the first stage. */
  dropOff: number | null;
}

/**
 * The funnel of P, stage by stage with the KPIs' own populations: leads created in P, MQLs
 * (`mqls`: mql_at in P), SQLs (`sqls`: sql_at in P), won deals (`won_deals`). A period funnel,
 * not a cohort: each stage counts what happened in P, so the numbers equal the cards.
 * `cards` takes those three counts from a KPI run of P (its `mqls`, `sqls`, `won_deals`), so
 * only the leads created in P are counted here.
 */
export async function funnel(
  db: SqlExecutor,
  ctx: KpiContext,
  cards?: { mqls: number; sqls: number; won: number },
): Promise<FunnelStep[]> {
  const { p, filters } = ctx;
  const leads = sql`(select count(*) from leads l where ${leadInWindow("created_at", p, filters)})::int as leads`;
  const rows = cards
    ? await db.execute<Record<string, unknown>>(sql`select ${leads}`)
    : await db.execute<Record<string, unknown>>(sql`
    select ${leads},
           (select count(*) from leads l where ${leadInWindow("mql_at", p, filters)})::int as mqls,
           (select count(*) from leads l where ${leadInWindow("sql_at", p, filters)})::int as sqls,
           (select count(*) from kpi_deal_facts d where ${wonInWindow(p, filters, "d", "facts")})::int as won`);
  const r = rows[0];
  if (!r) throw new Error("funnel query returned nothing");
  const all: Record<FunnelStage, number> = cards
    ? { leads: num(r.leads), ...cards }
    : { leads: num(r.leads), mqls: num(r.mqls), sqls: num(r.sqls), won: num(r.won) };
  const counts = FUNNEL_STAGES.map((s) => all[s]);
  return FUNNEL_STAGES.map((stage, i) => {
    const count = counts[i] ?? 0;
    const prev = i === 0 ? null : (counts[i - 1] ?? 0);
    return {
      stage,
      count,
      conversion: prev === null || prev === 0 ? null : count / prev,
      dropOff: prev === null ? null : prev - count,
    };
  });
}

export const PIPELINE_BUCKETS = [...OPEN_STAGES, "closed_after_as_of"] as const;
export type PipelineBucket = (typeof PIPELINE_BUCKETS)[number];

export interface PipelineStage {
  stage: PipelineBucket;
  deals: number;
  amount: number;
  /** Of those deals, how many are overdue at as_of (expected close date before as_of's date). */
  overdueDeals: number;
  /** Their Σ amount. */
  overdueAmount: number;
}

/**
 * Deals open at as_of by stage (they add up to `open_pipeline` / `open_deals`), with the part
 * overdue at as_of (openDealOverdue: expected close date before as_of's date). A deal whose
 * stage is closed now but closed after as_of was open at as_of in a stage no longer recorded:
 * it is its own bucket, `closed_after_as_of`.
 */
export async function pipelineByStage(db: SqlExecutor, ctx: KpiContext): Promise<PipelineStage[]> {
  const { p, filters } = ctx;
  const overdue = openDealOverdue(p.asOfDate);
  const rows = await db.execute<Record<string, unknown>>(sql`
    select case when ${closedStage()} then 'closed_after_as_of' else d.stage::text end as stage,
           count(*)::int as deals, coalesce(sum(d.amount), 0)::text as amount,
           count(*) filter (where ${overdue})::int as overdue_deals,
           coalesce(sum(d.amount) filter (where ${overdue}), 0)::text as overdue_amount
      from deals d
     where ${openAtAsOf(p.asOf, filters)}
     group by 1`);
  const byStage = new Map(rows.map((r) => [text(r.stage), r]));
  return PIPELINE_BUCKETS.map((stage) => {
    const r = byStage.get(stage);
    return {
      stage,
      deals: r ? num(r.deals) : 0,
      amount: r ? Number(text(r.amount)) : 0,
      overdueDeals: r ? num(r.overdue_deals) : 0,
      overdueAmount: r ? Number(text(r.overdue_amount)) : 0,
    };
  });
}

export interface TeamMemberOption {
  email: string;
  name: string;
  team: string | null;
}

/** The people a view can be filtered by (deal and lead owners): the team members. */
export async function ownerOptions(db: SqlExecutor): Promise<TeamMemberOption[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select email, name, team::text as team from team_members order by team nulls last, name, email`);
  return rows.map((r) => ({ email: text(r.email), name: text(r.name), team: textOrNull(r.team) }));
}

