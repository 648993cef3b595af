import { beforeAll, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { loginAttempts } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { upsertUser } from "@/lib/users/users";
import { authenticate } from "./authenticate";
import { RATE_LIMITS } from "./rate-limit";

const PASSWORD = "correct horse battery";
const PARALLEL = 100;

describeDb("sign-in rate limit under concurrency", (t) => {
  beforeAll(async () => {
    await upsertUser(t().conn.db, { email: "target@example.com", name: "Target", role: "sales", password: PASSWORD });
  });

  it(`checks at most ${RATE_LIMITS.maxFailuresPerAccount} of ${PARALLEL} parallel wrong passwords for one account`, async () => {
    const db = t().conn.db;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        authenticate(db, { email: "target@example.com", password: `guess-${i}`, ip: `198.51.${Math.floor(i / 250)}.${i % 250}` }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const refused = results.filter((r) => !r.ok && r.reason === "rate_limited").length;
    expect(checked).toBe(RATE_LIMITS.maxFailuresPerAccount);
    expect(refused).toBe(PARALLEL - RATE_LIMITS.maxFailuresPerAccount);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginAttempts)
      .where(eq(loginAttempts.email, "target@example.com"));
    expect(row?.n).toBe(RATE_LIMITS.maxFailuresPerAccount);
    // Even the right password is refused now.
    expect(await authenticate(db, { email: "target@example.com", password: PASSWORD, ip: "203.0.113.1" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it(`checks at most ${RATE_LIMITS.maxFailuresPerAddress} of ${PARALLEL} parallel guesses from one address`, async () => {
    const db = t().conn.db;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        authenticate(db, { email: `spray-${i}@example.com`, password: "guess", ip: "192.0.2.200" }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBe(RATE_LIMITS.maxFailuresPerAddress);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginAttempts)
      .where(eq(loginAttempts.ip, "192.0.2.200"));
    expect(row?.n).toBe(RATE_LIMITS.maxFailuresPerAddress);
  });

  it("still signs in in parallel: a success is recorded as one", async () => {
    const db = t().conn.db;
    await upsertUser(db, { email: "busy@example.com", name: "Busy", role: "sales", password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => authenticate(db, { email: "busy@example.com", password: PASSWORD, ip: `203.0.113.${50 + i}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db.select().from(loginAttempts).where(eq(loginAttempts.email, "busy@example.com"));
    expect(rows.map((r) => r.succeeded)).toEqual([true, true, true, true]);
  });
});
