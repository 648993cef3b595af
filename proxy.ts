import { NextResponse, type NextRequest } from "next/server";
import { createNonce, NON_PAGE_CSP, pageContentSecurityPolicy, requestIsHttps } from "@/lib/security/csp";
import { refuseCrossOrigin } from "@/lib/security/same-origin";

/**
 * Runs before every page (not /_next/*, /api/* or /import/upload, whose headers come from
 * next.config.mjs):
 * - passes the requested path to server components as `x-pathname`, so a signed-out visitor is
 *   sent to /signin?callbackUrl=… and comes back to the page they asked for;
 * - gives the page a fresh CSP nonce (lib/security/csp.ts): set on the request, where Next.js
 *   picks it up for its own scripts, and on the response;
 * - refuses a cross-site POST to a page (a server action, with or without JavaScript) with the
 *   shared same-origin guard's 403, before Next's own check would answer it with a 500.
 * Authorization is NOT decided here: every page, action and route handler checks it on the
 * server itself.
 */
export function proxy(req: NextRequest) {
  const refused = refuseCrossOrigin(req);
  if (refused) {
    refused.headers.set("Content-Security-Policy", NON_PAGE_CSP);
    return refused;
  }
  const nonce = createNonce();
  const csp = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: requestIsHttps(req.headers, req.nextUrl),
  });
  const headers = new Headers(req.headers);
  headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

/**
 * Every path but /_next/*, /api/* and POST /import/upload's route: Next.js buffers the body of
 * each request its proxy sees, and cuts it at 10 MB, so the upload route (which streams files up
 * to IMPORT_MAX_UPLOAD_MB) must stay out. It guards itself (withSameOrigin) and gets the
 * non-page headers from next.config.mjs. UPLOAD_PATH in next.config.mjs is the same path.
 */
export const config = { matcher: ["/((?!_next/|api/|import/upload(?:/|$)).*)"] };
