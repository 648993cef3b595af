import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { NO_SOURCE_DATASET, NO_SOURCE_PARAMS } from "@/lib/testing/no-source";
import { buildContext, computeKpis } from "@/lib/kpi";
import { clearDomain, insertDataset } from "@/lib/kpi/testing";
import { pipelineByStage, funnel } from "./charts";
import { loadRecords } from "./records";
import { parseRecordQuery, type RecordQuery } from "./records-spec";

/**
 * The dashboard's records and charts on deals without a primary lead (lib/testing/no-source.ts):
 * they add up to the cards, show no source channel, and the open deals carry their expected
 * close date and whether it is overdue at as_of (2025-04-15).
 */
function query(kpi: string, extra: Record<string, string> = {}): RecordQuery {
  const parsed = parseRecordQuery(new URLSearchParams({ kpi, ...extra }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
}

describeDb("dashboard records: deals without a primary lead", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await clearDomain(db);
    await insertDataset(db, NO_SOURCE_DATASET);
  });

  it("the won deals behind revenue include the deals without a primary lead, with no source channel", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, NO_SOURCE_PARAMS);
    const page = await loadRecords(db, ctx, query("revenue", { sort: "deal_id" }));
    expect(page.rows.map((r) => [r.deal_id, r.source_channel, r.marketing_sourced, r.marketing_influenced, r.content_influenced])).toEqual([
      ["D1", "webinar", true, true, false],
      ["D2", null, false, true, true],
      ["D3", null, false, false, false],
      ["D4", "unknown", false, false, false],
      ["D9", null, false, false, false],
    ]);
    expect([page.total, Number(page.sum)]).toEqual([5, 2050]);
    const influenced = await loadRecords(db, ctx, query("marketing_influenced_revenue", { sort: "deal_id" }));
    expect(influenced.rows.map((r) => r.deal_id)).toEqual(["D1", "D2"]);
    const sourced = await loadRecords(db, ctx, query("marketing_sourced_revenue"));
    expect(sourced.rows.map((r) => r.deal_id)).toEqual(["D1"]);
    const winRate = await loadRecords(db, ctx, query("win_rate", { sort: "deal_id" }));
    expect(winRate.rows.map((r) => r.deal_id)).toEqual(["D1", "D2", "D3", "D4", "D5", "D9"]);
  });

  it("open deals: expected close date, overdue before as_of's date, sortable; they add up to the pipeline card", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, NO_SOURCE_PARAMS);
    const { kpis } = await computeKpis(db, NO_SOURCE_PARAMS);
    const asc = await loadRecords(db, ctx, query("open_pipeline", { sort: "expected_close_on", dir: "asc" }));
    // D7 expected 2025-04-01 < 2025-04-15: overdue; D6 2025-04-30: not yet.
    expect(asc.rows.map((r) => [r.deal_id, r.expected_close_on, r.overdue, r.source_channel])).toEqual([
      ["D7", "2025-04-01", true, "webinar"],
      ["D6", "2025-04-30", false, null],
    ]);
    expect([asc.total, Number(asc.sum)]).toEqual([kpis.open_deals, kpis.open_pipeline]);
    const desc = await loadRecords(db, ctx, query("open_pipeline", { sort: "expected_close_on", dir: "desc" }));
    expect(desc.rows.map((r) => r.deal_id)).toEqual(["D6", "D7"]);
    const overdueFirst = await loadRecords(db, ctx, query("open_deals", { sort: "overdue", dir: "desc" }));
    expect(overdueFirst.rows.map((r) => r.deal_id)).toEqual(["D7", "D6"]);
    // As of 2025-03-31 D7 (expected 2025-04-01) is not overdue yet.
    const earlier = { ...NO_SOURCE_PARAMS, asOf: new Date("2025-03-31T12:00:00Z") };
    const before = await loadRecords(db, await buildContext(db, earlier), query("open_deals", { sort: "deal_id" }));
    expect(before.rows.map((r) => [r.deal_id, r.overdue])).toEqual([["D6", false], ["D7", false]]);
  });

  it("the pipeline chart and the funnel count the deals without a primary lead", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, NO_SOURCE_PARAMS);
    const stages = await pipelineByStage(db, ctx);
    expect(stages.filter((s) => s.deals > 0)).toEqual([
      { stage: "proposal", deals: 1, amount: 400, overdueDeals: 0, overdueAmount: 0 },
      { stage: "negotiation", deals: 1, amount: 250, overdueDeals: 1, overdueAmount: 250 },
    ]);
    const steps = await funnel(db, ctx);
    expect(steps.find((s) => s.stage === "won")?.count).toBe(5);
  });
});
