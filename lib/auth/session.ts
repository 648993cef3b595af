import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth/next";
import { getDb } from "@/db/client";
import { authOptions } from "./options";
import { loadSessionUser, type SessionUser } from "./user";

export type { SessionUser } from "./user";

/**
 * The signed-in user for this request, or null. The session (a signed JWT) only says who; the
 * user row is loaded every time, so a changed role or a disabled account takes effect at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) return null;
  return loadSessionUser(await getDb(), id);
});
