import type { IncomingMessage } from "node:http";
import { normalizeAddress } from "./trusted-proxies";

/**
 * The TCP peer's address, handed from the app's own HTTP server to the code inside Next.js.
 *
 * Next.js 16 does not expose the connection's address to route handlers, server actions,
 * next-auth's `authorize` or proxy.ts. So `npm start` (scripts/serve.ts) serves Next.js through a
 * small Node http server that, for every request, deletes any copy of PEER_HEADER the client sent
 * and sets it to `req.socket.remoteAddress` (stampPeer). It also sets PEER_HEADER_ENV in its own
 * process: only then does peerAddress believe the header. Under `next dev` / `next start`
 * (nobody strips the header) the variable is unset and the header is ignored, so a client cannot
 * pick its own rate-limit bucket by sending it.
 */
export const PEER_HEADER = "x-alignboard-peer";

/** Set (to "1") by scripts/serve.ts in the server's process: PEER_HEADER is written by it. */
export const PEER_HEADER_ENV = "ALIGNBOARD_PEER_HEADER";

/** Whether this process is served by scripts/serve.ts (which owns PEER_HEADER). */
export function peerHeaderTrusted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[PEER_HEADER_ENV] === "1";
}

/**
 * Replaces whatever the client sent as PEER_HEADER (in `headers` and `rawHeaders`, every
 * spelling) with the socket's remote address ("unknown" when the socket has none, e.g. closed).
 */
export function stampPeer(req: IncomingMessage): void {
  const peer = normalizeAddress(req.socket?.remoteAddress ?? "") ?? "unknown";
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = peer;
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? "";
    if (name.toLowerCase() === PEER_HEADER) continue;
    raw.push(name, req.rawHeaders[i + 1] ?? "");
  }
  raw.push(PEER_HEADER, peer);
  req.rawHeaders = raw;
}

type HeaderReader = (name: string) => string | null;

/**
 * The connection's address as stamped by scripts/serve.ts, or null when this process is not
 * served by it (the header is then ignored) or the value is not an IP address.
 */
export function peerAddress(read: HeaderReader, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!peerHeaderTrusted(env)) return null;
  const value = read(PEER_HEADER);
  // Only ever one value (stampPeer replaced the client's); a list means someone else wrote it.
  if (!value || value.includes(",")) return null;
  return normalizeAddress(value);
}

/**
 * Whether forwarding headers (X-Forwarded-Host/-Proto) on this request were written by a trusted
 * proxy: TRUSTED_PROXIES is set and the stamped peer is one of them (no stamped peer: believed,
 * as documented for servers not started by scripts/serve.ts).
 */
export function forwardedByTrustedProxy(
  read: HeaderReader,
  proxies: { configured: boolean; isTrusted(address: string): boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!proxies.configured) return false;
  const peer = peerAddress(read, env);
  return peer === null || proxies.isTrusted(peer);
}
