import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Locale, Role } from "@/lib/enums";

/** The signed-in user as the app sees it: always read fresh from the users table. */
export type SessionUser = { id: number; email: string; name: string; role: Role; locale: Locale };

export function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale };
}

/** The active user with this id, or null when missing or disabled. */
export async function loadSessionUser(db: Db, id: number): Promise<SessionUser | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row && !row.disabled ? toSessionUser(row) : null;
}
