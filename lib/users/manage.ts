import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { ROLES, type Locale, type Role } from "@/lib/enums";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import { nextSessionVersion } from "@/lib/auth/session-version";
import { assertNotLastActiveAdmin, lockUserAdminChanges, type Tx } from "./admins";
import { userInputSchema } from "./users";

/** User administration beyond create/update (users.ts): list, role, disable/enable, password. */

export type UserActor = { userId?: number | null; label?: string | null };
export type UserRef = { id: number } | { email: string };

export type UserListItem = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: Date;
};

export class UserNotFoundError extends DomainError {
  constructor(ref: UserRef) {
    super("not_found", "id" in ref ? `no user with id ${ref.id}` : `no user with e-mail ${ref.email}`);
    this.name = "UserNotFoundError";
  }
}

export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });
export const passwordSchema = userInputSchema.shape.password.unwrap();

export async function listUsers(db: Db): Promise<UserListItem[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    disabled: u.disabled,
    hasPassword: u.passwordHash != null,
    createdAt: u.createdAt,
  }));
}

async function lockUser(tx: Tx, ref: UserRef) {
  const where = "id" in ref ? eq(users.id, ref.id) : eq(users.email, ref.email.trim().toLowerCase());
  const [row] = await tx.select().from(users).where(where).for("update");
  if (!row) throw new UserNotFoundError(ref);
  return row;
}

async function audit(
  tx: Tx,
  actor: UserActor,
  action: AuditAction<"user">,
  userId: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) {
  await recordAudit(tx, { actor, action, entity: "user", entityId: userId, before, after });
}

/** Changes a user's role (ending their sessions); demoting the last active admin throws LastAdminError. */
export async function setUserRole(
  db: Db,
  ref: UserRef,
  role: Role | string,
  actor: UserActor = {},
): Promise<{ id: number; email: string; changed: boolean }> {
  const { role: next } = z.object({ role: roleSchema }).parse({ role });
  return db.transaction(async (tx) => {
    await lockUserAdminChanges(tx);
    const row = await lockUser(tx, ref);
    if (row.role === next) return { id: row.id, email: row.email, changed: false };
    if (row.role === "admin") await assertNotLastActiveAdmin(tx, row.id, "role");
    await tx
      .update(users)
      .set({ role: next, sessionVersion: nextSessionVersion(), updatedAt: sql`now()` })
      .where(eq(users.id, row.id));
    await audit(tx, actor, "set_role", row.id, { role: row.role }, { role: next });
    return { id: row.id, email: row.email, changed: true };
  });
}

/**
 * Disables (or re-enables) a user, ending their sessions either way (a cookie from before a
 * disable must not come back to life on enable). Refused: disabling your own account
 * (DomainError "self_disable"), and disabling the last active admin (LastAdminError).
 */
export async function setUserDisabled(
  db: Db,
  ref: UserRef,
  disabled: boolean,
  actor: UserActor = {},
): Promise<{ id: number; email: string; changed: boolean }> {
  return db.transaction(async (tx) => {
    await lockUserAdminChanges(tx);
    const row = await lockUser(tx, ref);
    if (disabled && actor.userId != null && actor.userId === row.id) {
      throw new DomainError("forbidden", "You cannot disable your own account", { key: "self_disable" });
    }
    if (row.disabled === disabled) return { id: row.id, email: row.email, changed: false };
    if (disabled && row.role === "admin") await assertNotLastActiveAdmin(tx, row.id);
    await tx
      .update(users)
      .set({ disabled, sessionVersion: nextSessionVersion(), updatedAt: sql`now()` })
      .where(eq(users.id, row.id));
    await audit(tx, actor, disabled ? "disable" : "enable", row.id, { disabled: row.disabled }, { disabled });
    return { id: row.id, email: row.email, changed: true };
  });
}

/**
 * Sets a new password (validated like at creation) and ends the user's sessions. The audit log
 * records only that it changed.
 */
export async function resetUserPassword(
  db: Db,
  ref: UserRef,
  password: string,
  actor: UserActor = {},
): Promise<{ id: number; email: string }> {
  const parsed = z.object({ password: passwordSchema }).parse({ password });
  const passwordHash = await hashPassword(parsed.password);
  return db.transaction(async (tx) => {
    const row = await lockUser(tx, ref);
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: nextSessionVersion(), updatedAt: sql`now()` })
      .where(eq(users.id, row.id));
    await audit(tx, actor, "reset_password", row.id, { password: row.passwordHash ? "(set)" : null }, { password: "(changed)" });
    return { id: row.id, email: row.email };
  });
}

/** Stores a user's interface language (a personal preference: not audited). */
export async function setUserLocale(db: Db, userId: number, locale: Locale): Promise<void> {
  await db.update(users).set({ locale, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}
