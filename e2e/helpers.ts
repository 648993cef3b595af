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

/** What Playwright's setInputFiles takes. */
type InputFiles = Parameters<Page["setInputFiles"]>[1];

/**
 * Uploads files on the guided import page (English) and stops at the column step (step 2):
 * the files are on the server and analysed.
 */
export async function uploadForImport(page: Page, files: InputFiles): Promise<void> {
  await page.goto("/import");
  await page.getByLabel("Export files (CSV, XLSX or zip)").setInputFiles(files);
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await expect(page.getByRole("heading", { name: /^Step 2 of 7/ })).toBeVisible({ timeout: 60_000 });
}

/** From the step the flow is at, clicks "Next" until step `n` (1-based) is shown. */
export async function nextUntilStep(page: Page, n: number): Promise<void> {
  for (;;) {
    const heading = await page.getByRole("heading", { name: /^Step \d of 7/ }).innerText();
    const at = Number(/^Step (\d)/.exec(heading)?.[1]);
    if (at >= n) return;
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByRole("heading", { name: new RegExp(`^Step ${at + 1} of 7`) })).toBeVisible({ timeout: 30_000 });
  }
}

/**
 * The whole guided import of files that need no mapping (e.g. the data contract's own CSVs):
 * upload, through the steps, dry run, import; ends on the summary.
 */
export async function importThroughFlow(page: Page, files: InputFiles): Promise<void> {
  await uploadForImport(page, files);
  await nextUntilStep(page, 5);
  await page.getByRole("button", { name: "Run the dry run" }).click();
  await expect(page.getByText(/^Dry run finished/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText(/^Import finished/)).toBeVisible({ timeout: 60_000 });
}
