import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, csrfToken, ORIGIN, request, signIn } from "./http";

/** Issue 8 item 4: state-changing route handlers refuse cross-site requests (CSRF). */

const CROSS_SITE = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

function upload(jar: CookieJar, headers: Record<string, string>) {
  const body = new FormData();
  body.append("strict", "false");
  return request("/import/upload", { method: "POST", body, jar: jar.clone(), headers });
}

describe("CSRF on route handlers", () => {
  let admin: CookieJar;
  beforeAll(async () => {
    admin = await signIn("admin");
  });

  it("POST /import/upload from another site gets a 403 JSON error, even with the admin's cookie", async () => {
    const res = await upload(admin, CROSS_SITE);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("cross_origin");
    expect(body.error.message).toMatch(/another site|Origin/);
    // Origin alone (an older browser without Sec-Fetch-Site) is refused too.
    expect((await upload(admin, { origin: "https://evil.example" })).status).toBe(403);
    expect((await upload(admin, { origin: "null" })).status).toBe(403);
  });

  it("POST /import/upload from the app itself reaches the handler", async () => {
    const res = await upload(admin, { origin: ORIGIN, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(400); // no files chosen: the handler ran
    const body = (await res.json()) as { error: { field: string } };
    expect(body.error.field).toBe("files");
  });

  it("next-auth's POST endpoints refuse other sites as well", async () => {
    const jar = admin.clone();
    const token = await csrfToken(jar);
    const res = await request("/api/auth/signout", {
      method: "POST",
      jar,
      body: new URLSearchParams({ csrfToken: token, json: "true" }),
      headers: CROSS_SITE,
    });
    expect(res.status).toBe(403);
  });
});
