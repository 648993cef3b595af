import "server-only";
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
 *
 * Checking and counting are one atomic step (reserveLoginAttempt): under advisory locks on the
 * account and the address, the attempt is counted as a failure BEFORE its password is verified,
 * and turned into a success afterwards. So 100 parallel guesses at one account get at most
 * `maxFailuresPerAccount` passwords checked; the rest are refused without a verification. (The
 * locks are held only for the few statements of the check, never during the slow argon2 verify.)
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

/** A database handle or a transaction on it. */
type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)): "LOGA", "LOGI". */
const ACCOUNT_LOCK_NAMESPACE = 0x4c4f4741;
const ADDRESS_LOCK_NAMESPACE = 0x4c4f4749;

/** Whether `who` may try now, from the attempts recorded so far (a read; see reserveLoginAttempt). */
export async function checkRateLimit(
  db: Executor,
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

export type LoginAttemptReservation =
  | { limited: true; retryAfterMinutes: number }
  | { limited: false; attemptId: number };

/**
 * Checks the limits and, when not limited, records the attempt as a failure, atomically per
 * account and per address (see the module comment). Call completeLoginAttempt once the
 * password has been verified. Lock order is always account, then address, so two calls cannot
 * deadlock.
 */
export async function reserveLoginAttempt(
  db: Db,
  who: { email: string; ip: string },
  now: Date = new Date(),
): Promise<LoginAttemptReservation> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK_NAMESPACE}::int, hashtext(${who.email}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_NAMESPACE}::int, hashtext(${who.ip}))`);
    const limit = await checkRateLimit(tx, who, now);
    if (limit.limited) return limit;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ email: who.email, ip: who.ip, succeeded: false, at: now })
      .returning({ id: loginAttempts.id });
    if (!row) throw new Error("login attempt was not recorded");
    return { limited: false, attemptId: row.id };
  });
}

/** Records the outcome of a reserved attempt (it was counted as a failure until now). */
export async function completeLoginAttempt(db: Db, attemptId: number, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
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
