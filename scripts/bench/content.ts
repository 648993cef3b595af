import type { Db } from "@/db/client";
import { listAssetMetrics } from "@/lib/content/metrics";
import { contentPageData } from "@/lib/content/page-data";
import { contentUsageReport } from "@/lib/content/report";
import { buildContext, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";

/**
 * The content section of `npm run bench` (issue 11, item 6; `--only content` runs it alone), on
 * the same 12-month period as the KPIs, computed without the report cache (the work a cache miss
 * does): a page of 50 assets sorted by influenced revenue (the library's heaviest sort: every
 * asset's won deals) under 500 ms, and GET /api/v1/content-usage's body (every active asset)
 * under 1 s; each the median of `runs` warm runs after a first one. Also, for information, the
 * whole content page's figures (tiles with both comparisons, trend, charts, library page, the two
 * action lists) computed, and the API served from the cache. Prints the data set's size (the
 * content usages and the facts tables of migration 0014). Adds its rows to the summary; returns
 * whether a target failed.
 */
export const CONTENT_PAGE_TARGET_MS = 500;
export const CONTENT_API_TARGET_MS = 1000;

/** The first run's time and the median of `runs` further runs, in ms. */
async function median(runs: number, f: () => Promise<unknown>): Promise<{ first: number; median: number }> {
  const t = async () => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  const first = await t();
  const xs: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) xs.push(await t());
  xs.sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  return { first, median: xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2 };
}

export async function benchContent(db: Db, params: KpiParams, runs: number, summary: string[][], log: (line?: string) => void): Promise<boolean> {
  const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
  log("\n== content (issue 11)");
  const [size] = await db.$client.unsafe<{ usages: string; assets: string; days: string; users: string; deals: string }[]>(
    `select (select count(*) from content_usage) as usages, (select count(*) from content_assets) as assets,
            (select count(*) from content_usage_days) as days, (select count(*) from content_asset_users) as users,
            (select count(*) from content_asset_deals) as deals`,
  );
  const n = (v: string | undefined) => Number(v ?? 0).toLocaleString("en");
  log(
    `data: ${n(size?.usages)} usages of ${n(size?.assets)} assets; facts: ${n(size?.days)} asset-days, ${n(size?.users)} asset-users, ${n(size?.deals)} asset-deals`,
  );
  const settings = await getOrgSettings(db);
  const page = await median(runs, async () => {
    const ctx = await buildContext(db, params, settings);
    return listAssetMetrics(db, ctx, { status: "active", sort: "influenced_revenue", dir: "desc", limit: 50, offset: 0 });
  });
  const api = await median(runs, () => contentUsageReport(db, params, { cache: false }));
  const whole = await median(Math.min(runs, 3), () =>
    contentPageData(db, params, settings, { status: "active", sort: "influenced_revenue", dir: "desc", limit: 50, offset: 0 }, { cache: false }),
  );
  await contentUsageReport(db, params);
  const cached = await median(runs, () => contentUsageReport(db, params));
  log(`asset library, 50 by influenced revenue: first ${ms(page.first)}, median ${ms(page.median)}`);
  log(`content-usage API body: first ${ms(api.first)}, median ${ms(api.median)}`);
  log(`the whole content page's figures (3 periods, trend, charts, library, lists): first ${ms(whole.first)}, median ${ms(whole.median)}`);
  log(`content-usage API body from the report cache: median ${ms(cached.median)}`);
  const pagePass = page.median < CONTENT_PAGE_TARGET_MS;
  const apiPass = api.median < CONTENT_API_TARGET_MS;
  summary.push(["content library, 50 assets by influenced revenue (median)", ms(page.median), `< ${CONTENT_PAGE_TARGET_MS} ms`, pagePass ? "PASS" : "FAIL"]);
  summary.push(["content-usage API, 12 months (median)", ms(api.median), `< ${CONTENT_API_TARGET_MS} ms`, apiPass ? "PASS" : "FAIL"]);
  summary.push(["content page figures, computed (median)", ms(whole.median), "—", ""]);
  summary.push(["content-usage API, cached (median)", ms(cached.median), "—", ""]);
  return !(pagePass && apiPass);
}
