import { test as setup } from "@playwright/test";
import { authFile, DEMO, signIn, type DemoRole } from "./helpers";

/**
 * Signs in once per demo role through the real sign-in form and saves the session (cookies)
 * to e2e/.auth/<role>.json; the specs start from these instead of signing in every time.
 */
for (const role of Object.keys(DEMO) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, role);
    await page.context().storageState({ path: authFile(role) });
  });
}
