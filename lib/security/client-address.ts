import { peerAddress } from "./peer";
import { normalizeAddress, trustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * The one client-address function (the per-address sign-in limit's key).
 *
 * Next.js does not expose the TCP peer's address to route handlers, server actions, next-auth's
 * `authorize` or proxy.ts, and its server copies the peer into `X-Forwarded-For` only when the
 * client did not send that header itself (`??=` in next/dist/server/base-server.js). So
 * `npm start` serves Next.js through scripts/serve.ts, which stamps the socket's address into a
 * private header that clients cannot set (lib/security/peer.ts). Therefore:
 *
 * - The peer (the stamped socket address) is the client, unless it is a TRUSTED_PROXIES entry.
 *   Forwarding headers from anyone else are ignored: rotating X-Forwarded-For gains nothing,
 *   and forging the private header gains nothing either (it is replaced).
 * - The peer is a trusted proxy: X-Forwarded-For is read from the right, skipping hops that are
 *   trusted proxies; the first hop that is not is the client (entries to its left were written
 *   by the client and are ignored). When every hop is a trusted proxy, X-Real-IP (which the
 *   proxy overwrites) is used, else the left-most hop.
 * - No stamped peer (`next dev`, or `next start` run directly): with TRUSTED_PROXIES unset every
 *   client shares ONE bucket, `UNIDENTIFIED_CLIENT` (failures from anyone count against
 *   everyone's per-address budget; the per-account limit is unaffected); with it set, the
 *   forwarding headers are believed as above, and the app must be reachable only through the
 *   proxies.
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
export function clientAddress(
  headers: HeaderSource,
  proxies: TrustedProxies = trustedProxies(),
  env: NodeJS.ProcessEnv = process.env,
): string {
  const peer = peerAddress((name) => readHeader(headers, name), env);
  if (!proxies.configured) return peer ? peer.slice(0, 64) : UNIDENTIFIED_CLIENT;
  if (peer && !proxies.isTrusted(peer)) return peer.slice(0, 64);
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
