import "server-only";
import type { Db } from "@/db/client";
import { cachedReport } from "@/lib/cache";
import { comparisonParams } from "@/lib/dashboard/url-state";
import { buildContext, kpiReportSpec, type KpiParams, type OrgSettings } from "@/lib/kpi";
import { contentBreakdown, usageRateByMonth, type GroupRow } from "./breakdown";
import { listAssetMetrics, type AssetPage, type AssetQuery } from "./metrics";
import { contentSummary, type ContentSummary } from "./report";

/** The content page's figures (issue 11 item 3), all from content_assets / content_usage / deals. */
export interface ContentPageData {
  /** The as_of the figures were computed for (ISO): "now" may be served up to the cache's TTL old. */
  asOf: string;
  summary: ContentSummary;
  previous: ContentSummary;
  yearAgo: ContentSummary;
  trend: { month: string; rate: number | null }[];
  breakdown: { byStage: GroupRow[]; byType: GroupRow[] };
  page: AssetPage;
  neverUsed: AssetPage;
  noWin: AssetPage;
}

/** The library query as a cache key part: lists sorted (their order means nothing), owners lower case. */
function normalizedQuery(q: AssetQuery): Record<string, unknown> {
  const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
  return {
    status: q.status ?? "active",
    used: q.used ?? null,
    type: sorted(q.type),
    funnelStage: sorted(q.funnelStage),
    owner: sorted(q.owner?.map((o) => o.toLowerCase())),
    search: q.search ? q.search.toLowerCase() : null,
    assetId: q.assetId ?? null,
    influenced: q.influenced ?? null,
    sort: q.sort ?? "uses",
    dir: q.dir ?? "desc",
    limit: q.limit ?? null,
    offset: q.offset ?? 0,
  };
}

/**
 * Every figure of the content page for the period, its two comparison periods (previous, a year
 * earlier: lib/dashboard comparisonParams in the organisation's time zone) and the library's
 * query, through the report cache (lib/cache, issue 15 item 3): keyed by the normalized period,
 * filters and library query, the as_of (exact, or "now" within the TTL) and the data and settings
 * versions (the time zone is a setting). Sales' ratings and requests are not in it (app tables,
 * read fresh by the page). `cache: false` computes (tests, the bench).
 */
export async function contentPageData(
  db: Db,
  params: KpiParams,
  settings: OrgSettings,
  query: AssetQuery,
  opts: { cache?: boolean } = {},
): Promise<ContentPageData> {
  const base = kpiReportSpec("content.page", params);
  const spec = { ...base, params: { ...(base.params as Record<string, unknown>), library: normalizedQuery(query) } };
  return cachedReport(
    db,
    spec,
    async (reader) => {
      const tz = settings.timeZone;
      const [ctx, previousCtx, yearAgoCtx] = await Promise.all([
        buildContext(reader, params, settings),
        buildContext(reader, comparisonParams(params, "previous", tz), settings),
        buildContext(reader, comparisonParams(params, "year_ago", tz), settings),
      ]);
      const [summary, previous, yearAgo, trend, breakdown, page, neverUsed, noWin] = await Promise.all([
        contentSummary(reader, ctx),
        contentSummary(reader, previousCtx),
        contentSummary(reader, yearAgoCtx),
        usageRateByMonth(reader, ctx),
        contentBreakdown(reader, ctx),
        listAssetMetrics(reader, ctx, query),
        listAssetMetrics(reader, ctx, { status: "active", used: "unused", sort: "days_since_published", dir: "desc", limit: 10 }),
        listAssetMetrics(reader, ctx, { status: "active", used: "used", influenced: "none", sort: "uses", dir: "desc", limit: 10 }),
      ]);
      return { asOf: params.asOf.toISOString(), summary, previous, yearAgo, trend, breakdown, page, neverUsed, noWin };
    },
    { enabled: opts.cache === false ? false : undefined },
  );
}
