import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Role } from "@/db/schema/enums";
import { isRole } from "@/lib/authz/policy";
import { authenticate } from "./authenticate";
import { clientAddress } from "@/lib/security/client-address";
import { nextAuthRedirect } from "./callback-url";

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: number; role: Role; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
  }
}

/**
 * Error codes the credentials provider hands to the sign-in form through next-auth's `error`
 * (signIn(..., { redirect: false }) returns it): "CredentialsSignin" for a wrong e-mail or
 * password, "rate_limited:N" when refused for N more minutes.
 */
export const RATE_LIMITED_PREFIX = "rate_limited:";

/** Session lifetime; every request still re-reads the user (lib/auth/session.ts). */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
          return { id: String(result.user.id), email: result.user.email, name: result.user.name, role: result.user.role };
        }
        if (result.reason === "rate_limited") throw new Error(`${RATE_LIMITED_PREFIX}${result.retryAfterMinutes}`);
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const id = Number(user.id);
        token.uid = id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      const id = typeof token.uid === "number" ? token.uid : 0;
      const role: Role = isRole(token.role) ? token.role : "sales";
      session.user = { id, role, name: session.user?.name ?? null, email: session.user?.email ?? null };
      return session;
    },
    redirect({ url, baseUrl }) {
      return nextAuthRedirect(url, baseUrl);
    },
  },
};
