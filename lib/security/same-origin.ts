import { forwardedByTrustedProxy } from "./peer";
import { trustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * The one CSRF guard for route handlers that change data (POST/PUT/PATCH/DELETE), doing for them
 * what Next.js does for server actions: a browser request is accepted only when it comes from a
 * page of this app. Cookies (the session) go along with cross-site form posts and fetches, so
 * "signed in" is not enough.
 *
 * - `Sec-Fetch-Site` (sent by current browsers): only "same-origin" and "none" (typed by the
 *   user) pass; "same-site" (a sibling sub-domain) and "cross-site" are refused.
 * - `Origin`: must be the app's origin — NEXTAUTH_URL's, or the host the request was sent to
 *   (`Host`, else the request URL's; `X-Forwarded-Host` only when TRUSTED_PROXIES is set, since only a trusted proxy
 *   may say which host the browser used). "null" (sandboxed frames, cross-origin redirects) is
 *   refused.
 * - Neither header: not a browser (curl, scripts) — nothing to forge, accepted.
 *
 * Route handlers that change data: POST /import/upload and POST /api/auth/* (next-auth also
 * checks its own CSRF token there). `lib/security/same-origin.test.ts` fails when a route
 * handler exporting one of these methods does not use `withSameOrigin`.
 */

export const STATE_CHANGING_METHODS: readonly string[] = ["POST", "PUT", "PATCH", "DELETE"];

export type SameOriginVerdict = { ok: true } | { ok: false; reason: string };

type RequestLike = { method: string; headers: Headers; url?: string };

/** Origin's host ("example.com:8443") of a URL string, or null when it is not an http(s) URL. */
function hostOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The first value of a (possibly comma-joined) forwarding header. */
function firstValue(value: string | null): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/** Decides whether `req` may change data; see the module comment for the rules. */
export function checkSameOrigin(
  req: RequestLike,
  opts: { proxies?: TrustedProxies; publicUrl?: string | null } = {},
): SameOriginVerdict {
  if (!STATE_CHANGING_METHODS.includes(req.method.toUpperCase())) return { ok: true };
  const site = req.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site && site !== "same-origin" && site !== "none") {
    return { ok: false, reason: `the request came from another site (Sec-Fetch-Site: ${site})` };
  }
  const origin = req.headers.get("origin")?.trim();
  if (!origin) return { ok: true };
  const originHost = origin === "null" ? null : hostOf(origin);
  if (!originHost) return { ok: false, reason: `the request's Origin (${origin.slice(0, 100)}) is not this app` };

  const publicUrl = opts.publicUrl === undefined ? process.env.NEXTAUTH_URL : opts.publicUrl;
  if (publicUrl) {
    try {
      if (new URL(publicUrl).origin === new URL(origin).origin) return { ok: true };
    } catch {
      // a malformed NEXTAUTH_URL: fall back to the request's host below
    }
  }
  const proxies = opts.proxies ?? trustedProxies();
  const forwardedHost = forwardedByTrustedProxy((name) => req.headers.get(name), proxies) ? firstValue(req.headers.get("x-forwarded-host")) : null;
  const host = (forwardedHost ?? req.headers.get("host") ?? (req.url ? hostOf(req.url) : null) ?? "").trim().toLowerCase();
  if (host && originHost === host) return { ok: true };
  return { ok: false, reason: `the request's Origin (${origin.slice(0, 100)}) is not this app` };
}

/** A 403 JSON answer (the API's error shape) when `req` is refused by checkSameOrigin, else null. */
export function refuseCrossOrigin(req: RequestLike): Response | null {
  const verdict = checkSameOrigin(req);
  if (verdict.ok) return null;
  return Response.json(
    {
      error: {
        code: "cross_origin",
        message: `Refused: ${verdict.reason}. Changes are only accepted from the app's own pages; reload the page and try again.`,
        field: null,
      },
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Wraps a route handler that changes data: cross-origin browser requests get the 403 of
 * refuseCrossOrigin before the handler runs. `export const POST = withSameOrigin(async (req) => …)`.
 */
export function withSameOrigin<Args extends unknown[]>(
  handler: (req: Request, ...rest: Args) => Promise<Response> | Response,
): (req: Request, ...rest: Args) => Promise<Response> {
  return async (req, ...rest) => refuseCrossOrigin(req) ?? (await handler(req, ...rest));
}
