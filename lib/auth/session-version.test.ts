import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import type { Session } from "next-auth";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage";
import { upsertUser } from "@/lib/users/users";

/** The app's auth code reads getDb(); point it at the suite's test database. */
const current = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "session-version-test-secret-0123456789";
  return { db: null as Db | null };
});
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => {
    if (!current.db) throw new Error("test database not ready");
    return current.db;
  },
}));

const { authenticate } = await import("./authenticate");
const { authOptions, sessionCookie } = await import("./options");
const { createSessionCookie } = await import("./sign-in");
const { checkSessionToken, endSessionsOfToken, isSessionRevoked, refreshSessionToken } = await import("./session-version");

const PASSWORD = "correct horse battery";
const SECRET = process.env.NEXTAUTH_SECRET ?? "";

/** Signs in like the sign-in form does and returns the session cookie's value (what an attacker would capture). */
async function signIn(db: Db, email: string): Promise<string> {
  const result = await authenticate(db, { email, password: PASSWORD, ip: "198.51.100.1" });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return (await createSessionCookie(result.user, result.sessionVersion)).value;
}

/**
 * What next-auth does with a cookie on /api/auth/session and in getServerSession: decode, run
 * the `jwt` callback, then the `session` callback; a throwing callback means "no session".
 */
async function replay(cookie: string): Promise<Session | null> {
  const token = await decode({ token: cookie, secret: SECRET });
  if (!token) return null;
  const { jwt, session } = authOptions.callbacks ?? {};
  if (!jwt || !session) throw new Error("callbacks missing");
  try {
    const refreshed = await jwt({ token, user: undefined as never, account: null });
    const base = { user: { name: token.name, email: token.email }, expires: new Date(Date.now() + 60_000).toISOString() };
    return (await session({ session: base as Session, token: refreshed, user: undefined as never, newSession: undefined, trigger: "update" })) as Session;
  } catch (err) {
    if (isSessionRevoked(err)) return null;
    throw err;
  }
}

async function signOut(cookie: string): Promise<void> {
  const token = await decode({ token: cookie, secret: SECRET });
  await authOptions.events?.signOut?.({ token: token ?? {}, session: undefined as never });
}

describeDb("revocable sessions", (t) => {
  beforeAll(async () => {
    current.db = t().conn.db;
    for (const name of ["signout", "reset", "disable", "role", "current", "legacy", "replayer"]) {
      await upsertUser(t().conn.db, { email: `${name}@example.com`, name, role: "marketing", password: PASSWORD });
    }
  });

  it("a live session reports the user, with the role read from the database", async () => {
    const cookie = await signIn(t().conn.db, "current@example.com");
    expect((await replay(cookie))?.user).toMatchObject({ email: "current@example.com", role: "marketing", locale: "en" });
    // A change made behind the app's back (no session bump) still shows on the next request.
    await t().conn.db.update(users).set({ role: "leadership", name: "Renamed" }).where(eq(users.email, "current@example.com"));
    expect((await replay(cookie))?.user).toMatchObject({ role: "leadership", name: "Renamed" });
  });

  it("a cookie captured before sign-out no longer works, on any device", async () => {
    const db = t().conn.db;
    const captured = await signIn(db, "signout@example.com");
    const otherDevice = await signIn(db, "signout@example.com");
    expect(await replay(captured)).not.toBeNull();
    await signOut(otherDevice);
    expect(await replay(captured)).toBeNull();
    expect(await replay(otherDevice)).toBeNull();
    // Signing in again works.
    expect(await replay(await signIn(db, "signout@example.com"))).not.toBeNull();
  });

  it("a cookie captured before a password reset no longer works", async () => {
    const db = t().conn.db;
    const captured = await signIn(db, "reset@example.com");
    await resetUserPassword(db, { email: "reset@example.com" }, "a brand new password");
    expect(await replay(captured)).toBeNull();
  });

  it("a password change through upsertUser ends sessions too, a name change does not", async () => {
    const db = t().conn.db;
    const captured = await signIn(db, "replayer@example.com");
    await upsertUser(db, { email: "replayer@example.com", name: "New name", role: "marketing" });
    expect(await replay(captured)).not.toBeNull();
    await upsertUser(db, { email: "replayer@example.com", name: "New name", role: "marketing", password: "yet another password" });
    expect(await replay(captured)).toBeNull();
  });

  it("a cookie captured before disable-then-enable no longer works", async () => {
    const db = t().conn.db;
    const captured = await signIn(db, "disable@example.com");
    await setUserDisabled(db, { email: "disable@example.com" }, true);
    expect(await replay(captured)).toBeNull();
    await setUserDisabled(db, { email: "disable@example.com" }, false);
    expect(await replay(captured)).toBeNull();
    expect(await replay(await signIn(db, "disable@example.com"))).not.toBeNull();
  });

  it("a cookie captured before a role change no longer works", async () => {
    const db = t().conn.db;
    const captured = await signIn(db, "role@example.com");
    await setUserRole(db, { email: "role@example.com" }, "admin");
    expect(await replay(captured)).toBeNull();
    const fresh = await signIn(db, "role@example.com");
    expect((await replay(fresh))?.user.role).toBe("admin");
  });

  it("a revoked cookie cannot be used to sign the user out again", async () => {
    const db = t().conn.db;
    const old = await signIn(db, "legacy@example.com");
    await signOut(old);
    const live = await signIn(db, "legacy@example.com");
    await signOut(old); // replayed sign-out of the dead cookie
    expect(await replay(live)).not.toBeNull();
    const token = await decode({ token: old, secret: SECRET });
    expect(await endSessionsOfToken(db, token)).toBe(false);
  });

  it("tokens from before session versions count as version 0", async () => {
    const db = t().conn.db;
    const [row] = await db.select().from(users).where(eq(users.email, "current@example.com"));
    if (!row) throw new Error("no user");
    expect(row.sessionVersion).toBe(0);
    const legacy = { uid: row.id, role: row.role, name: row.name, email: row.email };
    expect((await refreshSessionToken(db, legacy)).role).toBe(row.role);
    expect(() => checkSessionToken({ ...legacy, sv: 1 }, row)).toThrow(/session ended/);
    expect(() => checkSessionToken({}, row)).toThrow(/session ended/);
  });
});

describe("sessionCookie", () => {
  it("is next-auth's default name, __Secure- prefixed on https", () => {
    expect(sessionCookie("http://localhost:3000").name).toBe("next-auth.session-token");
    expect(sessionCookie("https://app.example.com")).toMatchObject({
      name: "__Secure-next-auth.session-token",
      options: { secure: true, httpOnly: true, sameSite: "lax" },
    });
  });
});
