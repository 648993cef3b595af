import "server-only";
import { sql } from "drizzle-orm";
import { ApiError, type ApiHandler } from "@/lib/api/handler";
import {
  assetActiveIn,
  buildContext,
  contentInfluenced,
  customerFacingUsageIn,
  num,
  parseKpiParams,
  wonInWindow,
  type KpiContext,
  type KpiParams,
  type SqlExecutor,
} from "@/lib/kpi";
import { now } from "@/lib/clock";
import { listAssetMetrics } from "./metrics";

/** The library-wide figures of a period (the headline tiles and the API's top level). */
export interface ContentSummary {
  assetsActive: number;
  assetsUsed: number;
  /** used / active; null without an active asset. */
  usageRate: number | null;
  /** (active − used) / active; null without an active asset. */
  unusedShare: number | null;
  /** content_influenced_revenue (kpi-definitions.md §2), rounded to cents. */
  influencedRevenue: number;
}

/**
 * The summary in one statement, with the KPI engine's predicates: active / used assets
 * (content_usage_rate, not narrowed by the filters) and content_influenced_revenue (deals won in
 * P with the deal filters and a customer-facing usage of theirs at or before the close, of any
 * asset whatever its state). The same numbers as /api/v1/kpis for the same parameters.
 */
export async function contentSummary(db: SqlExecutor, ctx: KpiContext): Promise<ContentSummary> {
  const { p, filters } = ctx;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select (select count(*)::int from content_assets a where ${assetActiveIn(p, "a")}) as active,
           (select count(*)::int from content_assets a
             where ${assetActiveIn(p, "a")}
               and exists (select 1 from content_usage u where u.asset_id = a.asset_id and ${customerFacingUsageIn(p, "u")})) as used,
           (select round(coalesce(sum(d.amount), 0), 2)::text from deals d
             where ${wonInWindow(p, filters, "d")} and ${contentInfluenced(p.asOf, "d")}) as revenue`);
  const r = rows[0];
  if (!r) throw new Error("content summary returned nothing");
  const active = num(r.active);
  const used = num(r.used);
  return {
    assetsActive: active,
    assetsUsed: used,
    usageRate: active === 0 ? null : used / active,
    unusedShare: active === 0 ? null : (active - used) / active,
    influencedRevenue: Number(r.revenue),
  };
}

/** GET /api/v1/content-usage's body (data-contract.md §2). */
export interface ContentUsageBody {
  assets_active: number;
  assets_used: number;
  usage_rate: number | null;
  unused_share: number | null;
  influenced_revenue: number;
  assets: { asset_id: string; title: string; uses: number; deals_influenced: number; influenced_revenue: number }[];
}

/**
 * data-contract.md §2: `assets` lists the active assets (unused ones with 0), `uses` =
 * customer-facing usages in P; an asset's influenced revenue is the full amount of each won deal
 * in P it influenced. Rows sorted by their first numeric column (uses) descending, then the key
 * (asset_id) ascending.
 */
export async function contentUsageReport(db: SqlExecutor, params: KpiParams): Promise<ContentUsageBody> {
  const ctx = await buildContext(db, params);
  const [summary, page] = await Promise.all([
    contentSummary(db, ctx),
    listAssetMetrics(db, ctx, { status: "active", sort: "uses", dir: "desc", limit: null }),
  ]);
  return {
    assets_active: summary.assetsActive,
    assets_used: summary.assetsUsed,
    usage_rate: summary.usageRate,
    unused_share: summary.unusedShare,
    influenced_revenue: summary.influencedRevenue,
    assets: page.rows.map((a) => ({
      asset_id: a.assetId,
      title: a.title,
      uses: a.uses,
      deals_influenced: a.dealsInfluenced,
      influenced_revenue: a.influencedRevenue,
    })),
  };
}

/** The handler behind GET /api/v1/content-usage (wrapped by apiRoute("content", …)). */
export const contentUsageHandler: ApiHandler = async (_req, { db, url }) => {
  const parsed = parseKpiParams(url.searchParams, now());
  if (!parsed.ok) throw new ApiError(400, "invalid_parameter", parsed.message, parsed.field);
  return contentUsageReport(db, parsed.params);
};
