import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BASE_URL, DEMO } from "./http";

/**
 * Issue 8 item 9, in a real browser: under the Content-Security-Policy the app's pages load and
 * work (charts, drag and drop by keyboard, the language switcher, the import and admin pages)
 * without a single CSP violation or console error. Chromium: CHROMIUM_PATH, /usr/bin/chromium,
 * else Playwright's own.
 */

const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
  (p): p is string => Boolean(p && existsSync(p)),
);

type Problem = { page: string; kind: string; text: string };

describe("pages under the CSP in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: Problem[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
    context = await browser.newContext({ baseURL: BASE_URL });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    page = await context.newPage();
    page.on("console", (msg) => {
      // A failed load is reported with its URL by the "response" listener below.
      if (/^Failed to load resource/.test(msg.text())) return;
      if (msg.type() === "error" || /Content Security Policy|Refused to/i.test(msg.text())) {
        problems.push({ page: page.url(), kind: `console.${msg.type()}`, text: msg.text() });
      }
    });
    page.on("response", (res) => {
      const path = new URL(res.url()).pathname;
      // The app has no favicon; /no-such-page is the 404 asked for below.
      if (res.status() < 400 || path === "/favicon.ico" || path === "/no-such-page") return;
      problems.push({ page: page.url(), kind: `HTTP ${res.status()}`, text: res.url() });
    });
    page.on("pageerror", (err) => problems.push({ page: page.url(), kind: "pageerror", text: err.message }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("signs in through the form (hydrated: the server action runs without a full page load)", async () => {
    const documentPosts: string[] = [];
    page.on("request", (req) => {
      if (req.isNavigationRequest() && req.method() === "POST") documentPosts.push(req.url());
    });
    await page.goto("/signin?callbackUrl=%2Fdashboard");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("E-mail").fill(DEMO.admin.email);
    await page.getByLabel("Password").fill(DEMO.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    // With the page's scripts running, React posts the action itself; a document POST would
    // mean the scripts were blocked and the browser fell back to submitting the form.
    expect(documentPosts).toEqual([]);
  });

  it("the dashboard draws its charts", async () => {
    await page.goto("/dashboard");
    await page.locator("canvas").first().waitFor();
    const drawn = await page
      .locator("canvas")
      .first()
      .evaluate((c) => (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).height > 0);
    expect(drawn).toBe(true);
  });

  it("the roadmap moves a card by drag and drop (keyboard sensor)", async () => {
    await page.goto("/roadmap");
    const handle = page.getByRole("button", { name: /^Move card: / }).first();
    await handle.waitFor();
    await handle.focus();
    await page.keyboard.press("Space");
    await page.locator('[id^="DndLiveRegion"]').filter({ hasText: /Picked up|is now in column/ }).waitFor();
    await page.keyboard.press("ArrowRight");
    await page.locator('[id^="DndLiveRegion"]').filter({ hasText: /is now in column/ }).waitFor();
    await page.keyboard.press("Space");
    await page.getByRole("status").filter({ hasText: /moved to .*Saved/ }).waitFor();
  });

  it("the language switcher (next-intl, a server action) works", async () => {
    await page.goto("/dashboard");
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("navigation", { name: "Navegación principal" }).waitFor();
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
  });

  it("the import and admin pages load", async () => {
    await page.goto("/import");
    await page.locator('input[type="file"]').first().waitFor({ state: "attached" });
    await page.goto("/admin");
    await page.getByRole("heading", { level: 1 }).waitFor();
  });

  it("error pages load", async () => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await page.getByRole("heading", { level: 1 }).waitFor();
  });

  it("reported no CSP violation and no console error on any of them", () => {
    expect(problems).toEqual([]);
  });
});
