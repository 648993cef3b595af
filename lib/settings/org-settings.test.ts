import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeDb } from "@/lib/testing/describe-db";
import { contractSettings, getOrgSettings, orgSettingsFrom, SETTINGS_DEFAULTS } from "./org-settings";
import { updateSettings } from "./settings";

const MON_FRI = [1, 2, 3, 4, 5].map((isoDow) => ({ isoDow, startMinute: 540, endMinute: 1020 }));

describe("orgSettingsFrom", () => {
  it("derives the SLA calendar; bad stored values fall back to the defaults for the computation only", () => {
    const s = orgSettingsFrom({ ...SETTINGS_DEFAULTS, time_zone: " ", sla_response_hours: -1, business_hours: "whenever" });
    expect(s.timeZone).toBe("UTC");
    expect(s.slaResponseHours).toBe(-1);
    expect(s.businessHours).toBe("whenever");
    expect(s.sla).toEqual({ timeZone: "UTC", slaResponseHours: 4, week: MON_FRI, holidays: [] });
  });

  it("sorts the holidays and keeps fractional hours", () => {
    const s = orgSettingsFrom({ ...SETTINGS_DEFAULTS, holidays: ["2025-12-25", "2025-01-01"], sla_response_hours: 2.5 });
    expect(s.holidays).toEqual(["2025-01-01", "2025-12-25"]);
    expect(s.sla.holidays).toEqual(["2025-01-01", "2025-12-25"]);
    expect(s.sla.slaResponseHours).toBe(2.5);
  });
});

describeDb("getOrgSettings", (t) => {
  it("the defaults are the columns' defaults", async () => {
    const { db } = t().conn;
    expect(contractSettings(await getOrgSettings(db))).toEqual(SETTINGS_DEFAULTS);
  });

  it("reads what was stored, also inside a transaction", async () => {
    const { db } = t().conn;
    await updateSettings(db, { time_zone: "Europe/Madrid", sla_response_hours: "6", holidays: "2025-12-25,2025-01-06" }, {}, { effective: "now" });
    const s = await db.transaction(async (tx) => getOrgSettings(tx));
    expect(s).toMatchObject({ timeZone: "Europe/Madrid", slaResponseHours: 6, holidays: ["2025-01-06", "2025-12-25"] });
    // effective now: the policy it replaced stays in the SLA history (docs/sla.md)
    expect(s.sla).toEqual({
      timeZone: "Europe/Madrid",
      slaResponseHours: 6,
      week: MON_FRI,
      holidays: ["2025-01-06", "2025-12-25"],
      history: [{ validUntil: expect.any(String), mqlMonthlyTarget: 100, sla: { timeZone: "UTC", slaResponseHours: 4, week: MON_FRI, holidays: [] } }],
    });
  });

  it("gives the defaults when the row is missing, and a change creates it", async () => {
    const { db } = t().conn;
    await db.execute(sql`delete from organisation_settings`);
    await db.execute(sql`delete from sla_policy_history`);
    expect(await getOrgSettings(db)).toEqual(orgSettingsFrom(SETTINGS_DEFAULTS));
    const { changed } = await updateSettings(db, { currency: "EUR" });
    expect(changed).toEqual(["currency"]);
    expect(contractSettings(await getOrgSettings(db))).toEqual({ ...SETTINGS_DEFAULTS, currency: "EUR" });
  });
});
