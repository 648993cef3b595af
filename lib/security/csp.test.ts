import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNonce, NON_PAGE_CSP, pageContentSecurityPolicy, requestIsHttps } from "./csp";
import { parseTrustedProxies } from "./trusted-proxies";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...v]) => [name, v]));

describe("pageContentSecurityPolicy", () => {
  it("allows scripts only by nonce and strict-dynamic, and no framing", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123" }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval for next dev and upgrade-insecure-requests over https", () => {
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(pageContentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("uses a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("NON_PAGE_CSP", () => {
  it("is what next.config.mjs sends for /_next and /api", () => {
    const config = readFileSync(join(__dirname, "..", "..", "next.config.mjs"), "utf8");
    expect(config).toContain(`const NON_PAGE_CSP = "${NON_PAGE_CSP}";`);
    expect(directives(NON_PAGE_CSP).get("default-src")).toEqual(["'none'"]);
    expect(directives(NON_PAGE_CSP).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("requestIsHttps", () => {
  const http = new URL("http://localhost:3000/");
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const h = new Headers({ "x-forwarded-proto": "https" });
    expect(requestIsHttps(h, http, parseTrustedProxies("127.0.0.1"))).toBe(true);
    expect(requestIsHttps(h, http, parseTrustedProxies(""))).toBe(false);
    expect(requestIsHttps(new Headers(), new URL("https://app.example.com/"), parseTrustedProxies(""))).toBe(true);
  });
});
