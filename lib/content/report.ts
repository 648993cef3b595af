import "server-only";
import { sql } from "drizzle-orm";
import { ApiError, type ApiHandler } from "@/lib/api/handler";
import type { Db } from "@/db/client";
import { cachedReport } from "@/lib/cache";
import {
  assetActiveIn,
  buildContext,
  kpiReportSpec,
  num,
  parseKpiParams,
  text,
  type KpiContext,
  type KpiParams,
  type SqlExecutor,
} from "@/lib/kpi";
import { now } from "@/lib/clock";
import { influencedRevenueSql, usageCountsSql } from "./facts";
import { assetMetricsSql } from "./metrics";

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
 * The summary in one statement, with the KPI engine's predicates read from the content usage
 * facts (./facts.ts): active / used assets (content_usage_rate, not narrowed by the filters) and
 * content_influenced_revenue (deals won in P with the deal filters and a customer-facing usage of
 * theirs at or before the close, of any existing asset whatever its state). The same numbers as
 * /api/v1/kpis for the same parameters (tests: metrics-facts.test.ts).
 */
export async function contentSummary(db: SqlExecutor, ctx: KpiContext): Promise<ContentSummary> {
  const { p, filters } = ctx;
  const rows = await db.execute<Record<string, unknown>>(sql`
    with up as (${usageCountsSql(p)})
    select (select count(*)::int from content_assets a where ${assetActiveIn(p, "a")}) as active,
           (select count(*)::int from content_assets a join up on up.asset_id = a.asset_id
             where ${assetActiveIn(p, "a")} and up.shared + up.sent + up.presented > 0) as used,
           (${influencedRevenueSql(p, filters)}) as revenue`);
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
 * (asset_id) ascending. Through the report cache (lib/cache; `cache: false` computes, the bench).
 */
export async function contentUsageReport(db: Db, params: KpiParams, opts: { cache?: boolean } = {}): Promise<ContentUsageBody> {
  return cachedReport(db, kpiReportSpec("content.usage", params), async (reader) => {
    const ctx = await buildContext(reader, params);
    const [summary, rows] = await Promise.all([
      contentSummary(reader, ctx),
      reader.execute<Record<string, unknown>>(assetMetricsSql(ctx, { status: "active", sort: "uses", dir: "desc", limit: null, reach: false })),
    ]);
    return {
      assets_active: summary.assetsActive,
      assets_used: summary.assetsUsed,
      usage_rate: summary.usageRate,
      unused_share: summary.unusedShare,
      influenced_revenue: summary.influencedRevenue,
      assets: rows.map((r) => ({
        asset_id: text(r.asset_id),
        title: text(r.title),
        uses: num(r.uses),
        deals_influenced: num(r.deals_influenced),
        influenced_revenue: Number(r.influenced_revenue),
      })),
    };
  }, { enabled: opts.cache === false ? false : undefined });
}

/** The handler behind GET /api/v1/content-usage (wrapped by apiRoute("content", …)). */
export const contentUsageHandler: ApiHandler = async (_req, { db, url }) => {
  const parsed = parseKpiParams(url.searchParams, now());
  if (!parsed.ok) throw new ApiError(400, "invalid_parameter", parsed.message, parsed.field);
  return contentUsageReport(db, parsed.params);
};
