import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/db/schema";
import { deleteRows } from "@/lib/testing/reset";
import { describeDb } from "@/lib/testing/describe-db";
import { formatZodError } from "@/lib/actions/zod-errors";
import { getSettings, settingsPatchSchema, updateSettings } from "./settings";
import { parseAssignments, parseSetArguments, runSettingsCommand } from "./cli";

function errorOf(patch: Record<string, unknown>): string {
  const r = settingsPatchSchema.safeParse(patch);
  if (r.success) throw new Error(`expected ${JSON.stringify(patch)} to be rejected`);
  return formatZodError(r.error);
}

describe("settings validation", () => {
  it("names the field for each bad value", () => {
    expect(errorOf({ time_zone: "Mars/Olympus_Mons" })).toBe("time_zone: must be an IANA time zone name, e.g. Europe/Madrid");
    expect(errorOf({ currency: "EURO" })).toMatch(/^currency: must be a 3-letter currency code/);
    expect(errorOf({ sla_response_hours: "0" })).toMatch(/^sla_response_hours: must be a positive number/);
    expect(errorOf({ sla_response_hours: "four" })).toMatch(/^sla_response_hours: /);
    expect(errorOf({ mql_monthly_target: "-1" })).toMatch(/^mql_monthly_target: must be a whole number/);
    expect(errorOf({ mql_monthly_target: "2.5" })).toMatch(/^mql_monthly_target: must be a whole number/);
    expect(errorOf({ business_hours: "weekdays" })).toMatch(/^business_hours: must look like/);
    expect(errorOf({ holidays: "2025-12-25,2025-02-30" })).toBe('holidays: "2025-02-30" is not a date YYYY-MM-DD');
    expect(errorOf({ holidays: "25/12/2025" })).toMatch(/^holidays: /);
  });

  it("normalises good values", () => {
    expect(
      settingsPatchSchema.parse({
        time_zone: " europe/madrid ",
        currency: "eur",
        sla_response_hours: "1.5",
        mql_monthly_target: "0",
        business_hours: "MON-FRI 9:00-17:30",
        holidays: "2025-12-26, 2025-12-25,2025-12-25",
      }),
    ).toEqual({
      time_zone: "Europe/Madrid",
      currency: "EUR",
      sla_response_hours: 1.5,
      mql_monthly_target: 0,
      business_hours: "mon-fri 09:00-17:30",
      holidays: ["2025-12-25", "2025-12-26"],
    });
    expect(settingsPatchSchema.parse({ holidays: "" })).toEqual({ holidays: [] });
    expect(settingsPatchSchema.parse({})).toEqual({});
  });

  it("parses KEY=VALUE assignments and refuses unknown or repeated keys", () => {
    expect(parseAssignments(["currency=eur", "holidays="])).toEqual({ currency: "eur", holidays: "" });
    expect(parseAssignments(["business_hours=mon-fri 09:00-17:00"])).toEqual({ business_hours: "mon-fri 09:00-17:00" });
    expect(() => parseAssignments(["colour=blue"])).toThrow(/unknown setting "colour"/);
    expect(() => parseAssignments(["currency"])).toThrow(/not KEY=VALUE/);
    expect(() => parseAssignments(["currency=EUR", "currency=USD"])).toThrow(/currency: given more than once/);
    expect(() => parseAssignments([])).toThrow(/nothing to set/);
  });

  it("parses --effective anywhere among the assignments, default always", () => {
    expect(parseSetArguments(["currency=eur"])).toEqual({ patch: { currency: "eur" }, effective: "always" });
    expect(parseSetArguments(["sla_response_hours=2", "--effective", "now"])).toEqual({ patch: { sla_response_hours: "2" }, effective: "now" });
    expect(parseSetArguments(["--effective=NOW", "holidays="])).toEqual({ patch: { holidays: "" }, effective: "now" });
    expect(parseSetArguments(["--effective", "always", "time_zone=UTC"])).toEqual({ patch: { time_zone: "UTC" }, effective: "always" });
    expect(() => parseSetArguments(["currency=eur", "--effective", "later"])).toThrow(/^--effective: "later" is not one of always, now$/);
    expect(() => parseSetArguments(["currency=eur", "--effective"])).toThrow(/^--effective needs a value: always or now$/);
    expect(() => parseSetArguments(["--effective", "--effective=now", "currency=eur"])).toThrow(/^--effective needs a value/);
    expect(() => parseSetArguments(["--effective=now", "--effective=always", "currency=eur"])).toThrow(/^--effective: given more than once$/);
    expect(() => parseSetArguments(["--force", "currency=eur"])).toThrow(/^unknown option "--force"; usage: /);
    expect(() => parseSetArguments(["--effective", "now"])).toThrow(/^nothing to set/);
  });
});

