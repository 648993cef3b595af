import { beforeAll, expect, it } from "vitest";
import { cacheStats } from "@/lib/cache";
import { importFolder } from "@/lib/import";
import { buildContext, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { cachedDashboardChart } from "./cached-charts";
import { pipelineByStage, revenueByMonth } from "./charts";

/**
 * The dashboard's charts through the report cache (issue 15 item 3): a second view is a hit with
 * the same series as a direct computation, and a write to the data is seen by the next view.
 */
const PARAMS: KpiParams = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };

describeDb("dashboard charts through the report cache", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await db.$client.unsafe("update organisation_settings set time_zone = 'UTC', currency = 'USD' where id = 1");
    expect((await importFolder(db, TINY_DIR)).ok).toBe(true);
  });

  it("serves the second view from the cache, equal to a direct computation, and sees a write at once", async () => {
    const { db } = t().conn;
    const settings = await getOrgSettings(db);
    const direct = await pipelineByStage(db, await buildContext(db, PARAMS, settings));
    const view = () => cachedDashboardChart(db, "pipeline", PARAMS, settings, (reader, ctx) => pipelineByStage(reader, ctx));
    expect(await view()).toEqual(direct);
    const hits = cacheStats.hits;
    expect(await view()).toEqual(direct);
    expect(cacheStats.hits).toBe(hits + 1);

    // One more open deal worth 1,000 in the first stage: the next view has it.
    const before = direct.reduce((s, x) => s + x.amount, 0);
    await db.$client.unsafe(
      `insert into deals (deal_id, name, primary_lead_id, amount, currency, created_at, stage)
       select 'CHART-1', 'Chart test', lead_id, 1000, 'USD', '2025-02-01T00:00:00Z', 'qualification' from leads order by lead_id limit 1`,
    );
    const after = await view();
    expect(after.reduce((s, x) => s + x.amount, 0)).toBe(before + 1000);
  });

  it("keys by chart: two charts of one view are two results", async () => {
    const { db } = t().conn;
    const settings = await getOrgSettings(db);
    const revenue = await cachedDashboardChart(db, "revenue", PARAMS, settings, (reader, ctx) => revenueByMonth(reader, ctx));
    expect(revenue.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03"]);
    const pipeline = await cachedDashboardChart(db, "pipeline", PARAMS, settings, (reader, ctx) => pipelineByStage(reader, ctx));
    expect(pipeline).not.toEqual(revenue);
  });
});
