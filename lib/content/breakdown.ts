import "server-only";
import { sql } from "drizzle-orm";
import {
  assetActiveIn,
  customerFacing,
  customerFacingUsageIn,
  dealExists,
  dealFilters,
  inWindow,
  num,
  ts,
  type KpiContext,
  type SqlExecutor,
  type TimeWindow,
} from "@/lib/kpi";
import { assetMetricsSql } from "./metrics";

/**
 * The content page's groupings and the asset page's details, over the same per-asset metrics
 * and the KPI engine's predicates (so a chart adds up to the tiles).
 */

export interface GroupRow {
  /** The funnel stage or asset type; null = no funnel stage. */
  key: string | null;
  active: number;
  used: number;
  uses: number;
  internalUses: number;
}

/** Active assets by funnel stage and by type: how many, how many used, their uses in P. */
export async function contentBreakdown(db: SqlExecutor, ctx: KpiContext): Promise<{ byStage: GroupRow[]; byType: GroupRow[] }> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    with m as (${assetMetricsSql(ctx, { status: "active", limit: null, reach: false })})
    select 'stage' as dim, funnel_stage::text as key, count(*)::int as active, (count(*) filter (where used))::int as used,
           coalesce(sum(uses), 0)::int as uses, coalesce(sum(internal_uses), 0)::int as internal_uses
      from m group by funnel_stage
    union all
    select 'type', type::text, count(*)::int, (count(*) filter (where used))::int, coalesce(sum(uses), 0)::int, coalesce(sum(internal_uses), 0)::int
      from m group by type
    order by 1, 2 nulls last`);
  const decode = (r: Record<string, unknown>): GroupRow => ({
    key: typeof r.key === "string" ? r.key : null,
    active: num(r.active),
    used: num(r.used),
    uses: num(r.uses),
    internalUses: num(r.internal_uses),
  });
  return {
    byStage: rows.filter((r) => r.dim === "stage").map(decode),
    byType: rows.filter((r) => r.dim === "type").map(decode),
  };
}

/** The calendar months of P (at most the last `max`), each clipped to P, as windows seen at P's as_of. */
export async function monthWindows(db: SqlExecutor, ctx: KpiContext, max = 12): Promise<{ month: string; win: TimeWindow }[]> {
  const { p, settings } = ctx;
  const tz = settings.timeZone;
  const rows = await db.execute<Record<string, string>>(sql`
    with m as (
      select greatest(g::date, ${p.fromDate}::date) as f, least((g + interval '1 month' - interval '1 day')::date, ${p.toDate}::date) as t,
             to_char(g, 'YYYY-MM') as month
        from generate_series(date_trunc('month', ${p.fromDate}::date), ${p.toDate}::date, interval '1 month') g
    )
    select month, f::text as f, t::text as t, (f::timestamp at time zone ${tz})::text as s, ((t + 1)::timestamp at time zone ${tz})::text as e
      from m order by month desc limit ${max}`);
  return rows
    .map((r) => ({
      month: r.month!,
      win: { fromDate: r.f!, toDate: r.t!, start: r.s!, end: r.e!, asOf: p.asOf, asOfDate: p.asOfDate },
    }))
    .reverse();
}

/** content_usage_rate month by month (the last 12 months of P): used / active of each month, null without an active asset. */
export async function usageRateByMonth(db: SqlExecutor, ctx: KpiContext): Promise<{ month: string; rate: number | null }[]> {
  const months = await monthWindows(db, ctx);
  if (months.length === 0) return [];
  const parts = months.map(
    ({ month, win }) => sql`
      select ${month}::text as month, count(*)::int as active,
             (count(*) filter (where exists (select 1 from content_usage u where u.asset_id = a.asset_id and ${customerFacingUsageIn(win, "u")})))::int as used
        from content_assets a where ${assetActiveIn(win, "a")}`,
  );
  const rows = await db.execute<Record<string, unknown>>(sql`${sql.join(parts, sql` union all `)}`);
  const by = new Map(rows.map((r) => [String(r.month), r]));
  return months.map(({ month }) => {
    const r = by.get(month);
    const active = r ? num(r.active) : 0;
    return { month, rate: active === 0 ? null : num(r?.used) / active };
  });
}

/** One asset's usages by month of P: customer-facing and internal. */
export async function assetUsageByMonth(
  db: SqlExecutor,
  ctx: KpiContext,
  assetId: string,
): Promise<{ month: string; customerFacing: number; internal: number }[]> {
  const months = await monthWindows(db, ctx, 120);
  const rows = await db.execute<Record<string, unknown>>(sql`
    select to_char(u.occurred_at at time zone ${ctx.settings.timeZone}, 'YYYY-MM') as month,
           (count(*) filter (where ${customerFacing("u")}))::int as cf, (count(*) filter (where not ${customerFacing("u")}))::int as internal
      from content_usage u
     where u.asset_id = ${assetId} and ${inWindow(sql`u.occurred_at`, ctx.p)}
     group by 1`);
  const by = new Map(rows.map((r) => [String(r.month), r]));
  return months.map(({ month }) => ({ month, customerFacing: num(by.get(month)?.cf), internal: num(by.get(month)?.internal) }));
}

export interface AssetUser {
  email: string | null;
  name: string | null;
  customerFacing: number;
  internal: number;
  lastAt: string;
}

/** Who used the asset in P (customer-facing and internal), most customer-facing uses first. */
export async function assetUsers(db: SqlExecutor, ctx: KpiContext, assetId: string): Promise<AssetUser[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select lower(u.user_email) as email, max(tm.name) as name,
           (count(*) filter (where ${customerFacing("u")}))::int as cf, (count(*) filter (where not ${customerFacing("u")}))::int as internal,
           to_char(max(u.occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_at
      from content_usage u left join team_members tm on tm.email = lower(u.user_email)
     where u.asset_id = ${assetId} and ${inWindow(sql`u.occurred_at`, ctx.p)}
     group by lower(u.user_email)
     order by cf desc, internal desc, email nulls last
     limit 100`);
  return rows.map((r) => ({
    email: typeof r.email === "string" ? r.email : null,
    name: typeof r.name === "string" ? r.name : null,
    customerFacing: num(r.cf),
    internal: num(r.internal),
    lastAt: String(r.last_at),
  }));
}

