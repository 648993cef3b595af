/**
 * The one sanitiser for redirect targets that come from the request (?callbackUrl=, next-auth's
 * `callbackUrl`, the `x-pathname` the proxy passes on). Guards against open redirects.
 *
 * The value is parsed the way a browser will parse the Location header we send: control
 * characters and whitespace are dropped first (browsers strip tab/CR/LF anywhere in a URL, so
 * "/\t/evil.example" would otherwise become "//evil.example"), then it is resolved against the
 * app's origin with the WHATWG URL parser (which treats "\" like "/" for http URLs) and kept only
 * when it is still on that origin. What comes back is the parser's own re-serialisation of the
 * path, query and fragment, never the raw input.
 */

/** Longer callback values are refused rather than echoed into a Location header. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

/** Stands in for the app's origin when none is known: only the path part is ever returned. */
const PLACEHOLDER_ORIGIN = "http://alignboard.invalid";

/** C0 controls, DEL, C1 controls, and Unicode whitespace/invisible separators. */
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/**
 * A same-origin path ("/x?y#z") for `value`, or null when it is missing, too long, not a URL, on
 * another origin, or not http(s). Absolute URLs are accepted only on `origin` (the app's own
 * origin, e.g. NEXTAUTH_URL's), and are reduced to their path.
 */
export function sameOriginPath(value: unknown, origin?: string | null): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CALLBACK_URL_LENGTH) return null;
  const cleaned = value.replace(CONTROL_OR_SPACE, "");
  if (cleaned === "") return null;
  let base: URL;
  try {
    base = new URL(origin || PLACEHOLDER_ORIGIN);
  } catch {
    base = new URL(PLACEHOLDER_ORIGIN);
  }
  let url: URL;
  try {
    url = new URL(cleaned, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  if (url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" resolves to the path "//evil", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}

/**
 * Where to go after signing in: a same-origin path (see sameOriginPath), but never back to the
 * sign-in page itself or to an API route; otherwise null (the caller picks its default).
 */
export function safeCallbackUrl(value: unknown, origin?: string | null): string | null {
  const path = sameOriginPath(value, origin);
  if (!path) return null;
  const pathname = path.split(/[?#]/, 1)[0] ?? "";
  if (pathname === "/signin" || pathname.startsWith("/signin/") || pathname.startsWith("/api/")) return null;
  return path;
}

/**
 * next-auth's `redirect` callback: an absolute URL on `baseUrl` for a same-origin `url`, else
 * `baseUrl` + `fallback`. (next-auth's default throws on a malformed URL, which was a 500.)
 */
export function nextAuthRedirect(url: unknown, baseUrl: string, fallback = "/dashboard"): string {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    return fallback;
  }
  const path = sameOriginPath(url, origin) ?? fallback;
  return new URL(path, origin).toString();
}
