import type { Role } from "../../lib/enums";
import { DEMO_LOGINS } from "../../lib/seed/demo-users";

/**
 * Helpers for the HTTP-level security tests: the server under test, a tiny cookie jar, and
 * signing in the way a script would (next-auth's CSRF token + credentials callback).
 */

/**
 * The server under test, e.g. http://localhost:3500: SECURITY_BASE_URL (scripts/test-security.ts
 * passes BASE_URL on under that name, because Vite sets process.env.BASE_URL to "/" in tests).
 */
export const BASE_URL = (() => {
  const value = [process.env.SECURITY_BASE_URL, process.env.BASE_URL].map((v) => v?.trim()).find((v) => v && /^https?:\/\//.test(v));
  if (!value) {
    throw new Error("No server to test: run `BASE_URL=http://host:port npm run test:security`, or just `npm run test:security`");
  }
  return value.replace(/\/+$/, "");
})();
export const ORIGIN = new URL(BASE_URL).origin;

export type DemoRole = Role;
/** The demo login of each role (lib/seed/demo-users.ts, the list the demo seed creates). */
export const DEMO = DEMO_LOGINS;

/** Cookies by name, fed from Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Stores (or, when expired/emptied, removes) the cookies a response sets. */
  store(res: Response): this {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** A copy, e.g. to keep a "captured" cookie while the original signs out. */
  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A request to the server under test; redirects are not followed. */
export async function request(
  path: string,
  init: RequestInit & { jar?: CookieJar; headers?: Record<string, string> } = {},
): Promise<Response> {
  const { jar, headers = {}, ...rest } = init;
  const res = await fetch(`${BASE_URL}${path}`, {
    redirect: "manual",
    ...rest,
    headers: { ...(jar && jar.header() ? { cookie: jar.header() } : {}), ...headers },
  });
  jar?.store(res);
  return res;
}

/** A same-origin form post, as the app's own pages send it. */
export function postForm(path: string, fields: Record<string, string>, jar?: CookieJar, headers: Record<string, string> = {}) {
  return request(path, {
    method: "POST",
    jar,
    body: new URLSearchParams(fields),
    headers: { origin: ORIGIN, "sec-fetch-site": "same-origin", ...headers },
  });
}

/** next-auth's CSRF token (and its cookie, into the jar). */
export async function csrfToken(jar: CookieJar): Promise<string> {
  const res = await request("/api/auth/csrf", { jar });
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error("no csrf token");
  return body.csrfToken;
}

/**
 * Posts credentials to next-auth's callback. Returns the URL next-auth sends the browser to
 * (…?error=CredentialsSignin, …?error=rate_limited:N, or the callback URL on success).
 */
export async function postCredentials(
  email: string,
  password: string,
  opts: { jar?: CookieJar; headers?: Record<string, string> } = {},
): Promise<string> {
  const jar = opts.jar ?? new CookieJar();
  const token = await csrfToken(jar);
  const res = await postForm(
    "/api/auth/callback/credentials",
    { csrfToken: token, email, password, callbackUrl: `${ORIGIN}/dashboard`, json: "true" },
    jar,
    opts.headers,
  );
  const body = (await res.json()) as { url?: string };
  return body.url ?? "";
}

/** Signs a demo user in and returns the jar holding their session cookie. */
export async function signIn(role: DemoRole): Promise<CookieJar> {
  const jar = new CookieJar();
  const url = await postCredentials(DEMO[role].email, DEMO[role].password, { jar });
  if (!sessionCookieOf(jar)) throw new Error(`sign-in as ${role} failed: ${url}`);
  return jar;
}

/** The session cookie's value in a jar (either spelling of next-auth's name). */
export function sessionCookieOf(jar: CookieJar): string | undefined {
  return jar.get("next-auth.session-token") ?? jar.get("__Secure-next-auth.session-token");
}

/** What /api/auth/session says for the jar's cookie. */
export async function sessionOf(jar: CookieJar): Promise<{ user?: { email?: string; role?: string } }> {
  const res = await request("/api/auth/session", { jar: jar.clone() });
  return (await res.json()) as { user?: { email?: string; role?: string } };
}

/** Where a Location header sends the browser, as an absolute URL. */
export function resolveLocation(res: Response): URL | null {
  const location = res.headers.get("location");
  return location === null ? null : new URL(location, BASE_URL);
}

/** The attributes of every tag named `tag` in an HTML string (enough for our own pages). */
export function tags(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "gi"))) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] ?? "").matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      attrs[(a[1] ?? "").toLowerCase()] = decodeEntities(a[2] ?? "");
    }
    out.push(attrs);
  }
  return out;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
