import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth/next";
import { authOptions, sessionUserRow } from "./options";
import { sessionUserOf, type SessionUser } from "./user";

export type { SessionUser } from "./user";

/**
 * The signed-in user for this request, or null. The session (a signed JWT) only says who and
 * under which session version; getServerSession runs the `jwt` callback (lib/auth/options.ts),
 * which re-reads the user row and refuses a disabled user or an ended session
 * (lib/auth/session-version.ts). The row is read once per request and shared with that callback,
 * so a changed role, a disabled account or a sign-out takes effect at once; a database failure
 * is thrown here rather than shown as "signed out".
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!session || typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) return null;
  return sessionUserOf(await sessionUserRow(id), session.user.sessionVersion);
});
