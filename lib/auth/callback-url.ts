/**
 * A post-sign-in destination: only a same-site path ("/x", not "//host" or "https://…"),
 * otherwise null. Guards against open redirects through ?callbackUrl=.
 */
export function safeCallbackUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let path = value.trim();
  // next-auth may hand us an absolute URL for our own origin; keep only the path part.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return null;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  if (path.startsWith("/signin") || path.startsWith("/api/")) return null;
  return path;
}
