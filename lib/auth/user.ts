import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Locale, Role } from "@/lib/enums";

/** The signed-in user as the app sees it: always read fresh from the users table. */
export type SessionUser = { id: number; email: string; name: string; role: Role; locale: Locale };

export type UserRow = typeof users.$inferSelect;

/** The fields of a users row that the app's session shows. */
export function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale };
}

/** The users row with this id, or null (also for an id that cannot be one). */
export async function loadUserRow(db: Db, id: number): Promise<UserRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/**
 * Whether a session issued under `sessionVersion` (when given) may still act as this user: the
 * row exists, is not disabled, and its session version has not moved on since.
 */
export function sessionUserOf(row: UserRow | null, sessionVersion?: number): SessionUser | null {
  if (!row || row.disabled) return null;
  if (sessionVersion !== undefined && row.sessionVersion !== sessionVersion) return null;
  return toSessionUser(row);
}

/** The active user with this id, or null when missing, disabled, or (with `sessionVersion`) signed out since. */
export async function loadSessionUser(db: Db, id: number, sessionVersion?: number): Promise<SessionUser | null> {
  return sessionUserOf(await loadUserRow(db, id), sessionVersion);
}
