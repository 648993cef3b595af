import { describe, expect, it } from "vitest";
import { request, signIn, tags } from "./http";

/** Issue 8 item 9: security headers on pages, API answers, static files and error pages. */

function expectCommonHeaders(res: Response): void {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
}

/** The page CSP's nonce; fails when the policy is not nonce + strict-dynamic without inline scripts. */
function expectPageCsp(res: Response): string {
  const csp = res.headers.get("content-security-policy") ?? "";
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc).toMatch(/'strict-dynamic'/);
  expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/base-uri 'self'/);
  return nonce ?? "";
}

function expectNonPageCsp(res: Response): void {
  expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
}

describe("security headers", () => {
  it("a page: nonce-based CSP, a fresh nonce per response, on every script", async () => {
    const first = await request("/signin");
    expect(first.status).toBe(200);
    expectCommonHeaders(first);
    const nonce = expectPageCsp(first);
    const scripts = tags(await first.text(), "script");
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.nonce).toBe(nonce);
    const second = await request("/signin");
    expect(expectPageCsp(second)).not.toBe(nonce);
  });

  it("an API answer", async () => {
    const res = await request("/api/v1/health");
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    expectNonPageCsp(res);
  });

  it("a static file", async () => {
    const html = await (await request("/signin")).text();
    const src = tags(html, "script").find((s) => s.src?.startsWith("/_next/static/"))?.src;
    expect(src).toBeTruthy();
    const res = await request(src ?? "/");
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    expectNonPageCsp(res);
  });

  it("a 404 page and a 404 API answer", async () => {
    const page = await request("/no-such-page-here");
    expect(page.status).toBe(404);
    expectCommonHeaders(page);
    expectPageCsp(page);
    const api = await request("/api/v1/no-such-endpoint");
    expect(api.status).toBe(404);
    expectCommonHeaders(api);
    expectNonPageCsp(api);
    const asset = await request("/_next/static/no-such-file.js");
    expect(asset.status).toBe(404);
    expectCommonHeaders(asset);
  });

  it("a 403 page", async () => {
    const sales = await signIn("sales");
    const res = await request("/admin", { jar: sales });
    expect(res.status).toBe(403);
    expectCommonHeaders(res);
    expectPageCsp(res);
  });

  it("a refused cross-site post (403) and a 401 API answer", async () => {
    const refused = await request("/dashboard", {
      method: "POST",
      body: "x=1",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(refused.status).toBe(403);
    expectCommonHeaders(refused);
    const unauthorised = await request("/api/v1/kpis");
    expect(unauthorised.status).toBe(401);
    expectCommonHeaders(unauthorised);
  });

  it("HSTS only when the request came over https", async () => {
    for (const path of ["/signin", "/api/v1/health"]) {
      expect((await request(path)).headers.get("strict-transport-security")).toBeNull();
      const https = await request(path, { headers: { "x-forwarded-proto": "https" } });
      expect(https.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    }
  });
});
