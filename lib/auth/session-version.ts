import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { loadUserRow, sessionUserOf, type UserRow } from "./user";

/**
 * Revocable sessions. A session is a signed JWT that the server cannot take back, so every user
 * row has a `session_version` and every token carries the version it was issued under (`sv`).
 * Each request re-reads the user (the next-auth `jwt` callback, which getServerSession and
 * /api/auth/session both run) and refuses a token whose version is no longer the user's.
 *
 * The version is bumped — ending ALL of that user's sessions, on every device — by:
 * - signing out (next-auth `events.signOut`): simpler than a denylist of token ids, and signing
 *   out on one device signing out the others is acceptable here;
 * - a password change or reset, a role change, disabling or re-enabling (lib/users).
 *
 * Tokens issued before this column existed have no `sv` and count as version 0.
 */

/** Thrown by the jwt callback for a token that no longer opens a session (next-auth then clears the cookie). */
export class SessionRevokedError extends Error {
  constructor(reason: string) {
    super(`session ended: ${reason}`);
    this.name = "SessionRevokedError";
  }
}

/** Whether `err` is a SessionRevokedError (also across bundles, by name). */
export function isSessionRevoked(err: unknown): boolean {
  return err instanceof Error && err.name === "SessionRevokedError";
}

/** The update value that ends every session of a user: `session_version + 1`. */
export function nextSessionVersion(): SQL<number> {
  return sql<number>`${users.sessionVersion} + 1`;
}

/** The session version a token was issued under (0 for tokens from before versions existed). */
export function tokenVersion(token: JWT): number {
  return typeof token.sv === "number" && Number.isSafeInteger(token.sv) ? token.sv : 0;
}

/** The user id a token names, or null. */
export function tokenUserId(token: JWT | null | undefined): number | null {
  const id = token?.uid;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The token of a session still in force given its user's row, with the user's current role,
 * name, e-mail and locale (so /api/auth/session reports today's role, not the one at sign-in).
 * Throws SessionRevokedError when the user is gone or disabled, or the session version has moved on.
 */
export function checkSessionToken(token: JWT, row: UserRow | null): JWT {
  const user = sessionUserOf(row, tokenVersion(token));
  if (!user || user.id !== tokenUserId(token)) throw new SessionRevokedError("user disabled, removed, or signed out");
  return { ...token, role: user.role, name: user.name, email: user.email, locale: user.locale };
}

/** checkSessionToken with the user's row read from `db`. */
export async function refreshSessionToken(db: Db, token: JWT): Promise<JWT> {
  const id = tokenUserId(token);
  if (id === null) throw new SessionRevokedError("no user id");
  return checkSessionToken(token, await loadUserRow(db, id));
}

/**
 * Ends every session of the user a token belongs to (sign-out). Only a token that is still in
 * force can do so: a replayed, already-revoked cookie cannot be used to sign the user out again.
 * Returns whether the version was bumped.
 */
export async function endSessionsOfToken(db: Db, token: JWT | null | undefined): Promise<boolean> {
  const id = tokenUserId(token);
  if (!token || id === null) return false;
  const rows = await db
    .update(users)
    .set({ sessionVersion: nextSessionVersion() })
    .where(and(eq(users.id, id), eq(users.sessionVersion, tokenVersion(token))))
    .returning({ id: users.id });
  return rows.length > 0;
}
