/**
 * The client's address for rate limiting: the first entry of X-Forwarded-For, else X-Real-IP,
 * else "unknown". Only meaningful behind a proxy that sets these headers (documented in README).
 */
type HeaderSource = Headers | Record<string, unknown> | null | undefined;

function readHeader(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

export function clientIp(headers: HeaderSource): string {
  const forwarded = readHeader(headers, "x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  if (first) return first.slice(0, 100);
  const real = readHeader(headers, "x-real-ip")?.trim();
  if (real) return real.slice(0, 100);
  return "unknown";
}
