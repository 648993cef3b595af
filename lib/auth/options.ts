import "server-only";
import { cache } from "react";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Locale, Role } from "@/lib/enums";
import { isRole } from "@/lib/authz/policy";
import { clientAddress } from "@/lib/security/client-address";
import { authenticate } from "./authenticate";
import { nextAuthRedirect } from "./callback-url";
import { checkSessionToken, endSessionsOfToken, isSessionRevoked, tokenUserId, tokenVersion } from "./session-version";
import { loadUserRow } from "./user";

declare module "next-auth" {
  interface User {
    role: Role;
    /** users.session_version at sign-in (lib/auth/session-version.ts). */
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: number;
      role: Role;
      name?: string | null;
      email?: string | null;
      locale?: Locale;
      /** The session version the session was issued under (lib/auth/session-version.ts). */
      sessionVersion: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    /** The session version the token was issued under. */
    sv?: number;
    locale?: Locale;
  }
}

/**
 * Error codes the credentials provider hands to the sign-in form through next-auth's `error`
 * (signIn(..., { redirect: false }) returns it): "CredentialsSignin" for a wrong e-mail or
 * password, "rate_limited:N" when refused for N more minutes.
 */
export const RATE_LIMITED_PREFIX = "rate_limited:";

/** Session lifetime; every request still re-reads the user and its session version. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The session cookie, spelled out (these are next-auth's own defaults) so that the sign-in
 * server action (app/signin/actions.ts) sets exactly the cookie next-auth reads.
 */
export function sessionCookie(publicUrl: string | undefined = process.env.NEXTAUTH_URL) {
  const secure = (publicUrl ?? "").toLowerCase().startsWith("https://");
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/**
 * The session user's row, read once per request: the `jwt` callback (through getServerSession)
 * and getCurrentUser share it (React's request cache; outside a render it simply reads again).
 */
export const sessionUserRow = cache(async (id: number) => loadUserRow(await getDb(), id));

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  cookies: { sessionToken: sessionCookie() },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const db = await getDb();
        const result = await authenticate(db, { email, password, ip: clientAddress(req?.headers) });
        if (result.ok) {
          const { user } = result;
          return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: result.sessionVersion };
        }
        if (result.reason === "rate_limited") throw new Error(`${RATE_LIMITED_PREFIX}${result.retryAfterMinutes}`);
        return null;
      },
    }),
  ],
  callbacks: {
    /**
     * At sign-in (`user` given) the token records who and under which session version; on every
     * later read (getServerSession, /api/auth/session) the user row is re-read: a revoked session
     * throws (next-auth then answers "no session" and clears the cookie), a live one gets the
     * current role, name and locale. When the database cannot be read the token passes unchanged:
     * getCurrentUser reads the same row and reports that failure as the error it is, instead of
     * next-auth turning it into "signed out".
     */
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        return token;
      }
      const id = tokenUserId(token);
      if (id === null) return checkSessionToken(token, null);
      let row: Awaited<ReturnType<typeof loadUserRow>>;
      try {
        row = await sessionUserRow(id);
      } catch {
        return token;
      }
      return checkSessionToken(token, row);
    },
    session({ session, token }) {
      const id = typeof token.uid === "number" ? token.uid : 0;
      const role: Role = isRole(token.role) ? token.role : "sales";
      session.user = {
        id,
        role,
        name: token.name ?? null,
        email: token.email ?? null,
        locale: token.locale,
        sessionVersion: tokenVersion(token),
      };
      return session;
    },
    redirect({ url, baseUrl }) {
      return nextAuthRedirect(url, baseUrl);
    },
  },
  events: {
    /** Signing out ends every session of the user (see lib/auth/session-version.ts). */
    async signOut({ token }) {
      await endSessionsOfToken(await getDb(), token);
    },
  },
  logger: {
    error(code, metadata) {
      // A revoked session is an expected answer, not a server error.
      if (isSessionRevoked(metadata) || (metadata && "error" in metadata && isSessionRevoked(metadata.error))) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};
