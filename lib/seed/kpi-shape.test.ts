import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { computeKpis, type KpiParams } from "@/lib/kpi";
import { describeDb } from "@/lib/testing/describe-db";
import { seedDatabase } from "./seed";

/**
 * The demo data tells a believable B2B story, measured with the KPI engine itself on the small
 * scale (the one the demo and the e2e tests use): marketing sources part of the revenue and
 * influences most of it, revenue grows moderately year over year, and every month has wins.
 */
/** The other seed tests' end of data, and the e2e tests' pinned day (e2e/playwright.config.ts). */
const NOWS = [new Date("2026-11-01T00:00:00Z"), new Date("2026-06-30T00:00:00Z")];
let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "alignboard-shape-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const day = (d: Date) => d.toISOString().slice(0, 10);

describeDb("demo data shape", (t) => {
  it.each(NOWS)("has realistic KPIs over the 12 months before %s and wins in every month", async (NOW) => {
    const db = t().conn.db;
    const monthStart = (monthsBack: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - monthsBack, 1));
    await seedDatabase(db, { scale: "small", seed: 42, now: NOW, folder: join(root, `${t().kind}-${day(NOW)}`) });
    const last12: KpiParams = { from: day(monthStart(12)), to: day(new Date(NOW.getTime() - 86_400_000)), asOf: NOW };
    const { kpis } = await computeKpis(db, last12);
    const revenue = kpis.revenue ?? 0;
    const sourced = (kpis.marketing_sourced_revenue ?? 0) / revenue;
    const influenced = (kpis.marketing_influenced_revenue ?? 0) / revenue;
    const rows: string[] = [
      `revenue ${revenue.toFixed(0)} prev ${String(kpis.revenue_prev_year)} yoy ${String(kpis.revenue_growth_yoy)}`,
      `sourced ${sourced.toFixed(3)} influenced ${influenced.toFixed(3)} win ${String(kpis.win_rate)} won ${String(kpis.won_deals)} lost ${String(kpis.lost_deals)}`,
    ];
    const monthly: number[] = [];
    for (let m = 12; m >= 1; m--) {
      const from = monthStart(m);
      const to = new Date(monthStart(m - 1).getTime() - 86_400_000);
      const r = await computeKpis(db, { from: day(from), to: day(to), asOf: NOW });
      monthly.push(r.kpis.win_rate ?? 0);
      rows.push(`${day(from)} revenue ${String(r.kpis.revenue)} won ${String(r.kpis.won_deals)} lost ${String(r.kpis.lost_deals)} win ${String(r.kpis.win_rate)}`);
    }
    if (process.env.SHOW_SHAPE) console.log(rows.join("\n"));
    expect(sourced).toBeGreaterThanOrEqual(0.3);
    expect(sourced).toBeLessThanOrEqual(0.6);
    expect(influenced).toBeGreaterThanOrEqual(0.6);
    expect(influenced).toBeLessThanOrEqual(0.85);
    expect(kpis.revenue_growth_yoy).not.toBeNull();
    // Revenue grows -10..+40 % year over year at both end dates.
    expect(kpis.revenue_growth_yoy!).toBeGreaterThanOrEqual(-0.1);
    expect(kpis.revenue_growth_yoy!).toBeLessThanOrEqual(0.4);
    if (NOW.getTime() === NOWS[1]!.getTime()) {
      // What the e2e dashboard shows at its pinned now (2026-06-30T12:00Z): the default preset,
      // the last 12 months (2025-07-01 … 2026-06-30).
      const pinned = (await computeKpis(db, { from: "2025-07-01", to: "2026-06-30", asOf: new Date("2026-06-30T12:00:00Z") })).kpis;
      expect(pinned.revenue_growth_yoy!).toBeGreaterThanOrEqual(-0.1);
      expect(pinned.revenue_growth_yoy!).toBeLessThanOrEqual(0.4);
    }
    expect(kpis.win_rate!).toBeGreaterThanOrEqual(0.15);
    expect(kpis.win_rate!).toBeLessThanOrEqual(0.35);
    for (const w of monthly) expect(w).toBeGreaterThan(0);
  }, 600_000);
});
