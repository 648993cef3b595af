import { BlockList, isIP } from "node:net";

/**
 * TRUSTED_PROXIES: the reverse proxies whose forwarding headers (X-Forwarded-For, X-Real-IP,
 * X-Forwarded-Host, X-Forwarded-Proto) the app believes. A comma-separated list of IP addresses
 * and CIDR ranges (IPv4 or IPv6), e.g. `127.0.0.1,::1,10.0.0.0/8`. Unset or empty: none, and
 * every forwarding header is treated as written by the client.
 *
 * Next.js does not tell the app which address a request came from (route handlers, server
 * actions and proxy.ts only see headers), so "trusted" cannot be checked against the TCP peer:
 * setting TRUSTED_PROXIES also says that the app is reachable ONLY through those proxies
 * (bind it to loopback or a private network). See README, Configuration.
 */
export interface TrustedProxies {
  /** Whether any proxy is configured (otherwise forwarding headers are ignored). */
  readonly configured: boolean;
  /** Whether `address` (an IP, optionally with a port or in brackets) is a trusted proxy. */
  isTrusted(address: string): boolean;
  /** The entries that were not understood (reported once at start-up, ignored otherwise). */
  readonly invalid: readonly string[];
}

/** "1.2.3.4", "1.2.3.4:80", "[::1]:443", "::1" → the bare address, or null when not an IP. */
export function normalizeAddress(value: string): string | null {
  let v = value.trim();
  if (v.startsWith("[")) {
    const end = v.indexOf("]");
    if (end < 0) return null;
    v = v.slice(1, end);
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) {
    v = v.slice(0, v.lastIndexOf(":"));
  }
  // A zone index ("fe80::1%eth0") does not identify a client across hosts; drop it.
  const zone = v.indexOf("%");
  if (zone >= 0) v = v.slice(0, zone);
  if (isIP(v) === 0) return null;
  // IPv4-mapped IPv6 ("::ffff:10.0.0.1") is the IPv4 client it wraps.
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  return (mapped?.[1] ?? v).toLowerCase();
}

/** Parses a TRUSTED_PROXIES value (see the module comment). */
export function parseTrustedProxies(value: string | null | undefined): TrustedProxies {
  const list = new BlockList();
  const invalid: string[] = [];
  let count = 0;
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [addressPart = "", prefixPart] = entry.split("/");
    const address = normalizeAddress(addressPart);
    const family = address ? isIP(address) : 0;
    if (!address || family === 0) {
      invalid.push(entry);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixPart === undefined) {
      list.addAddress(address, type);
    } else {
      const prefix = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        invalid.push(entry);
        continue;
      }
      list.addSubnet(address, prefix, type);
    }
    count++;
  }
  return {
    configured: count > 0,
    invalid,
    isTrusted(candidate: string): boolean {
      if (count === 0) return false;
      const address = normalizeAddress(candidate);
      if (!address) return false;
      return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
    },
  };
}

let cached: { value: string | undefined; proxies: TrustedProxies } | null = null;

/** The TRUSTED_PROXIES of this process (parsed once per distinct value). */
export function trustedProxies(): TrustedProxies {
  const value = process.env.TRUSTED_PROXIES;
  if (cached && cached.value === value) return cached.proxies;
  const proxies = parseTrustedProxies(value);
  if (proxies.invalid.length > 0) {
    console.warn(`TRUSTED_PROXIES: ignoring entries that are not IP addresses or CIDR ranges: ${proxies.invalid.join(", ")}`);
  }
  cached = { value, proxies };
  return proxies;
}
