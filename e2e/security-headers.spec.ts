import { expect, test, type APIResponse } from "@playwright/test";

/**
 * Issue 8 item 9: the security headers on a page, an API answer, a static file and a 404 (the
 * HTTP-level suite in test/security/ covers more: 403, HSTS, nonces on every script).
 */

function expectCommon(res: APIResponse): void {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["cross-origin-opener-policy"]).toBe("same-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
}

function expectPageCsp(res: APIResponse): void {
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("'unsafe-eval'");
}

test("a page has a nonce-based CSP and the other security headers", async ({ request }) => {
  const res = await request.get("/signin");
  expect(res.status()).toBe(200);
  expectCommon(res);
  expectPageCsp(res);
  const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  expect(await res.text()).toContain(`nonce="${nonce}"`);
});

test("an API answer has them", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expectCommon(res);
  expect(res.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
});

test("a static file has them", async ({ request }) => {
  const html = await (await request.get("/signin")).text();
  const src = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
  expect(src).toBeTruthy();
  const res = await request.get(src ?? "/");
  expect(res.status()).toBe(200);
  expectCommon(res);
});

test("a 404 page and a 404 API answer have them", async ({ request }) => {
  const page = await request.get("/no-such-page");
  expect(page.status()).toBe(404);
  expectCommon(page);
  expectPageCsp(page);
  const api = await request.get("/api/v1/no-such-endpoint");
  expect(api.status()).toBe(404);
  expectCommon(api);
});
