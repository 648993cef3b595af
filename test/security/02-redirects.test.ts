import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, csrfToken, ORIGIN, postForm, request, resolveLocation, signIn, tags } from "./http";

/** Issue 8 item 2: ?callbackUrl= cannot send anyone to another site, and never gives a 500. */

/** As they appear in the address bar (already URL-encoded where a browser would). */
const HOSTILE = [
  "/%09/evil.example",
  "%09//evil.example",
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%0d%0a/evil.example",
  "/%0D%0ASet-Cookie:%20injected=1",
  "/%00/evil.example",
  "/%E2%80%A8/evil.example",
  "%20//evil.example",
  "//evil.example",
  "///evil.example",
  "/%2F/evil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5C/evil.example",
  "%5C%5Cevil.example",
  "/\\evil.example",
  "/.//evil.example",
  "https://evil.example",
  "https:%2F%2Fevil.example",
  "https:evil.example",
  "http://localhost@evil.example/",
  "javascript:alert(document.domain)",
  "JAVASCRIPT%3Aalert(1)",
  "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
  `/${"a".repeat(6000)}`,
  `/%09/${"b".repeat(3000)}`,
];

/** Test names stay readable for the very long variants. */
const CASES = HOSTILE.map((raw) => [raw.length > 60 ? `${raw.slice(0, 24)}… (${raw.length} characters)` : raw, raw] as const);

describe("callbackUrl", () => {
  let admin: CookieJar;
  beforeAll(async () => {
    admin = await signIn("admin");
  });

  it.each(CASES)("signed in, /signin?callbackUrl=%s stays on this site", async (_name, raw) => {
    const res = await request(`/signin?callbackUrl=${raw}`, { jar: admin.clone() });
    expect(res.status).toBeLessThan(500);
    expect([303, 307, 308]).toContain(res.status);
    const target = resolveLocation(res);
    expect(target?.origin).toBe(ORIGIN);
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/injected/);
  });

  it.each(CASES)("signed out, /signin?callbackUrl=%s renders the form with a same-site target", async (_name, raw) => {
    const res = await request(`/signin?callbackUrl=${raw}`);
    expect(res.status).toBe(200);
    const hidden = tags(await res.text(), "input").find((i) => i.name === "callbackUrl");
    if (!hidden) return; // a form that does not carry the target cannot leak it
    const value = hidden.value ?? "";
    expect(new URL(value, ORIGIN).origin).toBe(ORIGIN);
    expect(value.startsWith("/")).toBe(true);
    expect(value.startsWith("//")).toBe(false);
  });

  it("keeps a genuine same-site target", async () => {
    const res = await request(`/signin?callbackUrl=${encodeURIComponent("/sla?from=2025-01-01")}`, { jar: admin.clone() });
    expect(resolveLocation(res)?.toString()).toBe(`${ORIGIN}/sla?from=2025-01-01`);
  });

  it.each(["https://evil.example/", "//evil.example", "/%09/evil.example", "http://[broken"])(
    "next-auth's own redirects stay on this site: %s",
    async (target) => {
      const signinPage = await request(`/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`);
      expect(signinPage.status).toBeLessThan(500);
      const location = resolveLocation(signinPage);
      if (location) expect(location.origin).toBe(ORIGIN);
      const jar = new CookieJar();
      const token = await csrfToken(jar);
      const signout = await postForm("/api/auth/signout", { csrfToken: token, callbackUrl: target, json: "true" }, jar);
      expect(signout.status).toBeLessThan(500);
      const { url } = (await signout.json()) as { url: string };
      expect(new URL(url).origin).toBe(ORIGIN);
    },
  );
});
