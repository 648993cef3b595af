import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

/**
 * Sign-in rate limiting, persisted in login_attempts so it holds across processes.
 * - per account: at most 5 failures in 15 minutes (failures before the account's last
 *   successful sign-in do not count);
 * - per client address: at most 20 failures in 15 minutes (a success does not reset it, so
 *   one known account cannot be used to keep guessing others).
 * A refused (rate-limited) attempt is not recorded, so "try again in N minutes" stays true.
 */
export const RATE_LIMITS = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
} as const;

export type RateLimitResult = { limited: false } | { limited: true; retryAfterMinutes: number };

const WINDOW_MS = RATE_LIMITS.windowMinutes * 60_000;

/** When the limit lifts: the max-th most recent failure leaves the window. */
function retryAfter(failures: Date[], max: number, now: Date): number | null {
  if (failures.length < max) return null;
  const pivot = failures[max - 1];
  if (!pivot) return null;
  const ms = pivot.getTime() + WINDOW_MS - now.getTime();
  return ms > 0 ? Math.max(1, Math.ceil(ms / 60_000)) : null;
}

/** Whether an attempt by `who` must be refused now, and for how many more minutes. */
export async function checkRateLimit(
  db: Db,
  who: { email: string; ip: string },
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [lastSuccess] = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, who.email), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  const accountSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
  const accountFailures = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.email, who.email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, accountSince)),
    )
    .orderBy(desc(loginAttempts.at))
    .limit(RATE_LIMITS.maxFailuresPerAccount);
  const addressFailures = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, who.ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(RATE_LIMITS.maxFailuresPerAddress);
  const waits = [
    retryAfter(
      accountFailures.map((r) => r.at),
      RATE_LIMITS.maxFailuresPerAccount,
      now,
    ),
    retryAfter(
      addressFailures.map((r) => r.at),
      RATE_LIMITS.maxFailuresPerAddress,
      now,
    ),
  ].filter((m): m is number => m != null);
  return waits.length ? { limited: true, retryAfterMinutes: Math.max(...waits) } : { limited: false };
}

/** Records a sign-in attempt (refused, rate-limited attempts are not recorded). */
export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean },
  now: Date = new Date(),
): Promise<void> {
  await db.insert(loginAttempts).values({ ...attempt, at: now });
}

/** Deletes attempts older than `days` (they no longer matter for limiting). */
export async function pruneLoginAttempts(db: Db, days = 30): Promise<number> {
  const rows = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, sql`now() - make_interval(days => ${days})`))
    .returning({ id: loginAttempts.id });
  return rows.length;
}

/** How often a process prunes login_attempts (see prunePeriodically). */
export const PRUNE_INTERVAL_MS = 60 * 60_000;

/** When each pool (one per database a process talks to) last started a prune. */
const lastPruneByPool = new WeakMap<Db["$client"], number>();

/**
 * Starts pruneLoginAttempts in the background when this process has not done so for this
 * database within the last hour, and returns its promise (null when skipped). Sign-in calls it
 * on every attempt, so login_attempts stays bounded without a scheduler, on any number of app
 * instances: each prunes at most once an hour on its own, and instances that happen to prune
 * at the same time are harmless (deleting the same old rows twice changes nothing). A failure
 * is logged, never thrown: pruning must not break sign-in.
 */
export function prunePeriodically(db: Db, now: Date = new Date()): Promise<number> | null {
  const last = lastPruneByPool.get(db.$client);
  if (last !== undefined && now.getTime() - last < PRUNE_INTERVAL_MS) return null;
  lastPruneByPool.set(db.$client, now.getTime());
  return pruneLoginAttempts(db).catch((err: unknown) => {
    console.error("pruning login_attempts failed:", err);
    return 0;
  });
}
