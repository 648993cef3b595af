import type { Db } from "@/db/client";
import { listAssetMetrics } from "@/lib/content/metrics";
import { contentUsageReport } from "@/lib/content/report";
import { buildContext, type KpiParams } from "@/lib/kpi";

/**
 * The content section of `npm run bench` (issue 11, item 6), on the same 12-month period as the
 * KPIs: a page of 50 assets sorted by influenced revenue (the library's heaviest sort: every
 * asset's won deals) under 500 ms, and GET /api/v1/content-usage's body (every active asset)
 * under 1 s; each the median of `runs` warm runs after a first one. Adds its rows to the
 * summary; returns whether a target failed.
 */
export const CONTENT_PAGE_TARGET_MS = 500;
export const CONTENT_API_TARGET_MS = 1000;

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
  const page = await median(runs, async () => {
    const ctx = await buildContext(db, params);
    return listAssetMetrics(db, ctx, { status: "active", sort: "influenced_revenue", dir: "desc", limit: 50, offset: 0 });
  });
  const api = await median(runs, () => contentUsageReport(db, params));
  log(`asset library, 50 by influenced revenue: first ${ms(page.first)}, median ${ms(page.median)}`);
  log(`content-usage API body: first ${ms(api.first)}, median ${ms(api.median)}`);
  const pagePass = page.median < CONTENT_PAGE_TARGET_MS;
  const apiPass = api.median < CONTENT_API_TARGET_MS;
  summary.push(["content library, 50 assets by influenced revenue (median)", ms(page.median), `< ${CONTENT_PAGE_TARGET_MS} ms`, pagePass ? "PASS" : "FAIL"]);
  summary.push(["content-usage API, 12 months (median)", ms(api.median), `< ${CONTENT_API_TARGET_MS} ms`, apiPass ? "PASS" : "FAIL"]);
  return !(pagePass && apiPass);
}
