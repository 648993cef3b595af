import type { Connection } from "@/db/client";
import { sql } from "drizzle-orm";
import { ATTRIBUTION_MODELS, REPORT_TX_SETTINGS, barePathSql, computeAttribution, withReport } from "@/lib/attribution";
import { summaryCoverage } from "@/lib/attribution/summary";
import { buildContext, type KpiParams } from "@/lib/kpi";

/**
 * The closed-loop section of `npm run bench` (issue 12 item 5): all seven attribution models
 * grouped by channel for the bench's period (12 months by default) — the engine's one
 * statement (over the attribution summary, lib/attribution/summary.ts, with the paths of the deals
 * it lacks built from scratch) plus the exact per-key sums, in its read-only snapshot, as the API
 * and the page run it — against the target of 3 s together; and the ratio to the bare SQL that builds the same
 * paths (every won deal's touches in order, positions, milestones, weights: ./lib/attribution
 * barePathSql), target at most 1.5×. Adds its lines to the summary; returns whether a target
 * was missed.
 */
export const ATTRIBUTION_TARGET_MS = 3_000;
export const ATTRIBUTION_RATIO_TARGET = 1.5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ms = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

export async function benchAttribution(
  conn: Connection,
  params: KpiParams,
  runs: number,
  summary: string[][],
  log: (line?: string) => void,
): Promise<boolean> {
  log("\n== closed loop: seven attribution models by channel");
  const ctx = await buildContext(conn.db, params);
  const models: number[] = [];
  const bare: number[] = [];
  let touches = 0;
  let deals = 0;
  let firstRows = 0;
  for (let i = 0; i < runs + 1; i++) {
    // alternate, so both see the same cache state; the first round warms up and is dropped
    const t0 = performance.now();
    const result = await withReport(conn.db, params, (tx, c) => computeAttribution(tx, c, "channel", ATTRIBUTION_MODELS));
    const t1 = performance.now();
    // the bare SQL in a transaction with the engine's settings (REPORT_TX_SETTINGS), so the ratio compares like with like
    const [row] = await conn.db.transaction(async (tx) => {
      for (const setting of REPORT_TX_SETTINGS) await tx.execute(sql.raw(setting));
      return tx.execute<{ touches: string; deals: string }>(barePathSql(ctx.p, ctx.filters));
    });
    const t2 = performance.now();
    if (i === 0) {
      touches = Number(row?.touches ?? 0);
      deals = Number(row?.deals ?? 0);
      firstRows = result.linear.rows.length;
      continue;
    }
    models.push(t1 - t0);
    bare.push(t2 - t1);
  }
  const m = median(models);
  const b = median(bare);
  const ratio = b > 0 ? m / b : Number.POSITIVE_INFINITY;
  log(`paths: ${deals.toLocaleString("en")} won deals with touches, ${touches.toLocaleString("en")} touches; ${firstRows} channels credited`);
  // The report reads the attribution summary (lib/attribution/summary.ts) and builds only the missing deals' paths.
  const coverage = await summaryCoverage(conn.db);
  log(`attribution summary: ${coverage.summarised.toLocaleString("en")} won deals summarised, ${coverage.missing.toLocaleString("en")} missing (built from scratch)`);
  log(`seven models by channel: median ${ms(m)} over ${runs} runs; bare path SQL: median ${ms(b)}; ratio ${ratio.toFixed(2)}×`);
  const timePass = m < ATTRIBUTION_TARGET_MS;
  const ratioPass = ratio <= ATTRIBUTION_RATIO_TARGET;
  summary.push(["attribution, 7 models by channel (median)", ms(m), `< ${ATTRIBUTION_TARGET_MS} ms`, timePass ? "PASS" : "FAIL"]);
  summary.push(["attribution ÷ bare path SQL", `${ratio.toFixed(2)}×`, `≤ ${ATTRIBUTION_RATIO_TARGET}×`, ratioPass ? "PASS" : "FAIL"]);
  return !(timePass && ratioPass);
}
