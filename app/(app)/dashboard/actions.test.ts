import { asc, sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, kpiTargets, users } from "@/db/schema";
import { runActionAs, type ActionState, type ServerAction } from "@/lib/actions/action";
import type { SessionUser } from "@/lib/auth/user";
import { loadStoredTargets, type StaleTarget, type TargetSaved } from "@/lib/dashboard/targets";
import type { Role } from "@/lib/enums";
import { describeDb } from "@/lib/testing/describe-db";
import { clearTargetAction, setTargetAction } from "./actions";

const { revalidatePath } = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath }));

type Result = ActionState<TargetSaved | StaleTarget>;

describeDb("dashboard KPI targets", (t) => {
  const people = {} as Record<Role, SessionUser>;
  let db: Db;
  const set = (user: SessionUser, input: Record<string, unknown>): Promise<Result> =>
    runActionAs(setTargetAction as unknown as ServerAction<Record<string, unknown>, TargetSaved | StaleTarget>, user, db, input);
  const clear = (user: SessionUser, input: Record<string, unknown>): Promise<Result> =>
    runActionAs(clearTargetAction as unknown as ServerAction<Record<string, unknown>, TargetSaved | StaleTarget>, user, db, input);

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      const [row] = await db.insert(users).values({ email: `${role}@test.example`, name: `The ${role} user`, role }).returning();
      people[role] = { id: row!.id, email: row!.email, name: row!.name, role, locale: "en" };
    }
  });
  beforeEach(async () => {
    // Every test starts with no stored target and an empty audit trail.
    for (const table of ["kpi_targets", "audit_log"]) await db.execute(sql`delete from ${sql.identifier(table)}`);
  });

  it("leadership sets a target (a percentage stored as a share), audited with who and what", async () => {
    const res = await set(people.leadership, { kpiKey: "win_rate", target: "30", version: "0" });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    expect(res.data).toEqual({
      status: "ok",
      target: { kpiKey: "win_rate", target: 0.3, direction: "at_least", source: "stored", version: 1 },
    });
    const rows = await db.select().from(kpiTargets);
    expect(rows).toMatchObject([{ kpiKey: "win_rate", target: "0.3", direction: "at_least", version: 1, updatedBy: people.leadership.id }]);
    const audit = await db.select().from(auditLog);
    expect(audit).toMatchObject([
      { entity: "kpi_target", action: "set", entityId: "win_rate", actorUserId: people.leadership.id, before: null, after: { target: "0.3", direction: "at_least", version: 1 } },
    ]);

    // An admin changes it from version 1; the audit keeps before and after.
    const again = await set(people.admin, { kpiKey: "win_rate", target: "27.5", direction: "at_least", version: "1" });
    expect(again.ok).toBe(true);
    expect((await loadStoredTargets(db))[0]).toMatchObject({ target: 0.275, version: 2 });
    const trail = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(trail[1]).toMatchObject({ action: "set", before: { target: "0.3", version: 1 }, after: { target: "0.275", version: 2 }, actorUserId: people.admin.id });
    expect(revalidatePath).toHaveBeenCalledWith("/dashboard");
  });

  it("marketing and sales may not set targets", async () => {
    for (const role of ["marketing", "sales"] as const) {
      const res = await set(people[role], { kpiKey: "win_rate", target: "30", version: "0" });
      expect(res).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db.select().from(kpiTargets)).toEqual([]);
    expect(await db.select().from(auditLog)).toEqual([]);
  });

  it("refuses values outside the unit's range at the target field, writing nothing", async () => {
    const cases: [string, string, string][] = [
      ["win_rate", "-5", "percent_range"],
      ["win_rate", "150", "percent_range"],
      ["revenue", "-1", "negative"],
      ["won_deals", "2.5", "whole_number"],
      ["sales_cycle_days_median", "0", "positive_days"],
      ["revenue", "lots", "invalid_number"],
    ];
    for (const [kpiKey, target, problem] of cases) {
      const res = await set(people.admin, { kpiKey, target, version: "0" });
      expect(res, `${kpiKey} ${target}`).toMatchObject({ ok: false, code: "invalid", fieldErrors: { target: [problem] } });
    }
    expect(await db.select().from(kpiTargets)).toEqual([]);
    expect(await db.select().from(auditLog)).toEqual([]);
  });

  it("a stale edit is refused with the target as it is now; nothing is lost", async () => {
    await set(people.leadership, { kpiKey: "revenue", target: "100000", version: "0" });
    // Someone else, who saw no target (version 0), saves too.
    const late = await set(people.admin, { kpiKey: "revenue", target: "90000", version: "0" });
    expect(late).toMatchObject({
      ok: false,
      code: "stale",
      data: { status: "stale", current: { kpiKey: "revenue", target: 100000, version: 1 } },
    });
    const stale = await set(people.admin, { kpiKey: "revenue", target: "90000", version: "7" });
    expect(stale).toMatchObject({ ok: false, code: "stale" });
    expect(await loadStoredTargets(db)).toMatchObject([{ kpiKey: "revenue", target: 100000, version: 1 }]);
    expect(await db.select().from(auditLog)).toHaveLength(1);
  });

  it("removing a target brings the default back, audited; a stale removal is refused", async () => {
    await set(people.leadership, { kpiKey: "sla_compliance", target: "95", version: "0" });
    expect(await clear(people.leadership, { kpiKey: "sla_compliance", version: "2" })).toMatchObject({ ok: false, code: "stale" });
    const res = await clear(people.leadership, { kpiKey: "sla_compliance", version: "1" });
    expect(res).toMatchObject({ ok: true, data: { status: "ok", target: null } });
    expect(await db.select().from(kpiTargets)).toEqual([]);
    const trail = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(trail.map((a) => a.action)).toEqual(["set", "clear"]);
    expect(trail[1]).toMatchObject({ before: { target: "0.95" }, after: null });
  });

  it("parallel first saves of one KPI: one wins, the other is refused as stale", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => set(people.admin, { kpiKey: "mqls", target: String(100 + i), version: "0" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.code === "stale")).toHaveLength(3);
    expect(await db.select().from(auditLog)).toHaveLength(1);
  });
});
