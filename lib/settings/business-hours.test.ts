import { expect, it, describe } from "vitest";
import { formatZodError } from "@/lib/actions/zod-errors";
import { parseBusinessHours as engineParse } from "@/lib/kpi";
import { describeDb } from "@/lib/testing/describe-db";
import { getOrgSettings, orgSettingsFrom, SETTINGS_DEFAULTS } from "./org-settings";
import { settingsPatchSchema, updateSettings } from "./settings";

/**
 * Settings validation and the SLA engine read `business_hours` with one grammar (lib/time): what
 * one accepts the other accepts, and the engine reads the canonical text settings store as the
 * same schedule as the text typed.
 */
function settingsRead(patch: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = settingsPatchSchema.safeParse(patch);
  return r.success ? { ok: true, value: Object.values(r.data)[0] } : { ok: false, message: formatZodError(r.error) };
}

describe("business_hours: settings and the engine agree", () => {
  it.each([
    ["mon-fri 09:00-17:00", "mon-fri 09:00-17:00"],
    ["mon-thu 08:00-18:00; fri 08:00-14:00", "mon-thu 08:00-18:00; fri 08:00-14:00"],
    ["Mon-Thu 08:00-18:00;fri 08:00-14:00;", "mon-thu 08:00-18:00; fri 08:00-14:00"],
    ["mon-thu 08:00-18:00; fri 08:00-14:00; sat 10:00-12:00", "mon-thu 08:00-18:00; fri 08:00-14:00; sat 10:00-12:00"],
    ["mon-fri 09:00-17:00; fri 09:00-13:00", "mon-thu 09:00-17:00; fri 09:00-13:00"],
    ["MON-FRI 9:00-17:30", "mon-fri 09:00-17:30"],
    [" MON,Tue,thu   8:30-12:00 ", "mon,tue,thu 08:30-12:00"],
    ["sun-thu 08:00-16:00", "mon-thu,sun 08:00-16:00"],
    ["sat-sun 00:00-24:00", "sat,sun 00:00-24:00"],
    ["mon - fri 09:00 - 17:00", "mon-fri 09:00-17:00"],
    ["monday-friday 09:00-17:00", "mon-fri 09:00-17:00"],
    ["tues,thurs 10:00-16:00", "tue,thu 10:00-16:00"],
  ])("accepts %j as %j", (text, stored) => {
    expect(settingsRead({ business_hours: text })).toEqual({ ok: true, value: stored });
    const week = engineParse(text);
    expect(week).not.toBeNull();
    // What the engine computes from the stored (canonical) text is the schedule that was typed.
    expect(orgSettingsFrom({ ...SETTINGS_DEFAULTS, business_hours: stored }).sla.week).toEqual(week);
  });

  it.each([
    ["", /^business_hours: must look like "mon-fri 09:00-17:00"/],
    ["weekdays", /^business_hours: must look like/],
    ["weekdays 09:00-17:00", /^business_hours: unknown day "weekdays"/],
    ["mon-fry 09:00-17:00", /^business_hours: unknown day "fry"/],
    ["monkey 09:00-17:00", /^business_hours: unknown day "monkey"/],
    ["mon wed 09:00-17:00", /^business_hours: "mon wed" is not one day/],
    ["mon-fri 9-17", /^business_hours: "9" is not a time HH:MM/],
    ["mon-fri 09:00-25:00", /^business_hours: "25:00" is not a time between 00:00 and 23:59/],
    ["mon-fri 17:00-09:00", /^business_hours: the end time must be after the start time/],
    ["mon,,fri 09:00-17:00", /^business_hours: "mon,,fri" has an empty day/],
    ["mon-tue-wed 09:00-17:00", /^business_hours: "mon-tue-wed" is not a day or a day range/],
    ["mon-thu 08:00-18:00; fri 14:00-08:00", /^business_hours: the end time must be after the start time \(in "fri 14:00-08:00"\)/],
  ])("rejects %j in both, with a message naming what is wrong", (text, message) => {
    const r = settingsRead({ business_hours: text });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
    expect(engineParse(text)).toBeNull();
  });
});

describe("holidays: settings validation", () => {
  it.each([
    ["2025-12-26, 2025-12-25,2025-12-25", { ok: true, value: ["2025-12-25", "2025-12-26"] }],
    ["", { ok: true, value: [] }],
    [" 2024-02-29 ,", { ok: true, value: ["2024-02-29"] }],
    ["2025-12-25,2025-02-30", { ok: false, message: 'holidays: "2025-02-30" is not a date YYYY-MM-DD' }],
    ["25/12/2025", { ok: false, message: 'holidays: "25/12/2025" is not a date YYYY-MM-DD' }],
    ["0000-01-01", { ok: false, message: 'holidays: "0000-01-01" is not a date YYYY-MM-DD' }],
  ])("%j", (text, expected) => {
    expect(settingsRead({ holidays: text })).toEqual(expected);
  });
});

describeDb("business hours stored by settings, read by the engine", (t) => {
  it("the split week and holidays round-trip to the SLA settings", async () => {
    const db = t().conn.db;
    await updateSettings(db, { business_hours: "Mon-Thu 08:00-18:00; fri 08:00-14:00", holidays: "2025-12-26, 2025-12-25" });
    const org = await getOrgSettings(db);
    expect(org.businessHours).toBe("mon-thu 08:00-18:00; fri 08:00-14:00");
    expect(org.sla.week).toEqual(engineParse("mon-thu 08:00-18:00; fri 08:00-14:00"));
    expect(org.sla.week.map((w) => [w.isoDow, w.startMinute, w.endMinute])).toEqual([
      [1, 480, 1080],
      [2, 480, 1080],
      [3, 480, 1080],
      [4, 480, 1080],
      [5, 480, 840],
    ]);
    expect(org.sla.holidays).toEqual(["2025-12-25", "2025-12-26"]);
  });
});
