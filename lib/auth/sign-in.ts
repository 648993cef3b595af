import "server-only";
import { encode } from "next-auth/jwt";
import type { Account, User } from "next-auth";
import type { SessionUser } from "./user";
import { authOptions, SESSION_MAX_AGE_SECONDS, sessionCookie } from "./options";

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; maxAge: number };
};

/**
 * The session cookie next-auth would set after a successful credentials sign-in, for the
 * sign-in server action (app/signin/actions.ts): the token goes through the same `jwt` callback
 * and encoder (next-auth/jwt) as next-auth's own callback route, under the cookie name and
 * options authOptions gives next-auth. Throws when no NEXTAUTH_SECRET is configured.
 */
export async function createSessionCookie(user: SessionUser, sessionVersion: number): Promise<SessionCookie> {
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  const authUser: User = { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion };
  const account: Account = { providerAccountId: String(user.id), type: "credentials", provider: "credentials" };
  const defaults = { name: user.name, email: user.email, sub: String(user.id) };
  const jwt = authOptions.callbacks?.jwt;
  const token = jwt ? await jwt({ token: defaults, user: authUser, account, trigger: "signIn", isNewUser: false }) : defaults;
  const value = await encode({ token, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  const cookie = sessionCookie();
  return { name: cookie.name, value, options: { ...cookie.options, maxAge: SESSION_MAX_AGE_SECONDS } };
}
