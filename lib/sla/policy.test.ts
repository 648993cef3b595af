import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { clearDomain, insertDataset, setSettings } from "@/lib/kpi/testing";
import { computeKpis } from "@/lib/kpi";
import { updateSettings } from "@/lib/settings/settings";
import { describeDb } from "@/lib/testing/describe-db";
import { deleteRows } from "@/lib/testing/reset";
import { computeSlaReport } from "./report";

/**
 * SLA policy history (docs/sla.md): a change of the policy applies from its moment on; the MQLs
 * before it keep the policy in force at their mql_at. UTC, Mon–Fri 09–17.
 *
 * P1  mql Fri 2025-01-10 16:00, call Mon 01-13 11:30: N = 4 → due Mon 12:00 → met (N = 2 would be due Mon 10:00 → breached)
 * P2  mql Mon 2025-01-20 09:00, call 12:00:           N = 4 → met;  N = 2 → due 11:00 → breached
 * The policy changes from N = 4 to N = 2 on Wed 2025-01-15 00:00 (the app's clock).
 */
const CHANGE = "2025-01-15T00:00:00Z";

describeDb("SLA policy history", (t) => {
  const db = () => t().conn.db;

  beforeEach(async () => {
    await clearDomain(db());
    await deleteRows(db(), "sla_policy_history");
    await setSettings(db());
    await insertDataset(db(), {
      leads: [
        { id: "P1", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-10T16:00:00Z" },
        { id: "P2", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-20T09:00:00Z" },
      ],
      activities: [
        { id: "C1", leadId: "P1", occurredAt: "2025-01-13T11:30:00Z" },
        { id: "C2", leadId: "P2", occurredAt: "2025-01-20T12:00:00Z" },
      ],
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("effective now: a change applies to the MQLs after it; a past period's numbers do not move", async () => {
    const past = { from: "2025-01-01", to: "2025-01-14", asOf: new Date("2025-02-01T00:00:00Z") };
    const jan = { from: "2025-01-01", to: "2025-01-31", asOf: new Date("2025-02-01T00:00:00Z") };
    const pastBefore = await computeSlaReport(db(), past);
    expect(pastBefore.sales).toMatchObject({ mqls: 1, met: 1, breached: 0 });
    expect((await computeSlaReport(db(), jan)).sales).toMatchObject({ mqls: 2, met: 2, breached: 0 });

    vi.stubEnv("ALIGNBOARD_NOW", CHANGE);
    const { changed } = await updateSettings(db(), { sla_response_hours: "2" }, { label: "test" }, { effective: "now" });
    expect(changed).toEqual(["sla_response_hours"]);
    const history = await db().execute<{ valid_until: string; sla_response_hours: string }>(
      sql`select valid_until::text as valid_until, sla_response_hours::text as sla_response_hours from sla_policy_history`,
    );
    expect(history.map((h) => [new Date(h.valid_until).toISOString(), Number(h.sla_response_hours)])).toEqual([["2025-01-15T00:00:00.000Z", 4]]);

    // The past period is unchanged; P2 (after the change) is judged by N = 2: breached.
    expect(await computeSlaReport(db(), past)).toEqual(pastBefore);
    const after = await computeSlaReport(db(), jan);
    expect(after.sales).toEqual({ mqls: 2, met: 1, breached: 1, pending: 0, at_risk: 0, compliance: 0.5 });
    // the dashboard's sla_compliance is the same computation
    expect((await computeKpis(db(), jan)).kpis.sla_compliance).toBe(0.5);

    // A second change (back to 4 h at Jan 18) leaves P1 on 4 h and puts P2 on 4 h again.
    vi.stubEnv("ALIGNBOARD_NOW", "2025-01-18T00:00:00Z");
    await updateSettings(db(), { sla_response_hours: "4" }, { label: "test" }, { effective: "now" });
    expect((await computeSlaReport(db(), jan)).sales).toMatchObject({ met: 2, breached: 0 });
    // Changing a setting outside the policy (currency) records no policy.
    await updateSettings(db(), { currency: "EUR" }, { label: "test" }, { effective: "now" });
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from sla_policy_history`);
    expect(rows[0]?.n).toBe(2);
  });

  it("effective always (the default): the policy in force is corrected, past periods follow it, no version is recorded", async () => {
    const past = { from: "2025-01-01", to: "2025-01-14", asOf: new Date("2025-02-01T00:00:00Z") };
    const jan = { from: "2025-01-01", to: "2025-01-31", asOf: new Date("2025-02-01T00:00:00Z") };
    expect((await computeSlaReport(db(), past)).sales).toMatchObject({ mqls: 1, met: 1, breached: 0 });

    vi.stubEnv("ALIGNBOARD_NOW", CHANGE);
    const { changed } = await updateSettings(db(), { sla_response_hours: "2" }, { label: "test" });
    expect(changed).toEqual(["sla_response_hours"]);
    expect(await db().execute(sql`select id from sla_policy_history`)).toHaveLength(0);
    // P1 (before the change) is judged by N = 2 too: due Mon 10:00, called 11:30 → breached.
    expect((await computeSlaReport(db(), past)).sales).toEqual({ mqls: 1, met: 0, breached: 1, pending: 0, at_risk: 0, compliance: 0 });
    expect((await computeSlaReport(db(), jan)).sales).toEqual({ mqls: 2, met: 0, breached: 2, pending: 0, at_risk: 0, compliance: 0 });
    expect((await computeKpis(db(), jan)).kpis.sla_compliance).toBe(0);
    const audit = await db().execute<{ after: { effective?: string } }>(sql`select after from audit_log where entity = 'settings' order by id desc limit 1`);
    expect(audit[0]?.after).toEqual({ sla_response_hours: 2, effective: "always" });
  });

  it("effective always keeps the recorded versions: it corrects only the policy since the last one", async () => {
    const past = { from: "2025-01-01", to: "2025-01-14", asOf: new Date("2025-02-01T00:00:00Z") };
    const jan = { from: "2025-01-01", to: "2025-01-31", asOf: new Date("2025-02-01T00:00:00Z") };
    // A version from Jan 15 on with N = 8 (P2 met), then a correction of it to N = 2 (P2 breached).
    vi.stubEnv("ALIGNBOARD_NOW", CHANGE);
    await updateSettings(db(), { sla_response_hours: "8" }, { label: "test" }, { effective: "now" });
    const pastBefore = await computeSlaReport(db(), past);
    expect(pastBefore.sales).toMatchObject({ mqls: 1, met: 1, breached: 0 });
    vi.stubEnv("ALIGNBOARD_NOW", "2025-01-25T00:00:00Z");
    await updateSettings(db(), { sla_response_hours: "2" }, { label: "test" }, { effective: "always" });
    const history = await db().execute<{ valid_until: string; h: string }>(
      sql`select valid_until::text as valid_until, sla_response_hours::text as h from sla_policy_history`,
    );
    expect(history.map((r) => [new Date(r.valid_until).toISOString(), Number(r.h)])).toEqual([["2025-01-15T00:00:00.000Z", 4]]);
    // P1 keeps N = 4 (the recorded version); P2 follows the corrected N = 2: breached.
    expect(await computeSlaReport(db(), past)).toEqual(pastBefore);
    expect((await computeSlaReport(db(), jan)).sales).toMatchObject({ mqls: 2, met: 1, breached: 1 });
  });
  it("the monthly MQL target: a change from now on keeps the old target for the months that began before it", async () => {
    // Targets 100 (the default) until Sat 2025-02-15 00:00, then 1. Two MQLs in January, none later.
    const q1 = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-01T00:00:00Z") };
    const before = await computeSlaReport(db(), q1);
    expect(before.marketing.months.map((m) => [m.month, m.target, m.delivered, m.met])).toEqual([
      ["2025-01", 100, 2, false],
      ["2025-02", 100, 0, false],
      ["2025-03", 100, 0, false],
    ]);
    vi.stubEnv("ALIGNBOARD_NOW", "2025-02-15T00:00:00Z");
    await updateSettings(db(), { mql_monthly_target: 1 }, { label: "test" }, { effective: "now" });
    // January and February began under the old target; March is the first month under the new one.
    const after = await computeSlaReport(db(), q1);
    expect(after.marketing.months.map((m) => [m.month, m.target, m.delivered, m.met])).toEqual([
      ["2025-01", 100, 2, false],
      ["2025-02", 100, 0, false],
      ["2025-03", 1, 0, false],
    ]);
    expect(after.marketing.compliance).toBe(0);
    // Corrected for all time ("always"), every month takes the target in force.
    await deleteRows(db(), "sla_policy_history");
    expect((await computeSlaReport(db(), q1)).marketing.months.map((m) => [m.month, m.target, m.met])).toEqual([
      ["2025-01", 1, true],
      ["2025-02", 1, false],
      ["2025-03", 1, false],
    ]);
  });
});
