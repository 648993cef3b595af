import { beforeAll, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { loginAttempts, users } from "@/db/schema";
import { ROLES } from "@/lib/enums";
import { describeDb } from "@/lib/testing/describe-db";
import { upsertUser } from "@/lib/users/users";
import { authenticate } from "./authenticate";
import { PRUNE_INTERVAL_MS, prunePeriodically, RATE_LIMITS } from "./rate-limit";

const PASSWORD = "correct horse battery";

describeDb("authenticate", (t) => {
  beforeAll(async () => {
    const db = t().conn.db;
    for (const role of ROLES) {
      await upsertUser(db, { email: `${role}@example.com`, name: `The ${role}`, role, password: PASSWORD });
    }
    for (const name of ["acct-a", "acct-b", "addr-victim", "reset", "window", "off"]) {
      await upsertUser(db, { email: `${name}@example.com`, name, role: "sales", password: PASSWORD });
    }
  });

  it.each(ROLES)("signs in a %s user with their role (e-mail case-insensitive)", async (role) => {
    const result = await authenticate(t().conn.db, {
      email: `  ${role.toUpperCase()}@Example.com `,
      password: PASSWORD,
      ip: `10.0.0.${ROLES.indexOf(role) + 1}`,
    });
    expect(result).toMatchObject({ ok: true, user: { email: `${role}@example.com`, role, locale: "en" } });
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    const db = t().conn.db;
    const wrong = await authenticate(db, { email: "sales@example.com", password: "nope nope nope", ip: "10.1.0.1" });
    const unknown = await authenticate(db, { email: "ghost@example.com", password: PASSWORD, ip: "10.1.0.1" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a disabled user with the same generic answer", async () => {
    const db = t().conn.db;
    await db.update(users).set({ disabled: true }).where(eq(users.email, "off@example.com"));
    expect(await authenticate(db, { email: "off@example.com", password: PASSWORD, ip: "10.1.0.2" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("limits failures per account: the 6th attempt is refused, even with the right password", async () => {
    const db = t().conn.db;
    const now = new Date();
    for (let i = 1; i <= RATE_LIMITS.maxFailuresPerAccount; i++) {
      const r = await authenticate(db, { email: "acct-a@example.com", password: `wrong-${i}`, ip: `10.2.0.${i}` }, now);
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await authenticate(db, { email: "acct-a@example.com", password: "wrong-6", ip: "10.2.0.6" }, now);
    expect(sixth).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 15 });
    const correct = await authenticate(db, { email: "acct-a@example.com", password: PASSWORD, ip: "10.2.0.7" }, now);
    expect(correct).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another account, even from an address used above, is not affected.
    const other = await authenticate(db, { email: "acct-b@example.com", password: PASSWORD, ip: "10.2.0.1" }, now);
    expect(other).toMatchObject({ ok: true, user: { email: "acct-b@example.com" } });
  });

  it("lifts the account limit once the window has passed", async () => {
    const db = t().conn.db;
    const start = new Date(Date.now() - 60 * 60_000);
    for (let i = 0; i < RATE_LIMITS.maxFailuresPerAccount; i++) {
      await authenticate(db, { email: "window@example.com", password: "bad", ip: "10.3.0.1" }, new Date(start.getTime() + i * 60_000));
    }
    const soon = new Date(start.getTime() + 10 * 60_000);
    expect(await authenticate(db, { email: "window@example.com", password: PASSWORD, ip: "10.3.0.2" }, soon)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterMinutes: 5, // the oldest failure (at start) leaves the 15-minute window at start + 15 min
    });
    const later = new Date(start.getTime() + 16 * 60_000);
    expect(await authenticate(db, { email: "window@example.com", password: PASSWORD, ip: "10.3.0.2" }, later)).toMatchObject({
      ok: true,
    });
  });

  it("does not count an account's failures from before its last successful sign-in", async () => {
    const db = t().conn.db;
    const now = new Date();
    const attempt = (password: string) => authenticate(db, { email: "reset@example.com", password, ip: "10.4.0.1" }, now);
    for (let i = 0; i < 4; i++) await attempt("bad");
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await attempt("bad")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
  });

  it("limits failures per client address across accounts", async () => {
    const db = t().conn.db;
    const now = new Date();
    const ip = "192.0.2.77";
    for (let i = 0; i < RATE_LIMITS.maxFailuresPerAddress; i++) {
      const r = await authenticate(db, { email: `guess-${i}@example.com`, password: "bad", ip }, now);
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await authenticate(db, { email: "addr-victim@example.com", password: PASSWORD, ip }, now);
    expect(blocked).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 15 });
    const elsewhere = await authenticate(db, { email: "addr-victim@example.com", password: PASSWORD, ip: "192.0.2.78" }, now);
    expect(elsewhere).toMatchObject({ ok: true });
  });

  it("prunes attempts older than 30 days in the background of sign-in, at most once an hour", async () => {
    const db = t().conn.db;
    const day = 24 * 60 * 60_000;
    const emails = ["old@prune.example", "recent@prune.example"];
    await db.insert(loginAttempts).values([
      { email: emails[0]!, ip: "10.9.0.1", succeeded: false, at: new Date(Date.now() - 40 * day) },
      { email: emails[1]!, ip: "10.9.0.1", succeeded: false, at: new Date(Date.now() - 2 * day) },
    ]);
    const left = async () =>
      (await db.select({ email: loginAttempts.email }).from(loginAttempts).where(inArray(loginAttempts.email, emails))).map((r) => r.email);
    // Later than any prune a sign-in above may have started, so this one is due.
    const t0 = new Date(Date.now() + 10 * day);
    const pruning = prunePeriodically(db, t0);
    expect(pruning).not.toBeNull();
    expect(await pruning).toBeGreaterThanOrEqual(1);
    expect(await left()).toEqual(["recent@prune.example"]);
    expect(prunePeriodically(db, new Date(t0.getTime() + PRUNE_INTERVAL_MS - 1))).toBeNull();
    expect(await prunePeriodically(db, new Date(t0.getTime() + PRUNE_INTERVAL_MS))).toBe(0);
  });
});
