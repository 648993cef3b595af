import { expect, test } from "@playwright/test";
import { authFile, DEMO, type DemoRole } from "./helpers";

/** What each role's navigation shows (lib/authz/policy.ts). */
const NAV: Record<DemoRole, string[]> = {
  admin: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Feedback", "Assessment", "Import", "Admin"],
  leadership: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Feedback", "Assessment"],
  marketing: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Feedback", "Assessment"],
  sales: ["Dashboard", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Feedback", "Assessment"],
};

test("signed out: any page sends you to sign-in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password and an unknown e-mail get the same message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel(/e-?mail/i).fill(DEMO.sales.email);
  await page.getByLabel(/password/i).fill("not-the-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toBeVisible();
  const wrongPassword = await alert.innerText();
  await page.getByLabel(/e-?mail/i).fill("nobody@alignboard.example");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(alert).toHaveText(wrongPassword);
});

// Signing in through the form, as every role, is e2e/auth.setup.ts; these start signed in.
for (const role of Object.keys(NAV) as DemoRole[]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test(`${role} sees the areas of the role`, async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: /main navigation/i });
      await expect(nav.getByRole("link")).toHaveText(NAV[role]);
    });
  });
}

test.describe("as sales", () => {
  test.use({ storageState: authFile("sales") });

  test("a role without access gets a 403 page, not the area", async ({ page }) => {
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: /don't have access/i })).toBeVisible();
    const importPage = await page.goto("/import");
    expect(importPage?.status()).toBe(403);
  });
});

test.describe("as marketing", () => {
  test.use({ storageState: authFile("marketing") });
  // The language is stored on the user: whatever happened, leave marketing in English.
  test.afterEach(async ({ page }) => {
    await page.goto("/");
    const select = page.getByLabel(/^(Language|Idioma)$/);
    if ((await select.inputValue()) !== "en") {
      await select.selectOption("en");
      await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
    }
  });

  test("the interface switches to Spanish and stays so after a reload", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Language").selectOption("es");
    const nav = page.getByRole("navigation", { name: "Navegación principal" });
    await expect(nav.getByRole("link", { name: "Panel" })).toBeVisible();
    await page.reload();
    await expect(nav.getByRole("link", { name: "Hoja de ruta" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByLabel("Idioma").selectOption("en");
    await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  });
});

test.describe("as leadership", () => {
  test.use({ storageState: authFile("leadership") });

  test("the shell can be used with the keyboard alone", async ({ page }) => {
    await page.goto("/dashboard");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: /skip to content/i })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });
});

test("health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ database: "reachable" });
});
