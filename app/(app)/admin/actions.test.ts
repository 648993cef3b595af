import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { runActionAs, type ActionState, type ServerAction } from "@/lib/actions/action";
import type { SessionUser } from "@/lib/auth/user";
import type { Role } from "@/lib/enums";
import { getSettings, getSettingsVersion, listSlaPolicyHistory, type SettingKey, type SettingsEffective } from "@/lib/settings/settings";
import { describeDb } from "@/lib/testing/describe-db";
import { updateSlaPolicyAction } from "./actions";

const { revalidatePath } = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath }));

type Result = ActionState<{ changed: SettingKey[]; effective: SettingsEffective }>;

describeDb("admin: the SLA policy editor", (t) => {
  const people = {} as Record<Role, SessionUser>;
  let db: Db;
  const save = (user: SessionUser, input: Record<string, unknown>): Promise<Result> =>
    runActionAs(updateSlaPolicyAction as unknown as ServerAction<Record<string, unknown>, Result["data"]>, user, db, input);
  const form = async (over: Record<string, string> = {}): Promise<Record<string, string>> => ({
    time_zone: "Europe/Madrid",
    sla_response_hours: "2",
    business_hours: "mon-fri 09:00-17:00",
    holidays: "2025-12-25, 2025-01-06",
    mql_monthly_target: "120",
    effective: "now",
    version: await getSettingsVersion(db),
    ...over,
  });

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      const [row] = await db.insert(users).values({ email: `${role}@policy.example`, name: `The ${role} user`, role }).returning();
      people[role] = { id: row!.id, email: row!.email, name: row!.name, role, locale: "en" };
    }
  });
  beforeEach(async () => {
    for (const table of ["audit_log", "sla_policy_history", "organisation_settings"]) await db.execute(sql`delete from ${sql.identifier(table)}`);
    await db.execute(sql`insert into organisation_settings (id) values (1)`);
  });

  it("an admin changes the policy from now on: the replaced policy is recorded, audited with who and the mode", async () => {
    vi.stubEnv("ALIGNBOARD_NOW", "2025-03-01T10:00:00Z");
    try {
      const res = await save(people.admin, await form());
      expect(res, JSON.stringify(res)).toMatchObject({
        ok: true,
        data: { changed: ["time_zone", "sla_response_hours", "mql_monthly_target", "holidays"], effective: "now" },
      });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await getSettings(db)).toMatchObject({
      time_zone: "Europe/Madrid",
      sla_response_hours: 2,
      mql_monthly_target: 120,
      holidays: ["2025-01-06", "2025-12-25"],
    });
    expect(await listSlaPolicyHistory(db)).toMatchObject([
      { validUntil: new Date("2025-03-01T10:00:00Z"), timeZone: "UTC", slaResponseHours: 4, businessHours: "mon-fri 09:00-17:00", holidays: [], mqlMonthlyTarget: 100 },
    ]);
    const audit = await db.select().from(auditLog);
    expect(audit).toMatchObject([
      {
        entity: "settings",
        action: "update",
        actorUserId: people.admin.id,
        before: { time_zone: "UTC", sla_response_hours: 4 },
        after: { time_zone: "Europe/Madrid", sla_response_hours: 2, effective: "now" },
      },
    ]);
    expect(revalidatePath).toHaveBeenCalledWith("/admin");
  });

  it("correcting the current policy records no version; the audit says so", async () => {
    const res = await save(people.admin, await form({ effective: "always", sla_response_hours: "6" }));
    expect(res).toMatchObject({ ok: true, data: { effective: "always" } });
    expect(await listSlaPolicyHistory(db)).toEqual([]);
    expect((await getSettings(db)).sla_response_hours).toBe(6);
    const audit = await db.select().from(auditLog);
    expect(audit).toMatchObject([{ after: { sla_response_hours: 6, effective: "always" } }]);
  });

  it("only admins may edit the policy", async () => {
    for (const role of ["leadership", "marketing", "sales"] as const) {
      expect(await save(people[role], await form())).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await save(null as unknown as SessionUser, await form())).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await getSettings(db)).sla_response_hours).toBe(4);
    expect(await db.select().from(auditLog)).toEqual([]);
  });

  it("a business-hours grammar error is reported at its field, writing nothing", async () => {
    const res = await save(people.admin, await form({ business_hours: "weekdays 9 to 5" }));
    expect(res).toMatchObject({ ok: false, code: "invalid" });
    expect(Object.keys(res.fieldErrors ?? {})).toEqual(["business_hours"]);
    expect(res.fieldErrors?.business_hours).toEqual(['unknown day "weekdays" (use mon, tue, wed, thu, fri, sat, sun, or the full names)']);
    const bad = await save(people.admin, await form({ holidays: "2025-02-30", time_zone: "Mars/Base", effective: "later", sla_response_hours: "" }));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["effective", "holidays", "sla_response_hours", "time_zone"]);
    expect(bad.fieldErrors?.holidays).toEqual(['"2025-02-30" is not a date YYYY-MM-DD']);
    expect((await getSettings(db)).business_hours).toBe("mon-fri 09:00-17:00");
    expect(await db.select().from(auditLog)).toEqual([]);
  });

  it("an edit from a stale form is refused and changes nothing", async () => {
    const stale = await form({ sla_response_hours: "3" });
    expect(await save(people.admin, await form({ sla_response_hours: "5", effective: "always" }))).toMatchObject({ ok: true });
    const res = await save(people.admin, stale);
    expect(res).toMatchObject({ ok: false, code: "stale_settings" });
    expect((await getSettings(db)).sla_response_hours).toBe(5);
    expect(await db.select().from(auditLog)).toHaveLength(1);
  });
});
