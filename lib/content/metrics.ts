import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { ASSET_TYPES, FUNNEL_STAGES, type AssetType, type FunnelStage } from "@/lib/enums";
import {
  assetActiveIn,
  closedInWindow,
  customerFacing,
  num,
  text,
  textOrNull,
  ts,
  type KpiContext,
  type SqlExecutor,
} from "@/lib/kpi";
import { dealStatsSql, dealsTouchedSql, usageCountsSql, usersInWindowSql } from "./facts";

/**
 * Per-asset content metrics (issue 11; kpi-definitions.md §1–2), all computed by PostgreSQL in
 * one statement over the usages of the period, for the API, the /content page and its CSV.
 *
 * Readings of the specification, written once here:
 * - An asset exists when `published_at ≤ as_of` (§1). It is *active* in P by the shared
 *   predicate assetActiveIn (published by the end of P, not archived before its start; an
 *   archived_at after as_of is not archived yet). It is *archived* when archived_at ≤ as_of.
 * - `uses` = customer-facing usages (shared, sent, presented) in P, ≤ as_of — the API's `uses`
 *   (data-contract.md §2). Internal usages (viewed, downloaded) are counted separately and never
 *   make an asset "used". Usage counts are not narrowed by the report filters (§1: content
 *   metrics are not narrowed).
 * - `users` = distinct people with any usage (customer-facing or internal) of the asset in P.
 * - Deal figures use the deal filters (§1: "deal owner for deal metrics") and only deals that
 *   exist at as_of. `deals_touched` = distinct deals with a customer-facing usage of the asset in
 *   P. A deal is *influenced* by the asset when it is won in P and has a customer-facing usage of
 *   the asset with that deal_id and occurred_at ≤ closed_at (§2 content_influenced_revenue,
 *   usage at any date); its full amount counts for every asset that influenced it, so assets'
 *   revenues can add up to more than the total (data-contract.md §2).
 * - Win rate with / without the asset, "same stage reached": the data holds no stage history,
 *   so the only stage every compared deal is known to have reached is the close. Both rates are
 *   taken over the deals closed (won or lost) in P (filtered, existing): *with* = those that had
 *   a customer-facing usage of the asset at or before their close, *without* = the others;
 *   win rate = won / closed, null when nothing closed in the group. Open deals are left out of
 *   both, so an asset used early in long deals is not penalised for deals still running.
 * - `last_used_at` = the latest customer-facing usage at or before as_of, at any date (so the
 *   page can tell how long an unused asset has been idle).
 * - `days_since_published` = (as_of − published_at) / 86,400 (exact, §1 durations).
 */

