import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "@/lib/import";
import { buildContext, computeKpis, type KpiParams } from "@/lib/kpi";
import { funnel, headlineTrendsByMonth, pipelineByStage, revenueByMonth, trendByMonth } from "./charts";
import { loadRecords } from "./records";
import { parseRecordQuery, type RecordQuery } from "./records-spec";
import { comparisonParams } from "./url-state";

/**
 * The dashboard's own queries on the worked example (test/fixtures/tiny, README):
 * P = 2025-01-01 … 2025-03-31, as_of 2025-04-15T00:00:00Z, UTC, no filters.
 */
const PARAMS: KpiParams = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };

function query(kpi: string, extra: Record<string, string> = {}): RecordQuery {
  const parsed = parseRecordQuery(new URLSearchParams({ kpi, ...extra }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
}

describeDb("dashboard queries: tiny fixture", (t) => {
  // Every test reads the fixture; importing it here lets each run on its own.
  let report: Awaited<ReturnType<typeof importFolder>> | null = null;
  beforeAll(async () => {
    report = await importFolder(t().conn.db, TINY_DIR);
  });

  it("imports the fixture", () => {
    expect(report?.ok).toBe(true);
  });

  it("headline sparklines: each month's closing efficiency, SLA compliance and open pipeline is the KPI of that month", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const months = await headlineTrendsByMonth(db, ctx);
    expect(months.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03"]);
    const monthEnds = ["2025-01-31", "2025-02-28", "2025-03-31"];
    for (const [i, m] of months.entries()) {
      const to = monthEnds[i]!;
      // The same as_of as P for the two rates (their populations are the month's SQLs / MQLs).
      const month = (await computeKpis(db, { from: `${m.month}-01`, to, asOf: PARAMS.asOf })).kpis;
      expect(m.closingEfficiency, `${m.month} closing efficiency`).toBe(month.closing_efficiency);
      expect(m.slaCompliance, `${m.month} SLA`).toBe(month.sla_compliance);
      // The pipeline at the month's last millisecond.
      const endOfMonth = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000 - 1);
      const open = (await computeKpis(db, { from: `${m.month}-01`, to, asOf: endOfMonth })).kpis;
      expect(m.openPipeline, `${m.month} pipeline`).toBe(open.open_pipeline);
    }
    // Not a comparison of empty months: the fixture has SQLs, MQLs and open deals in P.
    expect(months.filter((m) => m.closingEfficiency !== null).length).toBeGreaterThan(0);
    expect(months.filter((m) => m.slaCompliance !== null).length).toBeGreaterThan(0);
    expect(months.filter((m) => (m.openPipeline ?? 0) > 0).length).toBeGreaterThan(0);
  });

  it("headline sparklines: the month of as_of reads the pipeline at as_of; later months have none", async () => {
    const { db } = t().conn;
    const params: KpiParams = { from: "2025-03-01", to: "2025-05-31", asOf: new Date("2025-04-15T00:00:00Z") };
    const ctx = await buildContext(db, params);
    const months = await headlineTrendsByMonth(db, ctx);
    const card = (await computeKpis(db, params)).kpis;
    expect(months.map((m) => m.month)).toEqual(["2025-03", "2025-04", "2025-05"]);
    expect(months[1]?.openPipeline).toBe(card.open_pipeline);
    expect(months[2]?.openPipeline).toBeNull();
    // No MQL or SQL in May before as_of: nothing to divide by.
    expect(months[2]?.closingEfficiency).toBeNull();
    expect(months[2]?.slaCompliance).toBeNull();
  });

  it("revenue drills down to D1, D2, D3, D7 summing to 67,000", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const page = await loadRecords(db, ctx, query("revenue"));
    // Won in P (README): D1 40,000 + D2 12,000 + D3 6,000 + D7 9,000 = 67,000; D5 closes after as_of.
    expect(page.rows.map((r) => r.deal_id).sort()).toEqual(["D1", "D2", "D3", "D7"]);
    expect(page.total).toBe(4);
    expect(Number(page.sum)).toBe(67_000);
    expect(page.rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(67_000);
    // default sort: closed_at ascending (D1 02-14, D2 03-10, D3 03-20, D7 03-28)
    expect(page.rows.map((r) => r.deal_id)).toEqual(["D1", "D2", "D3", "D7"]);
    expect(page.rows[0]?.closed_at).toBe("2025-02-14T15:00:00.000Z");
  });

  it("narrows revenue KPIs to the deals they sum, matching the engine", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const kpis = (await computeKpis(db, PARAMS)).kpis;
    // marketing-sourced: D1 (webinar) + D3 (paid_search) = 46,000
    const sourced = await loadRecords(db, ctx, query("marketing_sourced_revenue"));
    expect(sourced.rows.map((r) => r.deal_id).sort()).toEqual(["D1", "D3"]);
    expect(Number(sourced.sum)).toBe(kpis.marketing_sourced_revenue);
    // marketing-influenced: D1 + D2 = 52,000
    const influenced = await loadRecords(db, ctx, query("marketing_influenced_revenue"));
    expect(influenced.rows.map((r) => r.deal_id).sort()).toEqual(["D1", "D2"]);
    expect(Number(influenced.sum)).toBe(kpis.marketing_influenced_revenue);
    const content = await loadRecords(db, ctx, query("content_influenced_revenue"));
    expect(Number(content.sum)).toBe(kpis.content_influenced_revenue);
    // open at as_of: D5 only (closed after as_of), 3,000
    const open = await loadRecords(db, ctx, query("open_pipeline"));
    expect(open.rows.map((r) => [r.deal_id, r.stage])).toEqual([["D5", "closed_after_as_of"]]);
    expect(Number(open.sum)).toBe(kpis.open_pipeline);
    // lost: D4; closed (win rate): 5 deals
    expect((await loadRecords(db, ctx, query("lost_deals"))).rows.map((r) => r.deal_id)).toEqual(["D4"]);
    expect((await loadRecords(db, ctx, query("win_rate"))).total).toBe(5);
    // PY: D0, 8,000
    const py = await loadRecords(db, ctx, query("revenue_prev_year"));
    expect(py.rows.map((r) => r.deal_id)).toEqual(["D0"]);
    expect(Number(py.sum)).toBe(kpis.revenue_prev_year);
  });

  it("lead sets match the engine's counts, with SLA status and as_of masking", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const mqls = await loadRecords(db, ctx, query("mqls"));
    // L002, L005, L006, L007, L008, L009 (L010's mql_at is after as_of)
    expect(mqls.rows.map((r) => r.lead_id).sort()).toEqual(["L002", "L005", "L006", "L007", "L008", "L009"]);
    const status = Object.fromEntries(mqls.rows.map((r) => [r.lead_id, r.sla_status]));
    expect(status).toEqual({ L002: "met", L005: "breached", L006: "met", L007: "met", L008: "breached", L009: "breached" });
    // The SLA page's drill-down: exactly the MQLs of one status (sla:<status>), not a text match.
    const met = await loadRecords(db, ctx, query("mqls", { q: "sla:met" }));
    expect(met.rows.map((r) => r.lead_id).sort()).toEqual(["L002", "L006", "L007"]);
    expect((await loadRecords(db, ctx, query("mqls", { q: "sla:breached" }))).total).toBe(3);
    expect((await loadRecords(db, ctx, query("mqls", { q: "sla:pending" }))).total).toBe(0);
    const sqls = await loadRecords(db, ctx, query("closing_efficiency"));
    // closing efficiency 3/5: L002, L004, L005 closed won by as_of
    expect(sqls.total).toBe(5);
    expect(sqls.rows.filter((r) => r.closed_won === true).map((r) => r.lead_id).sort()).toEqual(["L002", "L004", "L005"]);
    // L007's deal D5 is won after as_of, so L007 is not closed
    expect(sqls.rows.find((r) => r.lead_id === "L007")?.closed_won).toBe(false);
  });

  it("searches, sorts and pages on the server", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const byAmount = await loadRecords(db, ctx, query("revenue", { sort: "amount", dir: "desc", size: "25" }));
    expect(byAmount.rows.map((r) => r.deal_id)).toEqual(["D1", "D2", "D7", "D3"]);
    const searched = await loadRecords(db, ctx, query("revenue", { q: "d7" }));
    expect(searched.rows.map((r) => r.deal_id)).toEqual(["D7"]);
    expect(searched.total).toBe(1);
    expect(Number(searched.sum)).toBe(9_000);
    // LIKE wildcards are literal
    expect((await loadRecords(db, ctx, query("revenue", { q: "%" }))).total).toBe(0);
    const beyond = await loadRecords(db, ctx, query("revenue", { page: "3" }));
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(4);
    const all = await loadRecords(db, ctx, query("revenue", { page: "3" }), { all: true });
    expect(all.rows).toHaveLength(4);
  });

  it("revenue by month: Jan 0, Feb 40,000, Mar 27,000; last year Feb 8,000", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const months = await revenueByMonth(db, ctx);
    expect(months.map((m) => [m.month, m.won, m.wonLastYear])).toEqual([
      ["2025-01", 0, 0],
      ["2025-02", 40_000, 8_000], // D1; D0 won 2024-02-20
      ["2025-03", 27_000, 0], // D2 12,000 + D3 6,000 + D7 9,000
    ]);
    // sourced: Feb D1 40,000, Mar D3 6,000; influenced: Feb D1, Mar D2 12,000
    expect(months.map((m) => m.marketingSourced)).toEqual([0, 40_000, 6_000]);
    expect(months.map((m) => m.marketingInfluenced)).toEqual([0, 40_000, 12_000]);
  });

  it("trend, funnel and pipeline add up to the cards", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const trend = await trendByMonth(db, ctx);
    // Feb: D1 won; Mar: D2, D3, D7 won and D4 lost → 3/4
    expect(trend.map((m) => [m.month, m.won, m.lost, m.winRate])).toEqual([
      ["2025-01", 0, 0, null],
      ["2025-02", 1, 0, 1],
      ["2025-03", 3, 1, 0.75],
    ]);
    // Mar cycles 35, 23, 65.25 days → median 35
    expect(trend[2]?.medianCycleDays).toBeCloseTo(35, 9);
    expect(trend[1]?.medianCycleDays).toBeCloseTo(25 + 5 / 24, 9);
    const steps = await funnel(db, ctx);
    expect(steps.map((s) => s.stage)).toEqual(["leads", "mqls", "sqls", "won"]);
    // mqls 6, sqls 5, won 4 (README)
    expect(steps.slice(1).map((s) => s.count)).toEqual([6, 5, 4]);
    expect(steps[2]?.conversion).toBeCloseTo(5 / 6, 12);
    expect(steps[3]?.dropOff).toBe(1);
    const pipeline = await pipelineByStage(db, ctx);
    expect(pipeline.reduce((s, b) => s + b.amount, 0)).toBe(3_000);
    expect(pipeline.find((b) => b.stage === "closed_after_as_of")?.deals).toBe(1);
  });

  it("the year-ago comparison equals the engine's revenue_prev_year", async () => {
    const { db } = t().conn;
    const current = await computeKpis(db, PARAMS);
    const yearAgo = await computeKpis(db, comparisonParams(PARAMS, "year_ago", "UTC"));
    expect(yearAgo.kpis.revenue).toBe(current.kpis.revenue_prev_year);
  });
});
