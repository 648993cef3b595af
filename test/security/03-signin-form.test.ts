import { describe, expect, it } from "vitest";
import { CookieJar, DEMO, ORIGIN, request, resolveLocation, sessionCookieOf, sessionOf, tags } from "./http";

/**
 * Issue 8 item 3: the sign-in form posts, and works without JavaScript: a browser that has not
 * run the page's script submits the form itself. Here we do exactly what such a browser does.
 */

async function signinForm(path = "/signin") {
  const res = await request(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  expect(form, "the sign-in page has a form").not.toBeNull();
  const [attrs] = tags(form?.[0] ?? "", "form");
  const fields = tags(form?.[1] ?? "", "input").filter((i) => i.name);
  return { attrs: attrs ?? {}, fields };
}

/** Submits the form like a browser without JavaScript (multipart, to the form's action URL). */
async function submitWithoutScript(email: string, password: string, opts: { origin?: string; path?: string } = {}) {
  const path = opts.path ?? "/signin?callbackUrl=%2Froadmap";
  const { attrs, fields } = await signinForm(path);
  const body = new FormData();
  for (const f of fields) {
    if (f.name === "email") body.append("email", email);
    else if (f.name === "password") body.append("password", password);
    else body.append(f.name ?? "", f.value ?? "");
  }
  const action = attrs.action ? new URL(attrs.action, `${ORIGIN}${path}`) : new URL(path, ORIGIN);
  const jar = new CookieJar();
  const res = await request(`${action.pathname}${action.search}`, {
    method: "POST",
    body,
    jar,
    headers: { origin: opts.origin ?? ORIGIN, "sec-fetch-site": opts.origin ? "cross-site" : "same-origin" },
  });
  return { res, jar };
}

describe("the sign-in form", () => {
  it("is a POST form with the password in it, never a GET", async () => {
    const { attrs, fields } = await signinForm();
    expect((attrs.method ?? "get").toLowerCase()).toBe("post");
    expect(fields.find((f) => f.name === "password")?.type).toBe("password");
  });

  it("signs in without JavaScript and goes to the callback URL", async () => {
    const { res, jar } = await submitWithoutScript(DEMO.leadership.email, DEMO.leadership.password);
    expect(res.status).toBe(303);
    expect(resolveLocation(res)?.toString()).toBe(`${ORIGIN}/roadmap`);
    expect(sessionCookieOf(jar)).toBeTruthy();
    expect((await sessionOf(jar)).user?.email).toBe(DEMO.leadership.email);
    expect(res.headers.get("location") ?? "").not.toContain(DEMO.leadership.password);
  });

  it("without JavaScript, a wrong password shows the error and does not echo the password", async () => {
    const { res, jar } = await submitWithoutScript(DEMO.sales.email, "not-the-password-42");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Wrong e-mail or password");
    expect(html).not.toContain("not-the-password-42");
    expect(sessionCookieOf(jar)).toBeUndefined();
  });

  it("refuses the no-script post from another site with a 403, not a 500", async () => {
    const { res, jar } = await submitWithoutScript(DEMO.leadership.email, DEMO.leadership.password, {
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect(sessionCookieOf(jar)).toBeUndefined();
  });
});
