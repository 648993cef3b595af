import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { ASSET_TYPES, FUNNEL_STAGES } from "@/lib/enums";
import {
  assetActiveIn,
  closedInWindow,
  contentInfluenced,
  customerFacing,
  customerFacingUsageIn,
  dealExists,
  dealFilters,
  inWindow,
  num,
  ts,
  wonInWindow,
  type KpiContext,
  type SqlExecutor,
} from "@/lib/kpi";
import { parseAssetRow, SORT_SQL, type AssetMetrics, type AssetQuery } from "./metrics";

function list(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/**
 * The per-asset metrics computed from scratch over content_usage (no facts tables): the
 * definition the fast statement (./metrics.ts, over the facts of ./facts.ts) is proven equal to
 * in the tests (metrics-facts.test.ts). Not used by the app; same readings as ./metrics.ts.
 */
export function assetMetricsReferenceSql(ctx: KpiContext, q: AssetQuery = {}): SQL {
  const { p, filters } = ctx;
  const asOf = ts(p.asOf);
  const where: SQL[] = [sql`a.published_at <= ${asOf}`];
  const status = q.status ?? "active";
  if (status === "active") where.push(assetActiveIn(p, "a"));
  if (status === "archived") where.push(sql`a.archived_at <= ${asOf}`);
  const types = (q.type ?? []).filter((v) => (ASSET_TYPES as readonly string[]).includes(v));
  if (types.length > 0) where.push(sql`a.type::text in (${list(types)})`);
  const stages = (q.funnelStage ?? []).filter((v) => (FUNNEL_STAGES as readonly string[]).includes(v));
  if (stages.length > 0) where.push(sql`a.funnel_stage::text in (${list(stages)})`);
  if (q.owner && q.owner.length > 0) where.push(sql`lower(a.owner_email) in (${list(q.owner.map((o) => o.toLowerCase()))})`);
  if (q.search) where.push(sql`strpos(lower(a.title), ${q.search.toLowerCase()}) > 0`);
  if (q.assetId) where.push(sql`a.asset_id = ${q.assetId}`);
  const outer: SQL[] = [];
  if (q.used === "used") outer.push(sql`used`);
  if (q.used === "unused") outer.push(sql`not used`);
  if (q.influenced === "none") outer.push(sql`deals_influenced = 0`);
  const sort = SORT_SQL[q.sort ?? "uses"];
  const dir = q.dir === "asc" ? sql.raw("asc") : sql.raw("desc");
  const page = q.limit == null ? sql`` : sql`limit ${q.limit} offset ${q.offset ?? 0}`;

  return sql`
    with closed as (
      select d.deal_id, d.amount, d.closed_at, (d.stage = 'closed_won') as won
        from deals d
       where ${closedInWindow(p, filters, "d")}
    ), totals as (
      select count(*)::int as closed_n, (count(*) filter (where won))::int as won_n from closed
    ), usage_p as (
      select u.asset_id,
             (count(*) filter (where u.action = 'shared'))::int as shared,
             (count(*) filter (where u.action = 'sent'))::int as sent,
             (count(*) filter (where u.action = 'presented'))::int as presented,
             (count(*) filter (where u.action = 'viewed'))::int as viewed,
             (count(*) filter (where u.action = 'downloaded'))::int as downloaded,
             count(distinct u.user_email)::int as users
        from content_usage u
       where ${inWindow(sql`u.occurred_at`, p)}
       group by u.asset_id
    ), touched as (
      select x.asset_id, count(*)::int as deals_touched
        from (select distinct u.asset_id, u.deal_id from content_usage u
               where ${inWindow(sql`u.occurred_at`, p)} and ${customerFacing("u")} and u.deal_id is not null) x
        join deals d on d.deal_id = x.deal_id
       where ${dealExists(p.asOf, "d")} and ${dealFilters(filters, "d")}
       group by x.asset_id
    ), on_deal as (
      select distinct u.asset_id, c.deal_id, c.won, c.amount
        from closed c join content_usage u on u.deal_id = c.deal_id
       where u.deal_id is not null and ${customerFacing("u")} and u.occurred_at <= c.closed_at
    ), deal_stats as (
      select asset_id, count(*)::int as closed_with, (count(*) filter (where won))::int as won_with,
             coalesce(sum(amount) filter (where won), 0) as revenue
        from on_deal group by asset_id
    ), rows as (
      select a.asset_id, a.title, a.type, a.funnel_stage, a.owner_email, a.url, coalesce(av.version, 1) as version,
             to_char(a.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as published_at,
             case when a.archived_at <= ${asOf}
                  then to_char(a.archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as archived_at,
             ${assetActiveIn(p, "a")} as active,
             coalesce(a.archived_at <= ${asOf}, false) as archived,
             coalesce(up.shared, 0) as shared, coalesce(up.sent, 0) as sent, coalesce(up.presented, 0) as presented,
             coalesce(up.shared + up.sent + up.presented, 0) as uses,
             coalesce(up.viewed, 0) as viewed, coalesce(up.downloaded, 0) as downloaded,
             coalesce(up.viewed + up.downloaded, 0) as internal_uses,
             coalesce(up.users, 0) as users,
             coalesce(tc.deals_touched, 0) as deals_touched,
             coalesce(ds.won_with, 0) as deals_influenced,
             round(coalesce(ds.revenue, 0), 2) as influenced_revenue,
             coalesce(ds.closed_with, 0) as closed_with,
             coalesce(ds.won_with, 0) as won_with,
             case when coalesce(ds.closed_with, 0) > 0 then ds.won_with::float8 / ds.closed_with end as win_rate_with,
             t.closed_n - coalesce(ds.closed_with, 0) as closed_without,
             t.won_n - coalesce(ds.won_with, 0) as won_without,
             case when t.closed_n - coalesce(ds.closed_with, 0) > 0
                  then (t.won_n - coalesce(ds.won_with, 0))::float8 / (t.closed_n - coalesce(ds.closed_with, 0)) end
               as win_rate_without,
             (select max(lu.occurred_at) from content_usage lu
               where lu.asset_id = a.asset_id and lu.occurred_at <= ${asOf} and ${customerFacing("lu")}) as last_used_ts,
             extract(epoch from (${asOf} - a.published_at))::float8 / 86400 as days_since_published
        from content_assets a
        cross join totals t
        left join usage_p up on up.asset_id = a.asset_id
        left join touched tc on tc.asset_id = a.asset_id
        left join deal_stats ds on ds.asset_id = a.asset_id
        left join content_asset_versions av on av.asset_id = a.asset_id
       where ${sql.join(where, sql` and `)}
    ), flagged as (
      select r.*, (r.active and r.uses > 0) as used,
             to_char(r.last_used_ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_used_at
        from rows r
    )
    select f.*, (count(*) over ())::int as total_rows
      from flagged f
     ${outer.length > 0 ? sql`where ${sql.join(outer, sql` and `)}` : sql``}
     order by ${q.sort === "last_used_at" ? sql`last_used_ts` : sort} ${dir} nulls last, asset_id asc
     ${page}`;
}


/** Every row of the reference statement, decoded (tests). */
export async function listAssetMetricsReference(db: SqlExecutor, ctx: KpiContext, q: AssetQuery = {}): Promise<{ rows: AssetMetrics[]; total: number }> {
  const rows = await db.execute<Record<string, unknown>>(assetMetricsReferenceSql(ctx, q));
  const first = rows[0];
  return { rows: rows.map((r) => parseAssetRow(r)), total: first ? num(first.total_rows) : 0 };
}

/** The content summary from scratch (the KPI engine's predicates over content_usage): active, used, influenced revenue. */
export async function contentSummaryReference(db: SqlExecutor, ctx: KpiContext): Promise<{ active: number; used: number; revenue: number }> {
  const { p, filters } = ctx;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select (select count(*)::int from content_assets a where ${assetActiveIn(p, "a")}) as active,
           (select count(*)::int from content_assets a
             where ${assetActiveIn(p, "a")}
               and exists (select 1 from content_usage u where u.asset_id = a.asset_id and ${customerFacingUsageIn(p, "u")})) as used,
           (select round(coalesce(sum(d.amount), 0), 2)::text from deals d
             where ${wonInWindow(p, filters, "d")} and ${contentInfluenced(p.asOf, "d")}) as revenue`);
  const r = rows[0]!;
  return { active: num(r.active), used: num(r.used), revenue: Number(r.revenue) };
}
