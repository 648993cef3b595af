import { beforeEach, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import { describeDb } from "@/lib/testing/describe-db";
import { LastAdminError } from "./admins";
import { runUserCommand } from "./cli";
import { listUsers, resetUserPassword, setUserDisabled, setUserRole } from "./manage";
import { upsertUser } from "./users";
import { deleteRows } from "@/lib/testing/reset";

describeDb("users", (t) => {
  // Every test starts without users (and so without their audit rows).
  beforeEach(async () => {
    await deleteRows(t().conn.db, "audit_log");
    await t().conn.db.execute(sql`delete from users`);
  });

  const run = async (argv: string[], stdin = "") => {
    const lines: string[] = [];
    await runUserCommand(t().conn.db, argv, { out: (l) => lines.push(l), readStdin: async () => stdin });
    return lines;
  };

  it("the command creates and then updates a user, reading the password from stdin", async () => {
    const db = t().conn.db;
    expect(
      await run(["create", "--email", "Boss@Example.com", "--name", "Boss", "--role", "admin", "--password-stdin"], "s3cret-password\n"),
    ).toEqual(["created user boss@example.com (admin)"]);
    const [row] = await db.select().from(users).where(eq(users.email, "boss@example.com"));
    expect(row?.role).toBe("admin");
    expect(await verifyPassword(row?.passwordHash ?? "", "s3cret-password")).toBe(true);
    expect(await run(["create", "--email", "boss@example.com", "--name", "The Boss", "--role", "admin"])).toEqual([
      "updated user boss@example.com (admin)",
    ]);
    const [updated] = await db.select().from(users).where(eq(users.email, "boss@example.com"));
    expect(updated?.name).toBe("The Boss");
    expect(updated?.passwordHash).toBe(row?.passwordHash); // no --password-stdin: password kept
  });

  it("the command validates its input with one clear line naming the field", async () => {
    const base = ["create", "--name", "N", "--password-stdin"];
    await expect(run([...base, "--email", "not-an-email", "--role", "sales"], "long enough pw")).rejects.toThrow(
      /^email: must be an e-mail address$/,
    );
    await expect(run([...base, "--email", "a@example.com", "--role", "boss"], "long enough pw")).rejects.toThrow(
      /^role: must be one of admin, leadership, marketing, sales$/,
    );
    await expect(run([...base, "--email", "a@example.com", "--role", "sales"], "short\n")).rejects.toThrow(
      /^password: must be at least 10 characters$/,
    );
    await expect(run([...base, "--email", "a@example.com", "--role", "sales"], "\n")).rejects.toThrow(/standard input was empty/);
    await expect(run(["create", "--email", "new@example.com", "--name", "N", "--role", "sales"])).rejects.toThrow(
      /--password-stdin is required/,
    );
    await expect(run(["create", "--name", "N", "--role", "sales", "--password-stdin"], "long enough pw")).rejects.toThrow(
      /--email is required/,
    );
    await expect(run(["create", "--email", "a@example.com", "--name", "N", "--role", "sales", "--locale", "fr", "--password-stdin"], "long enough pw")).rejects.toThrow(/^locale: must be one of en, es$/);
    await expect(run(["explode"])).rejects.toThrow(/unknown command "explode"/);
  });

  it("lists, changes roles, disables and enables through the command", async () => {
    await run(["create", "--email", "rep@example.com", "--name", "Rep", "--role", "sales", "--password-stdin"], "long enough pw");
    expect(await run(["set-role", "--email", "rep@example.com", "--role", "marketing"])).toEqual([
      "user rep@example.com is now marketing",
    ]);
    expect(await run(["disable", "--email", "REP@example.com"])).toEqual(["disabled user rep@example.com"]);
    const listed = await run(["list"]);
    expect(listed.find((l) => l.includes("rep@example.com"))).toMatch(/role=marketing locale=en disabled$/);
    expect(await run(["enable", "--email", "rep@example.com"])).toEqual(["enabled user rep@example.com"]);
    await expect(run(["disable", "--email", "nobody@example.com"])).rejects.toThrow(/no user with e-mail nobody@example.com/);
    await expect(run(["set-role", "--email", "rep@example.com", "--role", "king"])).rejects.toThrow(/^role: must be one of/);
  });

  it("never removes the last active admin", async () => {
    const db = t().conn.db;
    await upsertUser(db, { email: "boss@example.com", name: "Boss", role: "admin" });
    // boss@example.com is the only admin.
    const admins = (await listUsers(db)).filter((u) => u.role === "admin" && !u.disabled);
    expect(admins.map((a) => a.email)).toEqual(["boss@example.com"]);
    const boss = admins[0]!;
    await expect(setUserRole(db, { id: boss.id }, "sales")).rejects.toBeInstanceOf(LastAdminError);
    await expect(setUserDisabled(db, { id: boss.id }, true)).rejects.toBeInstanceOf(LastAdminError);
    await expect(upsertUser(db, { email: "boss@example.com", name: "Boss", role: "leadership" })).rejects.toBeInstanceOf(
      LastAdminError,
    );
    await expect(run(["disable", "--email", "boss@example.com"])).rejects.toThrow(/last active admin/);
    // With a second admin, the first may step down.
    const second = await upsertUser(db, { email: "second@example.com", name: "Second", role: "admin", password: "long enough pw" });
    await setUserDisabled(db, { id: second.id }, true, { label: "test" });
    await expect(setUserRole(db, { id: boss.id }, "sales")).rejects.toBeInstanceOf(LastAdminError); // disabled admins don't count
    await setUserDisabled(db, { id: second.id }, false);
    expect((await setUserRole(db, { id: boss.id }, "leadership", { userId: second.id })).changed).toBe(true);
    await expect(setUserRole(db, { id: second.id }, "sales")).rejects.toBeInstanceOf(LastAdminError);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, String(boss.id)));
    expect(audit.some((a) => a.action === "set_role" && a.actorUserId === second.id)).toBe(true);
  });

  it("resets a password, validating it and auditing without the secret", async () => {
    const db = t().conn.db;
    const { id } = await upsertUser(db, { email: "pw@example.com", name: "Pw", role: "sales", password: "first password" });
    await expect(resetUserPassword(db, { id }, "short")).rejects.toThrow(/at least 10 characters/);
    await resetUserPassword(db, { id }, "second password", { label: "test" });
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(await verifyPassword(row?.passwordHash ?? "", "second password")).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "reset_password"));
    expect(JSON.stringify(audit)).not.toContain("second password");
    expect(JSON.stringify(audit)).not.toContain(row?.passwordHash ?? "-");
  });

  it("refuses to let a user disable their own account, with a domain error a form can show", async () => {
    const db = t().conn.db;
    const { id } = await upsertUser(db, { email: "self@example.com", name: "Self", role: "sales", password: "long enough pw" });
    const refused = await setUserDisabled(db, { id }, true, { userId: id }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "forbidden", key: "self_disable" });
    expect((await listUsers(db)).find((u) => u.id === id)?.disabled).toBe(false);
    expect((await setUserDisabled(db, { id }, true, { label: "test" })).changed).toBe(true);
  });

  it("refuses a demotion of the last admin at the role field", async () => {
    const db = t().conn.db;
    const admin = await upsertUser(db, { email: "only-admin@example.com", name: "Only Admin", role: "admin", password: "long enough pw" });
    const refused = await setUserRole(db, { id: admin.id }, "sales").catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: "conflict", key: "last_admin", field: "role" });
  });
});
