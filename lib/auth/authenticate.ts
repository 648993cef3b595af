import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { dummyHash, verifyPassword } from "./password";
import { completeLoginAttempt, prunePeriodically, reserveLoginAttempt } from "./rate-limit";
import { toSessionUser, type SessionUser } from "./user";

export type AuthenticateResult =
  | { ok: true; user: SessionUser; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

/**
 * The credential check behind sign-in, without Next: rate limit first (a limited attempt is
 * refused even with the right password; the check also counts this attempt, atomically), then
 * the password. An unknown e-mail, a disabled
 * user, a user without a password and a wrong password all give the same "invalid" answer and
 * all cost one argon2 verification. Every attempt is recorded; old ones are pruned in the
 * background (prunePeriodically).
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<AuthenticateResult> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const ip = input.ip || "unknown";
  const attempt = await reserveLoginAttempt(db, { email, ip }, now);
  if (attempt.limited) return { ok: false, reason: "rate_limited", retryAfterMinutes: attempt.retryAfterMinutes };

  const [row] = email ? await db.select().from(users).where(eq(users.email, email)).limit(1) : [];
  const usable = row && !row.disabled && row.passwordHash ? row : null;
  const passwordOk =
    usable?.passwordHash != null
      ? await verifyPassword(usable.passwordHash, input.password)
      : (await verifyPassword(await dummyHash(), input.password), false);
  await completeLoginAttempt(db, attempt.attemptId, passwordOk);
  prunePeriodically(db); // in the background, at most hourly: keeps login_attempts small
  if (!usable || !passwordOk) return { ok: false, reason: "invalid" };
  return { ok: true, user: toSessionUser(usable), sessionVersion: usable.sessionVersion };
}
