import { expect, test } from "@playwright/test";
import { DEMO, signIn, type DemoRole } from "./helpers";

/** What each role's navigation shows (lib/authz/policy.ts). */
const NAV: Record<DemoRole, string[]> = {
  admin: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Assessment", "Import", "Admin"],
  leadership: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Assessment"],
  marketing: ["Dashboard", "Closed loop", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Assessment"],
  sales: ["Dashboard", "Content", "SLA", "Roadmap", "Glossary", "Meetings", "Assessment"],
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

for (const role of Object.keys(NAV) as DemoRole[]) {
  test(`${role} signs in and sees the areas of the role`, async ({ page }) => {
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: /main navigation/i });
    await expect(nav.getByRole("link")).toHaveText(NAV[role]);
  });
}

test("a role without access gets a 403 page, not the area", async ({ page }) => {
  await signIn(page, "sales");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /don't have access/i })).toBeVisible();
  const importPage = await page.goto("/import");
  expect(importPage?.status()).toBe(403);
});

test("the interface switches to Spanish and stays so after a reload", async ({ page }) => {
  await signIn(page, "marketing");
  await page.getByLabel("Language").selectOption("es");
  const nav = page.getByRole("navigation", { name: "Navegación principal" });
  await expect(nav.getByRole("link", { name: "Panel" })).toBeVisible();
  await page.reload();
  await expect(nav.getByRole("link", { name: "Hoja de ruta" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.getByLabel("Idioma").selectOption("en");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
});

test("the shell can be used with the keyboard alone", async ({ page }) => {
  await signIn(page, "leadership");
  await page.goto("/dashboard");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: /skip to content/i })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
});

test("health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ database: "reachable" });
});
