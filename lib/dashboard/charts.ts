import { sql } from "drizzle-orm";
import { OPEN_STAGES } from "@/db/schema/enums";
import { num, text, textOrNull, type KpiContext, type SqlExecutor } from "@/lib/kpi/context";
import {
  closedInWindowSql,
  leadInWindowSql,
  marketingInfluencedSql,
  marketingSourcedSql,
  monthOf,
  monthsSql,
  openAtAsOfSql,
  wonInWindowSql,
} from "./sql";

/**
 * The dashboard's chart series, one SQL statement each, grouped by month in the organisation's
 * time zone (`date_trunc('month', t at time zone tz)`). Same populations, filters and as_of
 * rules as the KPI engine: the months of a series add up to the period's card. Money is
 * numeric text summed exactly and converted to a number only here, for display.
 */

export interface RevenueMonth {
  /** YYYY-MM of P */
  month: string;
  won: number;
  marketingSourced: number;
  marketingInfluenced: number;
  /** Revenue of the same month one year earlier (PY, as of as_of − 1 year). */
  wonLastYear: number;
}

/** Revenue by month of P: won, marketing-sourced, marketing-influenced, and last year's won. */
export async function revenueByMonth(db: SqlExecutor, ctx: KpiContext): Promise<RevenueMonth[]> {
  const { p, py, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const rows = await db.execute<Record<string, unknown>>(sql`
    with months as (${monthsSql(p)}),
    -- The won deals first, so the per-deal EXISTS probes run once per deal (as in the engine's
    -- deals group), not inside a plan the grouping picked.
    won as materialized (
      select d.deal_id, d.amount, d.closed_at, d.primary_lead_id
        from deals d
       where ${wonInWindowSql(p, filters)}
    ),
    cur as (
      select ${monthOf(sql`d.closed_at`, tz)} as month,
             sum(d.amount) as won,
             coalesce(sum(d.amount) filter (where ${marketingSourcedSql()}), 0) as sourced,
             coalesce(sum(d.amount) filter (where ${marketingInfluencedSql(p.asOf)}), 0) as influenced
        from won d
       group by 1
    ),
    prev as (
      select to_char(date_trunc('month', d.closed_at at time zone ${tz}) + interval '1 year', 'YYYY-MM') as month,
             sum(d.amount) as won
        from deals d
       where ${wonInWindowSql(py, filters)}
       group by 1
    )
    select m.month, coalesce(cur.won, 0)::text as won, coalesce(cur.sourced, 0)::text as sourced,
           coalesce(cur.influenced, 0)::text as influenced, coalesce(prev.won, 0)::text as won_last_year
      from months m left join cur on cur.month = m.month left join prev on prev.month = m.month
     order by m.month`);
  return rows.map((r) => ({
    month: text(r.month),
    won: Number(text(r.won)),
    marketingSourced: Number(text(r.sourced)),
    marketingInfluenced: Number(text(r.influenced)),
    wonLastYear: Number(text(r.won_last_year)),
  }));
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

/** Win rate and median sales cycle by month of closing (deals closed in P). */
export async function trendByMonth(db: SqlExecutor, ctx: KpiContext): Promise<TrendMonth[]> {
  const { p, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const rows = await db.execute<Record<string, unknown>>(sql`
    with months as (${monthsSql(p)}),
    c as (
      select ${monthOf(sql`d.closed_at`, tz)} as month,
             count(*) filter (where d.stage = 'closed_won')::int as won,
             count(*) filter (where d.stage = 'closed_lost')::int as lost,
             percentile_cont(0.5) within group (order by extract(epoch from d.closed_at - d.created_at))
               filter (where d.stage = 'closed_won') as median_seconds
        from deals d
       where ${closedInWindowSql(p, filters)}
       group by 1
    )
    select m.month, coalesce(c.won, 0) as won, coalesce(c.lost, 0) as lost, c.median_seconds::text as median_seconds
      from months m left join c on c.month = m.month
     order by m.month`);
  return rows.map((r) => {
    const won = num(r.won);
    const lost = num(r.lost);
    const median = textOrNull(r.median_seconds);
    return {
      month: text(r.month),
      won,
      lost,
      winRate: won + lost === 0 ? null : won / (won + lost),
      medianCycleDays: median === null ? null : Number(median) / 86_400,
    };
  });
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
 */
export async function funnel(db: SqlExecutor, ctx: KpiContext): Promise<FunnelStep[]> {
  const { p, filters } = ctx;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select (select count(*) from leads l where ${leadInWindowSql("created_at", p, filters)})::int as leads,
           (select count(*) from leads l where ${leadInWindowSql("mql_at", p, filters)})::int as mqls,
           (select count(*) from leads l where ${leadInWindowSql("sql_at", p, filters)})::int as sqls,
           (select count(*) from deals d where ${wonInWindowSql(p, filters)})::int as won`);
  const r = rows[0];
  if (!r) throw new Error("funnel query returned nothing");
  const counts = FUNNEL_STAGES.map((s) => num(r[s]));
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
}

/**
 * Deals open at as_of by stage (they add up to `open_pipeline` / `open_deals`). A deal whose
 * stage is closed now but closed after as_of was open at as_of in a stage no longer recorded:
 * it is its own bucket, `closed_after_as_of`.
 */
export async function pipelineByStage(db: SqlExecutor, ctx: KpiContext): Promise<PipelineStage[]> {
  const { p, filters } = ctx;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select case when d.stage in ('closed_won', 'closed_lost') then 'closed_after_as_of' else d.stage::text end as stage,
           count(*)::int as deals, coalesce(sum(d.amount), 0)::text as amount
      from deals d
     where ${openAtAsOfSql(p.asOf, filters)}
     group by 1`);
  const byStage = new Map(rows.map((r) => [text(r.stage), r]));
  return PIPELINE_BUCKETS.map((stage) => {
    const r = byStage.get(stage);
    return { stage, deals: r ? num(r.deals) : 0, amount: r ? Number(text(r.amount)) : 0 };
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