export const ASSET_STATUSES = ["active", "archived", "all"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const USED_FILTERS = ["used", "unused"] as const;
export type UsedFilter = (typeof USED_FILTERS)[number];

/** Columns the asset library may sort by (server-side). */
export const ASSET_SORTS = [
  "title",
  "type",
  "funnel_stage",
  "owner_email",
  "uses",
  "internal_uses",
  "users",
  "deals_touched",
  "deals_influenced",
  "influenced_revenue",
  "win_rate_with",
  "last_used_at",
  "days_since_published",
] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

export interface AssetQuery {
  status?: AssetStatus;
  used?: UsedFilter | null;
  type?: AssetType[];
  funnelStage?: FunnelStage[];
  /** Owner e-mails, lower case. */
  owner?: string[];
  /** Case-insensitive part of the title. */
  search?: string | null;
  /** Only this asset. */
  assetId?: string | null;
  /** `none`: only assets that influenced no deal won in P ("used, but never on a won deal"). */
  influenced?: "none" | null;
  sort?: AssetSort;
  dir?: "asc" | "desc";
  /** null: every row. */
  limit?: number | null;
  offset?: number;
}

export interface AssetMetrics {
  assetId: string;
  title: string;
  type: AssetType;
  funnelStage: FunnelStage | null;
  ownerEmail: string | null;
  url: string | null;
  publishedAt: string;
  archivedAt: string | null;
  /** Active in P (kpi-definitions.md §2). */
  active: boolean;
  /** archived_at ≤ as_of. */
  archived: boolean;
  /** Active with a customer-facing usage in P. */
  used: boolean;
  shared: number;
  sent: number;
  presented: number;
  /** shared + sent + presented in P. */
  uses: number;
  viewed: number;
  downloaded: number;
  /** viewed + downloaded in P. */
  internalUses: number;
  users: number;
  dealsTouched: number;
  dealsInfluenced: number;
  /** Money, rounded to cents. */
  influencedRevenue: number;
  closedWith: number;
  wonWith: number;
  winRateWith: number | null;
  closedWithout: number;
  wonWithout: number;
  winRateWithout: number | null;
  lastUsedAt: string | null;
  daysSincePublished: number;
  version: number;
}

export interface AssetPage {
  rows: AssetMetrics[];
  /** Rows matching the query before paging. */
  total: number;
}

/** The SQL of each sort key (also the reference statement's). */
export const SORT_SQL: Record<AssetSort, SQL> = {
  title: sql`lower(title)`,
  type: sql`type::text`,
  funnel_stage: sql`funnel_stage::text`,
  owner_email: sql`lower(owner_email)`,
  uses: sql`uses`,
  internal_uses: sql`internal_uses`,
  users: sql`users`,
  deals_touched: sql`deals_touched`,
  deals_influenced: sql`deals_influenced`,
  influenced_revenue: sql`influenced_revenue`,
  win_rate_with: sql`win_rate_with`,
  last_used_at: sql`last_used_at`,
  days_since_published: sql`days_since_published`,
};

function list(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** Sorts that need the per-asset reach (users, deals touched) of every row, not only of the page's. */
const REACH_SORTS: readonly AssetSort[] = ["users", "deals_touched"];

/**
 * The metrics statement: one row per existing asset matching the query, sorted and paged, read
 * from the content usage facts (./facts.ts; equal to the from-scratch definition,
 * ./metrics-reference.ts, as the tests prove). The reach columns (users, deals_touched: a probe
 * per user or deal of the asset) are computed after paging, for the page's rows only, unless the
 * sort needs them for all. `reach: false` leaves them out (the API, the breakdown: no column
 * `users` / `deals_touched` in the rows, and last_used_at null unless sorted on). The "without
 * the asset" figures need the window's closed totals (closedTotalsSql, run beside it by
 * listAssetMetrics; parseAssetRow combines them).
 */
export function assetMetricsSql(ctx: KpiContext, q: AssetQuery & { reach?: boolean } = {}): SQL {
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
  const sortKey = q.sort ?? "uses";
  const reach = q.reach ?? true;
  const reachFirst = reach && REACH_SORTS.includes(sortKey);
  const reachLater = reach && !reachFirst;
  // last_used_at (an index probe per asset): left out with the reach columns unless sorted on.
  const lastUsed = reach || sortKey === "last_used_at";
  const reachCols = (alias: string) =>
    sql`${usersInWindowSql(p, alias)} as users, ${dealsTouchedSql(p, filters, alias)} as deals_touched`;
  const order = sql`${sortKey === "last_used_at" ? sql`last_used_ts` : SORT_SQL[sortKey]} ${q.dir === "asc" ? sql.raw("asc") : sql.raw("desc")} nulls last, asset_id asc`;
  const page = q.limit == null ? sql`` : sql`limit ${q.limit} offset ${q.offset ?? 0}`;

  return sql`
    with usage_p as (${usageCountsSql(p)}
    ), deal_stats as (${dealStatsSql(p, filters)}
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
             ${reachFirst ? sql`${reachCols("a")},` : sql``}
             coalesce(ds.won_with, 0) as deals_influenced,
             round(coalesce(ds.revenue, 0), 2) as influenced_revenue,
             coalesce(ds.closed_with, 0) as closed_with,
             coalesce(ds.won_with, 0) as won_with,
             case when coalesce(ds.closed_with, 0) > 0 then ds.won_with::float8 / ds.closed_with end as win_rate_with,
             ${
               lastUsed
                 ? sql`(select max(lu.occurred_at) from content_usage lu
                         where lu.asset_id = a.asset_id and lu.occurred_at <= ${asOf} and ${customerFacing("lu")})`
                 : sql`null::timestamptz`
             } as last_used_ts,
             extract(epoch from (${asOf} - a.published_at))::float8 / 86400 as days_since_published
        from content_assets a
        left join usage_p up on up.asset_id = a.asset_id
        left join deal_stats ds on ds.asset_id = a.asset_id
        left join content_asset_versions av on av.asset_id = a.asset_id
       where ${sql.join(where, sql` and `)}
    ), flagged as (
      select r.*, (r.active and r.uses > 0) as used,
             to_char(r.last_used_ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_used_at
        from rows r
    ), paged as (
      select f.*, (count(*) over ())::int as total_rows
        from flagged f
       ${outer.length > 0 ? sql`where ${sql.join(outer, sql` and `)}` : sql``}
       order by ${order}
       ${page}
    )
    select pg.*${reachLater ? sql`, ${reachCols("pg")}` : sql``}
      from paged pg
     order by ${order}`;
}

const ratio = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The deals closed in the window (won or lost, existing, with the deal filters): the population of the win rates. */
export interface ClosedTotals {
  closed: number;
  won: number;
}

/** ClosedTotals in one statement (run beside assetMetricsSql, on another connection when there is one). */
export function closedTotalsSql(ctx: KpiContext): SQL {
  return sql`
    select count(*)::int as closed_n, (count(*) filter (where d.stage = 'closed_won'))::int as won_n
      from deals d
     where ${closedInWindow(ctx.p, ctx.filters, "d")}`;
}

/**
 * Decodes one row of assetMetricsSql. With `totals`, the "without the asset" figures are the
 * closed deals of the window less the asset's: closed_without = closed − closed_with, won_without
 * = won − won_with, win rate = won_without / closed_without (null when none closed without it);
 * without, they are read from the row (the reference statement computes them in SQL). A double
 * division of two integers either way, so the same number bit for bit.
 */
export function parseAssetRow(r: Record<string, unknown>, totals?: ClosedTotals): AssetMetrics {
  const closedWith = num(r.closed_with);
  const wonWith = num(r.won_with);
  const closedWithout = totals ? totals.closed - closedWith : num(r.closed_without);
  const wonWithout = totals ? totals.won - wonWith : num(r.won_without);
  const winRateWithout = totals ? (closedWithout > 0 ? wonWithout / closedWithout : null) : ratio(r.win_rate_without);
  return {
    assetId: text(r.asset_id),
    title: text(r.title),
    type: text(r.type) as AssetType,
    funnelStage: textOrNull(r.funnel_stage) as FunnelStage | null,
    ownerEmail: textOrNull(r.owner_email),
    url: textOrNull(r.url),
    publishedAt: text(r.published_at),
    archivedAt: textOrNull(r.archived_at),
    active: r.active === true,
    archived: r.archived === true,
    used: r.used === true,
    shared: num(r.shared),
    sent: num(r.sent),
    presented: num(r.presented),
    uses: num(r.uses),
    viewed: num(r.viewed),
    downloaded: num(r.downloaded),
    internalUses: num(r.internal_uses),
    users: num(r.users),
    dealsTouched: num(r.deals_touched),
    dealsInfluenced: num(r.deals_influenced),
    influencedRevenue: Number(r.influenced_revenue),
    closedWith,
    wonWith,
    winRateWith: ratio(r.win_rate_with),
    closedWithout,
    wonWithout,
    winRateWithout,
    lastUsedAt: textOrNull(r.last_used_at),
    daysSincePublished: Number(r.days_since_published),
    version: num(r.version),
  };
}

/** One page of per-asset metrics for the report's context (sorted, filtered, paged in SQL). */
export async function listAssetMetrics(db: SqlExecutor, ctx: KpiContext, q: AssetQuery = {}): Promise<AssetPage> {
  const [rows, totalsRows] = await Promise.all([
    db.execute<Record<string, unknown>>(assetMetricsSql(ctx, q)),
    db.execute<Record<string, unknown>>(closedTotalsSql(ctx)),
  ]);
  const t = totalsRows[0];
  const totals: ClosedTotals = { closed: t ? num(t.closed_n) : 0, won: t ? num(t.won_n) : 0 };
  const first = rows[0];
  return { rows: rows.map((r) => parseAssetRow(r, totals)), total: first ? num(first.total_rows) : 0 };
}