describeDb("settings storage", (t) => {
  // Every test starts from the default settings row and no settings audit rows.
  beforeEach(async () => {
    const db = t().conn.db;
    await db.execute(sql`delete from organisation_settings`);
    await db.execute(sql`insert into organisation_settings (id) values (1)`);
    await deleteRows(db, "sla_policy_history");
    await deleteRows(db, "audit_log", sql`entity = 'settings'`);
  });

  it("reads the defaults", async () => {
    expect(await getSettings(t().conn.db)).toEqual({
      time_zone: "UTC",
      currency: "USD",
      sla_response_hours: 4,
      mql_monthly_target: 100,
      business_hours: "mon-fri 09:00-17:00",
      holidays: [],
      date_order: "mdy",
    });
  });

  it("sets the date order of CRM exports, and names the key of a bad value", async () => {
    const db = t().conn.db;
    const { changed } = await updateSettings(db, { date_order: " DMY " });
    expect(changed).toEqual(["date_order"]);
    expect((await getSettings(db)).date_order).toBe("dmy");
    expect(() => settingsPatchSchema.parse({ date_order: "mm/dd" })).toThrow(/mdy \(3\/5\/2024 = March 5\), dmy/);
    await updateSettings(db, { date_order: "mdy" });
  });

  it("updates only what changed and records it in the audit log", async () => {
    const db = t().conn.db;
    const { settings, changed } = await updateSettings(
      db,
      { time_zone: "America/New_York", currency: "usd", holidays: "2025-07-04" },
      { label: "test" },
    );
    expect(changed).toEqual(["time_zone", "holidays"]);
    expect(settings).toMatchObject({ time_zone: "America/New_York", currency: "USD", holidays: ["2025-07-04"] });
    expect(await getSettings(db)).toEqual(settings);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, "settings"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "update",
      actorLabel: "test",
      before: { time_zone: "UTC", holidays: [] },
      after: { time_zone: "America/New_York", holidays: ["2025-07-04"] },
    });
    expect((await updateSettings(db, { currency: "USD" })).changed).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.entity, "settings"))).toHaveLength(1);
  });

  it("rejects a bad value without changing anything", async () => {
    const db = t().conn.db;
    const before = await getSettings(db);
    await expect(updateSettings(db, { currency: "EUR", time_zone: "Nowhere/Land" })).rejects.toBeInstanceOf(z.ZodError);
    expect(await getSettings(db)).toEqual(before);
  });

  it("the command sets and gets, and reports a bad key as one line naming it", async () => {
    const db = t().conn.db;
    const lines: string[] = [];
    await runSettingsCommand(db, ["set", "sla_response_hours=2", "mql_monthly_target=120", "business_hours=mon,tue,thu 08:00-16:00"], (l) =>
      lines.push(l),
    );
    expect(lines[0]).toBe(
      "updated sla_response_hours, mql_monthly_target, business_hours (SLA policy corrected: applies to all MQLs since the last recorded version)",
    );
    // the command's default corrects the policy in force: no version recorded, audited as "always"
    expect(await db.execute(sql`select id from sla_policy_history`)).toHaveLength(0);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entity, "settings"));
    expect(audit).toMatchObject({ actorLabel: "cli", after: { sla_response_hours: 2, effective: "always" } });
    lines.length = 0;
    await runSettingsCommand(db, ["set", "sla_response_hours=3", "--effective", "now"], (l) => lines.push(l));
    expect(lines[0]).toBe("updated sla_response_hours (SLA policy: new version from now on; earlier MQLs keep the previous one)");
    const history = await db.execute<{ h: string }>(sql`select sla_response_hours::text as h from sla_policy_history`);
    expect(history.map((r) => Number(r.h))).toEqual([2]);
    lines.length = 0;
    await runSettingsCommand(db, ["set", "currency=EUR", "--effective=now"], (l) => lines.push(l));
    expect(lines[0]).toBe("updated currency");
    lines.length = 0;
    await runSettingsCommand(db, ["get"], (l) => lines.push(l));
    expect(lines).toContain("sla_response_hours=3");
    expect(lines).toContain("mql_monthly_target=120");
    expect(lines).toContain("business_hours=mon,tue,thu 08:00-16:00");
    await expect(runSettingsCommand(db, ["set", "time_zone=Mars/Base"], () => undefined)).rejects.toThrow(
      /^time_zone: must be an IANA time zone name/,
    );
    await expect(runSettingsCommand(db, ["frobnicate"], () => undefined)).rejects.toThrow(/unknown command/);
  });
});
