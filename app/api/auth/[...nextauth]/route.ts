import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSameOrigin } from "@/lib/security/same-origin";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (req: Request, ctx: Context) => Promise<Response>;

export const GET = (req: Request, ctx: Context) => handler(req, ctx);
/** Sign-in and sign-out posts: next-auth checks its CSRF token, and the shared guard the Origin. */
export const POST = withSameOrigin((req: Request, ctx: Context) => handler(req, ctx));
