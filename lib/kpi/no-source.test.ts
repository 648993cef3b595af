import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { NO_SOURCE_DATASET, NO_SOURCE_PARAMS, NO_SOURCE_QUERY } from "@/lib/testing/no-source";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { computeKpis } from "@/lib/kpi";
import { MARKETING_CHANNELS } from "@/lib/enums";
import { clearDomain, insertDataset } from "./testing";
import { kpisHandler } from "./api";
import { contentUsageHandler } from "@/lib/content/report";

/**
 * The KPI engine on deals without a primary lead and leads of source `unknown`
 * (lib/testing/no-source.ts has the table of the data). Every expected value is worked out by
 * hand below; the inputs of each are named.
 */
describeDb("kpi engine: deals without a primary lead, source unknown", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await clearDomain(db);
    await insertDataset(db, NO_SOURCE_DATASET);
  });

  it("`unknown` is not a marketing channel", () => {
    expect(MARKETING_CHANNELS).not.toContain("unknown");
    expect(MARKETING_CHANNELS).not.toContain("outbound");
    expect(MARKETING_CHANNELS).not.toContain("partner");
  });

  it("counts deals without a primary lead in revenue, win rate, cycles and pipeline; not in marketing-sourced", async () => {
    const { kpis } = await computeKpis(t().conn.db, NO_SOURCE_PARAMS);
    // Won in P: D1 1000 + D2 500 + D3 300 + D4 200 + D9 50 = 2050 (D10's primary lead is created
    // after as_of: it does not exist; D2, D3, D9 have no primary lead and the rule does not apply).
    expect(kpis.revenue).toBe(2050);
    expect(kpis.won_deals).toBe(5);
    expect(kpis.lost_deals).toBe(1); // D5, no primary lead
    expect(kpis.win_rate).toBeCloseTo(5 / 6, 12);
    expect(kpis.average_deal_size).toBe(410); // 2050 / 5
    // Cycles (days): D1 17, D2 26, D3 28, D4 64, D9 19 → median 26, mean 154 / 5 = 30.8.
    expect(kpis.sales_cycle_days_median).toBe(26);
    expect(kpis.sales_cycle_days_mean).toBeCloseTo(30.8, 12);
    // PY (2024-01-01 … 2024-03-31 as of 2024-04-15): D8 100, no primary lead.
    expect(kpis.revenue_prev_year).toBe(100);
    expect(kpis.revenue_growth_yoy).toBeCloseTo((2050 - 100) / 100, 12);
    // Marketing-sourced: D1 only (webinar); D4's lead is `unknown`, D2/D3/D9 have no source.
    expect(kpis.marketing_sourced_revenue).toBe(1000);
    expect(kpis.marketing_sourced_share).toBeCloseTo(1000 / 2050, 12);
    // Influenced: D1 (T1 webinar), D2 through its contact L5 (T3 paid_search ≤ close) = 1500.
    // Not D3 (L3: outbound, partner; L4's webinar touch hangs on a lead created after as_of),
    // not D4 (its only touch is on `unknown`), not D9 (no touches).
    expect(kpis.marketing_influenced_revenue).toBe(1500);
    // Content influence is by the usage's deal_id: D2 (no primary lead) was sent AS1 before its close.
    expect(kpis.content_influenced_revenue).toBe(500);
    expect(kpis.content_usage_rate).toBe(1); // AS1 active and used (sent) in P
    expect(kpis.content_unused_share).toBe(0);
    // Open at as_of: D6 400 (no primary lead) + D7 250 = 650.
    expect(kpis.open_deals).toBe(2);
    expect(kpis.open_pipeline).toBe(650);
    // 2 × 5/6 × 410 / 30.8 = 22.186… → 22.19
    expect(kpis.pipeline_velocity_per_day).toBe(22.19);
    // Leads: MQLs L1, L2 (source unknown counts as a lead like any other); SQL L1, primary lead of won D1.
    expect(kpis.mqls).toBe(2);
    expect(kpis.sqls).toBe(1);
    expect(kpis.mql_to_sql_rate).toBe(0.5);
    expect(kpis.lead_rejection_rate).toBe(0);
    expect(kpis.closing_efficiency).toBe(1);
    // SLA: L1 (Fri 10:00, due 14:00, answered by its SQL ten days later) and L2 (Mon 10:00, no answer): both breached.
    expect(kpis.sla_compliance).toBe(0);
    // Lifetime value: deals won in W (2024-04-01 … 2025-03-31) with an account: D1 1000 (A1), D2 500 (A2),
    // D4 200 (A1), D9 50 (A3) → arpa 1750 / 3; no customer at W's start → churn undefined → 5-year cap.
    expect(kpis.customer_lifetime_value).toBe(2916.67);
    expect(kpis.customer_retention_rate).toBeNull();
  });

  it("a source_channel filter leaves out deals without a primary lead (they have no source)", async () => {
    const { db } = t().conn;
    const webinar = (await computeKpis(db, { ...NO_SOURCE_PARAMS, sourceChannel: ["webinar"] })).kpis;
    expect([webinar.revenue, webinar.won_deals, webinar.lost_deals, webinar.open_deals, webinar.open_pipeline]).toEqual([1000, 1, 0, 1, 250]);
    // `unknown` selects the deals whose primary lead's recorded source is `unknown` (D4), not the deals without one.
    const unknown = (await computeKpis(db, { ...NO_SOURCE_PARAMS, sourceChannel: ["unknown"] })).kpis;
    expect([unknown.revenue, unknown.won_deals, unknown.lost_deals, unknown.open_deals]).toEqual([200, 1, 0, 0]);
    expect(unknown.marketing_sourced_revenue).toBe(0);
    expect(unknown.marketing_influenced_revenue).toBe(0);
    expect(unknown.mqls).toBe(1); // L2
    // Every channel together: the deals with a primary lead that exists (D1, D4), never D2, D3, D9.
    const all = (await computeKpis(db, { ...NO_SOURCE_PARAMS, sourceChannel: ["webinar", "unknown", "paid_search", "outbound"] })).kpis;
    expect(all.revenue).toBe(1200);
  });

  it("GET /api/v1/kpis answers the same numbers", async () => {
    const { db } = t().conn;
    const { key } = await createApiKey(db, { name: "no-source", role: "leadership" });
    const route = apiRoute("dashboard", kpisHandler, { getDb: async () => db });
    const res = await route(new Request(`http://localhost/api/v1/kpis?${NO_SOURCE_QUERY}`, { headers: { Authorization: `Bearer ${key}` } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kpis: Record<string, number | null> };
    expect(body.kpis).toMatchObject({
      content_influenced_revenue: 500,
      revenue: 2050,
      won_deals: 5,
      lost_deals: 1,
      marketing_sourced_revenue: 1000,
      marketing_influenced_revenue: 1500,
      open_pipeline: 650,
      open_deals: 2,
      revenue_prev_year: 100,
    });
    const filtered = await route(
      new Request(`http://localhost/api/v1/kpis?${NO_SOURCE_QUERY}&source_channel=unknown`, { headers: { Authorization: `Bearer ${key}` } }),
    );
    expect(filtered.status).toBe(200);
    expect(((await filtered.json()) as { kpis: Record<string, number | null> }).kpis.revenue).toBe(200);
  });

  it("GET /api/v1/content-usage credits the asset with the deal without a primary lead", async () => {
    const { db } = t().conn;
    const { key } = await createApiKey(db, { name: "no-source content", role: "marketing" });
    const route = apiRoute("content", contentUsageHandler, { getDb: async () => db });
    const res = await route(new Request(`http://localhost/api/v1/content-usage?${NO_SOURCE_QUERY}`, { headers: { Authorization: `Bearer ${key}` } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      assets_active: 1,
      assets_used: 1,
      usage_rate: 1,
      unused_share: 0,
      influenced_revenue: 500,
      assets: [{ asset_id: "AS1", title: "AS1", uses: 1, deals_influenced: 1, influenced_revenue: 500 }],
    });
  });
});
