import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { can, type Action, type Area } from "./policy";

/**
 * Page guards for server components (server-only: they read request headers and use
 * next/navigation's redirect/forbidden, which only work while rendering on the server).
 */

/** The path being rendered, when the proxy/middleware passes it as `x-pathname`. */
async function currentPath(): Promise<string | null> {
  try {
    const h = await headers();
    return safeCallbackUrl(h.get("x-pathname"));
  } catch {
    return null;
  }
}

/** The signed-in user; otherwise a redirect to /signin (with ?callbackUrl= when known). */
export async function requireUser(opts: { callbackUrl?: string } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const back = safeCallbackUrl(opts.callbackUrl) ?? (await currentPath());
  redirect(back ? `/signin?callbackUrl=${encodeURIComponent(back)}` : "/signin");
}

/** The signed-in user, if their role may `action` in `area`; otherwise 403 (app/forbidden.tsx). */
export async function requireArea(
  area: Area,
  action: Action = "view",
  opts: { callbackUrl?: string } = {},
): Promise<SessionUser> {
  const user = await requireUser(opts);
  if (!can(user.role, area, action)) forbidden();
  return user;
}
