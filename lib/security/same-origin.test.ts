import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSameOrigin, refuseCrossOrigin, STATE_CHANGING_METHODS, withSameOrigin } from "./same-origin";
import { parseTrustedProxies } from "./trusted-proxies";

const NONE = parseTrustedProxies(undefined);
const PROXY = parseTrustedProxies("127.0.0.1");

function request(method: string, headers: Record<string, string>) {
  return { method, headers: new Headers({ host: "localhost:3000", ...headers }) };
}
const check = (method: string, headers: Record<string, string>, publicUrl: string | null = null, proxies = NONE) =>
  checkSameOrigin(request(method, headers), { publicUrl, proxies }).ok;

describe("checkSameOrigin", () => {
  it("accepts the app's own pages", () => {
    expect(check("POST", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check("POST", { origin: "http://localhost:3000" })).toBe(true);
    expect(check("DELETE", { "sec-fetch-site": "same-origin" })).toBe(true);
    expect(check("POST", { origin: "HTTP://LOCALHOST:3000" })).toBe(true);
  });

  it("refuses other sites, sibling sub-domains and opaque origins", () => {
    expect(check("POST", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check("POST", { origin: "https://evil.example" })).toBe(false);
    expect(check("POST", { "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check("POST", { "sec-fetch-site": "same-site", origin: "http://other.localhost:3000" })).toBe(false);
    expect(check("PUT", { origin: "null" })).toBe(false);
    expect(check("PATCH", { origin: "http://localhost:3001" })).toBe(false);
    expect(check("POST", { origin: "http://localhost:3000.evil.example" })).toBe(false);
    expect(check("POST", { origin: "not a url" })).toBe(false);
    // The cookie goes along with these, the Origin says where from: a forged Host cannot help a browser attacker.
    expect(check("POST", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" })).toBe(false);
  });

  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) and safe methods through", () => {
    expect(check("POST", {})).toBe(true);
    expect(check("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(true);
    expect(check("HEAD", { origin: "https://evil.example" })).toBe(true);
    expect(check("POST", { "sec-fetch-site": "none" })).toBe(true);
  });

  it("accepts NEXTAUTH_URL's origin behind a proxy that rewrites Host", () => {
    const headers = { host: "127.0.0.1:3000", origin: "https://app.example.com" };
    expect(check("POST", headers, "https://app.example.com")).toBe(true);
    expect(check("POST", headers, "http://app.example.com")).toBe(false);
    expect(check("POST", headers, null)).toBe(false);
  });

  it("believes X-Forwarded-Host only from a trusted proxy", () => {
    const headers = { host: "127.0.0.1:3000", "x-forwarded-host": "app.example.com", origin: "https://app.example.com" };
    expect(check("POST", headers, null, PROXY)).toBe(true);
    expect(check("POST", headers, null, NONE)).toBe(false);
    const forged = { "x-forwarded-host": "evil.example", origin: "https://evil.example" };
    expect(check("POST", forged, null, NONE)).toBe(false);
  });
});

describe("refuseCrossOrigin / withSameOrigin", () => {
  it("answers 403 JSON with a clear message and does not run the handler", async () => {
    let ran = false;
    const handler = withSameOrigin(async () => {
      ran = true;
      return new Response("done");
    });
    const res = await handler(
      new Request("http://localhost:3000/import/upload", {
        method: "POST",
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(ran).toBe(false);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("cross_origin");
    expect(body.error.message).toMatch(/another site/);
    const ok = await handler(
      new Request("http://localhost:3000/import/upload", { method: "POST", headers: { origin: "http://localhost:3000" } }),
    );
    expect(await ok.text()).toBe("done");
    expect(refuseCrossOrigin({ method: "GET", headers: new Headers({ origin: "https://evil.example" }) })).toBeNull();
  });
});

/** Every route handler file under app/. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [path] : [];
  });
}

describe("state-changing route handlers", () => {
  const root = join(__dirname, "..", "..");
  const files = routeFiles(join(root, "app"));

  it("finds the route handlers", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("all go through withSameOrigin (the CSRF guard)", () => {
    const changing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      for (const method of STATE_CHANGING_METHODS) {
        const exported = new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let|var)\\s+${method}\\b|export\\s*\\{[^}]*\\b${method}\\b[^}]*\\}`);
        if (!exported.test(source)) continue;
        const name = `${method} ${relative(root, file)}`;
        changing.push(name);
        const guarded = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*withSameOrigin\\(`).test(source);
        expect(guarded, `${name} must be \`export const ${method} = withSameOrigin(…)\``).toBe(true);
      }
    }
    // Today's list; a new one is fine as long as it is guarded.
    expect(changing).toEqual(expect.arrayContaining(["POST app/(app)/import/upload/route.ts", "POST app/api/auth/[...nextauth]/route.ts"]));
  });
});