export interface AssetDeal {
  dealId: string;
  name: string;
  /** The deal owner (lower case), or null: who may open the deal's journey (lib/attribution canViewJourney). */
  ownerEmail: string | null;
  amount: string;
  /** The stage at as_of: a close after as_of reads as still open. */
  outcome: "won" | "lost" | "open";
  closedAt: string | null;
  firstUsedAt: string;
  /** A customer-facing usage at or before the close of a deal won in P (kpi-definitions §2). */
  influenced: boolean;
}

/**
 * The deals the asset was on: deals (existing at as_of, with the deal filters) with a
 * customer-facing usage of the asset in P, or won in P with such a usage at or before the close.
 */
export async function assetDeals(db: SqlExecutor, ctx: KpiContext, assetId: string): Promise<AssetDeal[]> {
  const { p, filters } = ctx;
  const asOf = ts(p.asOf);
  const rows = await db.execute<Record<string, unknown>>(sql`
    with u as (
      select u.deal_id, min(u.occurred_at) as first_at
        from content_usage u
       where u.asset_id = ${assetId} and u.deal_id is not null and ${customerFacing("u")} and u.occurred_at <= ${asOf}
       group by u.deal_id
    )
    select d.deal_id, d.name, lower(d.owner_email) as owner_email, d.amount::text as amount,
           case when d.closed_at is null or d.closed_at > ${asOf} then 'open'
                when d.stage = 'closed_won' then 'won' else 'lost' end as outcome,
           case when d.closed_at <= ${asOf} then to_char(d.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as closed_at,
           to_char(u.first_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as first_at,
           (d.stage = 'closed_won' and ${inWindow(sql`d.closed_at`, p)} and u.first_at <= d.closed_at) as influenced,
           exists (select 1 from content_usage x where x.asset_id = ${assetId} and x.deal_id = d.deal_id
                     and ${customerFacingUsageIn(p, "x")}) as in_p
      from u join deals d on d.deal_id = u.deal_id
     where ${dealExists(p.asOf, "d")} and ${dealFilters(filters, "d")}
     order by d.closed_at desc nulls first, d.deal_id
     limit 200`);
  return rows
    .filter((r) => r.in_p === true || r.influenced === true)
    .map((r) => ({
      dealId: String(r.deal_id),
      name: String(r.name),
      ownerEmail: typeof r.owner_email === "string" ? r.owner_email : null,
      amount: String(r.amount),
      outcome: r.outcome === "won" ? "won" : r.outcome === "lost" ? "lost" : "open",
      closedAt: typeof r.closed_at === "string" ? r.closed_at : null,
      firstUsedAt: String(r.first_at),
      influenced: r.influenced === true,
    }));
}

/** The people who own at least one asset (the library's owner filter), by name. */
export async function assetOwners(db: SqlExecutor): Promise<{ email: string; name: string }[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select distinct a.owner_email as email, coalesce(tm.name, a.owner_email) as name
      from content_assets a left join team_members tm on tm.email = a.owner_email
     where a.owner_email is not null
     order by 2, 1`);
  return rows.map((r) => ({ email: String(r.email), name: String(r.name) }));
}
