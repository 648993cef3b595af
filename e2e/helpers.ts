import { resolve } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import type { Role } from "../lib/enums";
import { DEMO_LOGINS } from "../lib/seed/demo-users";

export type DemoRole = Role;
/** The demo login of each role (lib/seed/demo-users.ts, the list the demo seed creates). */
export const DEMO = DEMO_LOGINS;

/** Signs in through the real form and waits for the shell. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel(/e-?mail|correo/i).fill(DEMO[role].email);
  await page.getByLabel(/password|contraseña/i).fill(DEMO[role].password);
  await page.getByRole("button", { name: /sign in|iniciar sesión|entrar/i }).click();
  await expect(page.getByRole("navigation", { name: /main navigation|navegación principal/i })).toBeVisible();
}

/** The saved session of a role, written by e2e/auth.setup.ts (for `test.use({ storageState })`). */
export function authFile(role: DemoRole): string {
  return resolve(import.meta.dirname, ".auth", `${role}.json`);
}

/** A new browser context signed in as `role` (from its saved session) and a page in it. */
export async function pageAs(
  browser: Browser,
  role: DemoRole,
  opts: { acceptDownloads?: boolean } = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: authFile(role), ...opts });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}
