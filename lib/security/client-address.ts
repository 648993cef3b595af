import { normalizeAddress, trustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * The one client-address function (the per-address sign-in limit's key).
 *
 * Next.js does not expose the TCP peer's address to route handlers, server actions, next-auth's
 * `authorize` or proxy.ts. Its server only copies the peer into `X-Forwarded-For` when the
 * client did not send that header itself (`??=` in next/dist/server/base-server.js), so inside the
 * app a forged header and the real peer look the same. Therefore:
 *
 * - TRUSTED_PROXIES unset (the default): forwarding headers are ignored and every client shares
 *   ONE bucket, `UNIDENTIFIED_CLIENT`. Rotating X-Forwarded-For gains nothing; the price is that
 *   failures from anyone count against everyone's per-address budget (the per-account limit is
 *   unaffected). Local and single-host use all come from one address anyway.
 * - TRUSTED_PROXIES set: X-Forwarded-For is read from the right, skipping hops that are trusted
 *   proxies; the first hop that is not is the client (entries to its left were written by the
 *   client and are ignored). When every hop is a trusted proxy, X-Real-IP (which the proxy
 *   overwrites) is used, else the left-most hop. The app must then be reachable only through
 *   those proxies.
 */
export const UNIDENTIFIED_CLIENT = "unidentified";

type HeaderSource = Headers | Record<string, unknown> | null | undefined;

function isHeaders(value: Headers | Record<string, unknown>): value is Headers {
  return typeof (value as { get?: unknown }).get === "function";
}

function readHeader(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (isHeaders(headers)) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").join(", ") || null;
  return null;
}

/** The client's address for rate limiting (see the module comment), never longer than 64 chars. */
export function clientAddress(headers: HeaderSource, proxies: TrustedProxies = trustedProxies()): string {
  if (!proxies.configured) return UNIDENTIFIED_CLIENT;
  const hops = (readHeader(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i] ?? "");
    // A hop that is not an IP was written by the nearest trusted proxy ("unknown", a socket path).
    if (!hop) return UNIDENTIFIED_CLIENT;
    if (!proxies.isTrusted(hop)) return hop.slice(0, 64);
  }
  const real = normalizeAddress(readHeader(headers, "x-real-ip") ?? "");
  if (real) return real.slice(0, 64);
  const leftmost = normalizeAddress(hops[0] ?? "");
  return leftmost ? leftmost.slice(0, 64) : UNIDENTIFIED_CLIENT;
}
