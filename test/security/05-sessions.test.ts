import { describe, expect, it } from "vitest";
import { CookieJar, csrfToken, ORIGIN, postForm, request, sessionOf, signIn } from "./http";

/**
 * Issue 8 item 5: a session cookie captured before sign-out stops working at once. (Password
 * reset, disable + enable and role changes are covered against the database in
 * lib/auth/session-version.test.ts.)
 */

async function signOut(jar: CookieJar): Promise<void> {
  const token = await csrfToken(jar);
  const res = await postForm("/api/auth/signout", { csrfToken: token, callbackUrl: `${ORIGIN}/signin`, json: "true" }, jar);
  expect(res.status).toBe(200);
}

describe("revocable sessions", () => {
  it("a cookie captured before sign-out is refused afterwards, on every device", async () => {
    const device = await signIn("marketing");
    const captured = device.clone();
    const otherDevice = await signIn("marketing");
    expect((await sessionOf(captured)).user?.role).toBe("marketing");

    await signOut(device);

    expect(await sessionOf(captured)).toEqual({});
    expect(await sessionOf(otherDevice)).toEqual({});
    const page = await request("/dashboard", { jar: captured.clone() });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/^\/signin|\/signin\?/);
    const body = new FormData();
    const upload = await request("/import/upload", {
      method: "POST",
      body,
      jar: captured.clone(),
      headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" },
    });
    expect(upload.status).toBe(401);
  });

  it("signing in again after sign-out works", async () => {
    const jar = await signIn("marketing");
    expect((await sessionOf(jar)).user?.email).toBe("marketing@alignboard.example");
  });
});
