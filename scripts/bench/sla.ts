import { sql } from "drizzle-orm";
import type { Connection } from "@/db/client";
import { buildContext, slaLeadsSql, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { computeSlaReport, loadSlaPage } from "@/lib/sla";

/**
 * The SLA section of `npm run bench` (issue 10 item 6), on the same connection and period as the
 * KPI benchmark: the SLA page's whole data (lib/sla loadSlaPage: both sides, queue, breached
 * list, distribution, teams, trend, rejections) for the last quarter of the period, and
 * GET /api/v1/sla's report (computeSlaReport) for the 12 months, each against 1 s; and the ratio
 * of the API's time to the SLA status SQL alone (the engine's slaLeadsSql, counted).
 */
export const SLA_TARGET_MS = 1000;

export interface SlaBenchResult {
  summary: string[][];
  failed: boolean;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

async function timeRuns(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The first day of the quarter (three calendar months) ending with `to`'s month. */
function quarterOf(to: string): { from: string; to: string } {
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 3, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

export async function benchSla(conn: Connection, params: KpiParams, runs: number, log: (line?: string) => void): Promise<SlaBenchResult> {
  log("\n== SLA (lib/sla: the SLA page and GET /api/v1/sla)");
  const n = Math.max(1, runs);
  const quarter: KpiParams = { ...params, ...quarterOf(params.to) };
  await loadSlaPage(conn.db, quarter); // warm-up
  const page = median(await timeRuns(n, () => loadSlaPage(conn.db, quarter)));
  const api = median(await timeRuns(n, () => computeSlaReport(conn.db, params)));
  const settings = await getOrgSettings(conn.db);
  const context = await buildContext(conn.db, params, settings);
  const statusSql = sql`select count(*) from (${slaLeadsSql(context.p, context.filters, settings.sla)}) s`;
  const alone = median(await timeRuns(n, () => conn.db.execute(statusSql)));
  const ratio = alone > 0 ? api / alone : Number.NaN;
  log(`page data, ${quarter.from} … ${quarter.to}: median ${ms(page)}`);
  log(`API report, ${params.from} … ${params.to}: median ${ms(api)}`);
  log(`SLA status SQL alone, 12 months: median ${ms(alone)}; API / status SQL = ${ratio.toFixed(2)}×`);
  const pagePass = page < SLA_TARGET_MS;
  const apiPass = api < SLA_TARGET_MS;
  return {
    failed: !pagePass || !apiPass,
    summary: [
      ["SLA page data, a quarter (median)", ms(page), `< ${SLA_TARGET_MS} ms`, pagePass ? "PASS" : "FAIL"],
      ["/api/v1/sla, 12 months (median)", ms(api), `< ${SLA_TARGET_MS} ms`, apiPass ? "PASS" : "FAIL"],
      ["/api/v1/sla ÷ SLA status SQL alone", `${ratio.toFixed(2)}×`, "", ""],
    ],
  };
}
