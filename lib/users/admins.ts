import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/errors";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Refused: the change would leave no active admin (at `field`, the input that would do it). */
export class LastAdminError extends DomainError {
  constructor(field?: string) {
    super("conflict", "This is the last active admin: make another user admin first", { key: "last_admin", field });
    this.name = "LastAdminError";
  }
}

/** Arbitrary constant key of the advisory lock that serialises changes to users' roles and status. */
const USER_ADMIN_LOCK = 4_231_907_311;

/**
 * Serialises transactions that may demote or disable users (taken first, before any row lock, so
 * that two such transactions cannot deadlock). Released at commit or rollback.
 */
export async function lockUserAdminChanges(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMIN_LOCK})`);
}

/**
 * Throws LastAdminError when `userId` is the only active admin. Call inside a transaction that
 * took lockUserAdminChanges() first, before demoting or disabling the user. `field` names the
 * input that demotes (e.g. "role"), so a form shows the refusal there.
 */
export async function assertNotLastActiveAdmin(tx: Tx, userId: number, field?: string): Promise<void> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false)));
  if (admins.some((a) => a.id === userId) && admins.length <= 1) throw new LastAdminError(field);
}
