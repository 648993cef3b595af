import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_BAD_ROWS_DIR, TINY_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "@/lib/import";
import { computeKpis, KPI_KEYS, KPI_DEFINITIONS, type KpiKey, type KpiResult } from "@/lib/kpi";
import { clearDomain } from "./testing";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { kpisHandler } from "./api";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { buildContext } from "./windows";
import { marketingSlaGroup, salesSlaGroup } from "./groups/sla";

/**
 * The worked example (test/fixtures/tiny): the engine's answer must equal the `kpis`
 * section of expected.json number for number — money to the cent, ratios within 1e-9, counts
 * exact, nulls as null — for the fixture's parameters; and tiny-bad-rows (the same data plus
 * rejected rows) must give the same answer.
 */
interface ExpectedSla {
  sales: { mqls: number; met: number; breached: number; pending: number; at_risk: number; compliance: number | null };
  by_owner: { owner_email: string | null; mqls: number; met: number; breached: number; pending: number; compliance: number | null }[];
  marketing: { months: { month: string; target: number; delivered: number; met: boolean }[]; compliance: number | null };
}
const expected = JSON.parse(readFileSync(resolve(TINY_DIR, "expected.json"), "utf8")) as {
  kpis: KpiResult;
  sla: ExpectedSla;
};
const PARAMS = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };

function expectKpisEqual(actual: KpiResult, wanted: KpiResult): void {
  expect(actual.period).toEqual(wanted.period);
  expect(Object.keys(actual.kpis).sort()).toEqual(Object.keys(wanted.kpis).sort());
  for (const key of Object.keys(wanted.kpis) as KpiKey[]) {
    const want = wanted.kpis[key];
    const got = actual.kpis[key];
    if (want === null) {
      expect(got, key).toBeNull();
      continue;
    }
    expect(got, key).not.toBeNull();
    const unit = KPI_DEFINITIONS[key].unit;
    if (unit === "count") expect(got, key).toBe(want);
    else if (unit === "money" || unit === "money_per_day") expect(Math.round((got ?? 0) * 100), key).toBe(Math.round(want * 100));
    else expect(Math.abs((got ?? 0) - want), key).toBeLessThan(1e-9);
  }
}

describeDb("kpi engine: tiny fixture", (t) => {
  // The tests below read the fixture; importing it here lets each run on its own.
  let report: Awaited<ReturnType<typeof importFolder>> | null = null;
  beforeAll(async () => {
    report = await importFolder(t().conn.db, TINY_DIR);
  });

  it("has every KPI key of the definitions", () => {
    expect([...KPI_KEYS].sort()).toEqual(Object.keys(expected.kpis.kpis).sort());
  });

  it("matches expected.json for tiny", async () => {
    const { db } = t().conn;
    expect(report?.ok).toBe(true);
    const result = await computeKpis(db, PARAMS);
    expectKpisEqual(result, expected.kpis);
    // money is already rounded to cents in the output
    expect(result.kpis.pipeline_velocity_per_day).toBe(361.04);
    expect(JSON.stringify(result.period)).toBe(
      '{"from":"2025-01-01","to":"2025-03-31","as_of":"2025-04-15T00:00:00Z"}',
    );
  });

  it("GET /api/v1/kpis with the fixture's parameters answers expected.json's kpis section", async () => {
    const { db } = t().conn;
    const { key } = await createApiKey(db, { name: "tiny fixture", role: "leadership" });
    const route = apiRoute("dashboard", kpisHandler, { getDb: async () => db });
    const res = await route(
      new Request("http://localhost/api/v1/kpis?from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z", {
        headers: { Authorization: `Bearer ${key}` },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as KpiResult;
    expect(Object.keys(body)).toEqual(["period", "kpis"]);
    expectKpisEqual(body, expected.kpis);
  });

  it("the SLA groups match expected.json's sla section", async () => {
    const { db } = t().conn;
    const settings = await getOrgSettings(db);
    const ctx = await buildContext(db, PARAMS, settings);
    const sales = await salesSlaGroup(db, ctx.p, ctx.filters, settings.sla);
    const marketing = await marketingSlaGroup(db, ctx.p, settings);
    const want = expected.sla;
    expect({
      sales: { mqls: sales.mqls, met: sales.met, breached: sales.breached, pending: sales.pending, at_risk: sales.atRisk, compliance: sales.compliance },
      by_owner: sales.byOwner.map((o) => ({
        owner_email: o.ownerEmail, mqls: o.mqls, met: o.met, breached: o.breached, pending: o.pending, compliance: o.compliance,
      })),
      marketing,
    }).toEqual(want);
  });

  it("matches expected.json for tiny-bad-rows (after clearing)", async () => {
    const { db } = t().conn;
    await clearDomain(db);
    const report = await importFolder(db, TINY_BAD_ROWS_DIR);
    expect(report.ok).toBe(false);
    expectKpisEqual(await computeKpis(db, PARAMS), expected.kpis);
  });
});
