import { forwardedByTrustedProxy } from "./peer";
import { trustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * The Content-Security-Policy of HTML pages, set per request by proxy.ts with a fresh nonce
 * (Next.js reads the nonce from the request's CSP header and puts it on its own scripts).
 *
 * - scripts: only those carrying the nonce, and what they load ('strict-dynamic'); no inline
 *   handlers, no eval ('unsafe-eval' only under `next dev`, which needs it);
 * - styles: 'unsafe-inline', because React `style={…}` attributes (charts, drag and drop) are
 *   inline styles and a nonce cannot cover attributes — styles cannot run code;
 * - nothing may frame the app, forms post only to it, <base> cannot move it.
 *
 * Responses that are not pages (/_next/*, /api/*) get a fixed, stricter policy from
 * next.config.mjs `headers()`, since proxy.ts does not run for them.
 */

/**
 * The CSP of responses that are not pages (/_next/*, /api/*, refusals): nothing may run; inline
 * styles and same-origin form posts are left for the small HTML pages next-auth serves under
 * /api/auth. next.config.mjs repeats this string (it cannot import TypeScript); csp.test.ts
 * checks that the two agree.
 */
export const NON_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A fresh per-request nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The page CSP for one response; see the module comment. */
export function pageContentSecurityPolicy(opts: { nonce: string; dev?: boolean; https?: boolean }): string {
  const dev = opts.dev ?? false;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Whether the browser reached the app over https: X-Forwarded-Proto when TRUSTED_PROXIES is set
 * (the proxy terminates TLS), else the request URL's own scheme.
 */
export function requestIsHttps(headers: Headers, url: URL, proxies: TrustedProxies = trustedProxies()): boolean {
  if (forwardedByTrustedProxy((name) => headers.get(name), proxies)) {
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (proto) return proto === "https";
  }
  return url.protocol === "https:";
}
