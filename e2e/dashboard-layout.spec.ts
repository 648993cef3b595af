import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { authFile } from "./helpers";

/**
 * The dashboard at a glance (issue 9): at desktop and phone sizes, in English and Spanish, no
 * KPI value wraps or overflows its tile, no page scrolls sideways, the first KPI is above the
 * fold on the phone, and axe finds nothing serious. The import and admin pages (as an admin)
 * are held to the same rules (no sideways scroll, axe). Screenshots of the dashboard, the
 * records, import and admin go to the run's output folder (e2e/.results, gitignored) for review.
 */
const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const LOCALES = ["en", "es"] as const;

// Leadership's saved session (e2e/auth.setup.ts); the language is a per-user setting, set back to English after each test.
test.use({ storageState: authFile("leadership") });
// Each test visits two pages at one size and language, with axe runs and full-page screenshots:
// more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function useLocale(page: Page, locale: "en" | "es"): Promise<void> {
  // The shell's language picker (a form on the page may have a language field of its own).
  const select = page.getByRole("banner").getByLabel(/^(Language|Idioma)$/);
  if ((await select.inputValue()) === locale) return;
  await select.selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** Every KPI value box that is wider than its box or taller than one line. */
async function brokenValues(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="kpi-value-"]').evaluateAll((els) =>
    els.flatMap((el) => {
      const style = getComputedStyle(el);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const tile = el.closest("article");
      const box = el.getBoundingClientRect();
      const tileBox = tile?.getBoundingClientRect();
      const problems: string[] = [];
      if (el.scrollWidth > el.clientWidth) problems.push(`overflows (${el.scrollWidth} > ${el.clientWidth})`);
      if (box.height > line * 1.5) problems.push(`wraps (${box.height}px for a ${line}px line)`);
      if (tileBox && (box.left < tileBox.left - 0.5 || box.right > tileBox.right + 0.5)) problems.push("leaves its tile");
      return problems.length ? [`${el.getAttribute("data-testid")} "${el.textContent}": ${problems.join(", ")}`] : [];
    }),
  );
}

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude("canvas").analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const locale of LOCALES) {
  for (const size of SIZES) {
    test(`dashboard at a glance: ${size.name}, ${locale}`, async ({ page }, testInfo) => {
      await page.goto("/dashboard");
      try {
        await useLocale(page, locale);
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto("/dashboard");
        await expect(page.getByTestId("kpi-value-revenue")).toBeVisible();
        await expect(page.getByTestId("chart-revenue").locator("canvas")).toBeVisible();

        expect(await brokenValues(page)).toEqual([]);
        const sideways = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
        expect(sideways, "the page scrolls sideways").toBeLessThanOrEqual(0);
        if (size.name === "phone") {
          const first = await page.locator('[data-testid^="kpi-value-"]').first().boundingBox();
          expect(first, "the first KPI is on the page").not.toBeNull();
          expect(first!.y + first!.height, "the first KPI is above the fold").toBeLessThanOrEqual(size.height);
        }
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`dashboard-${locale}-${size.width}.png`), fullPage: true });

        // The definition opens below the tile, with a plain sentence first and a glossary link.
        const info = page.locator('[data-kpi="revenue"] summary');
        await info.focus();
        await page.keyboard.press("Enter");
        const definition = page.getByTestId("kpi-definition-revenue");
        await expect(definition).toBeVisible();
        await expect(definition.getByRole("link")).toHaveAttribute("href", "/glossary#revenue");
        const value = await page.getByTestId("kpi-value-revenue").boundingBox();
        const panel = await definition.boundingBox();
        expect(panel!.y, "the definition does not cover the number").toBeGreaterThanOrEqual(value!.y + value!.height);

        await page.goto("/dashboard/records?kpi=revenue");
        await expect(page.locator("table[data-total]")).toBeVisible();
        const recordsSideways = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
        expect(recordsSideways, "the records page scrolls sideways").toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`records-${locale}-${size.width}.png`), fullPage: true });
      } finally {
        await useLocale(page, "en");
      }
    });
  }
}

/** The page's horizontal overflow in CSS pixels (0 when it does not scroll sideways). */
async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

test.describe("import and admin pages", () => {
  // Only admins reach them; the admin's language is set back to English after each test.
  test.use({ storageState: authFile("admin") });
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      test(`import and admin: ${size.name}, ${locale}`, async ({ page }, testInfo) => {
        await page.goto("/import");
        try {
          await useLocale(page, locale);
          await page.setViewportSize({ width: size.width, height: size.height });

          await page.goto("/import");
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          expect(await sidewaysScroll(page), "the import page scrolls sideways").toBeLessThanOrEqual(0);
          expect(await seriousViolations(page)).toEqual([]);
          await page.screenshot({ path: testInfo.outputPath(`import-${locale}-${size.width}.png`), fullPage: true });

          await page.goto("/admin");
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          expect(await sidewaysScroll(page), "the admin page scrolls sideways").toBeLessThanOrEqual(0);
          expect(await seriousViolations(page)).toEqual([]);
          await page.screenshot({ path: testInfo.outputPath(`admin-${locale}-${size.width}.png`), fullPage: true });

          // The "add a user" form is in a dialog; a name over the limit is refused saying the limit.
          await page.getByRole("button", { name: locale === "en" ? "Add a user…" : "Añadir un usuario…" }).click();
          const dialog = page.getByRole("dialog");
          await expect(dialog).toBeVisible();
          await dialog.getByLabel(/^(E-mail|Correo electrónico)$/).fill(`layout-${locale}-${size.width}@example.com`);
          await dialog.getByLabel(/^(Name|Nombre)$/).fill("x".repeat(5000));
          await dialog.getByLabel(/^(Password|Contraseña)$/).fill("a long enough password");
          await dialog.locator('button[type="submit"]').click();
          await expect(dialog.getByText(locale === "en" ? "Enter a name of 1 to 200 characters." : "Introduce un nombre de 1 a 200 caracteres.")).toBeVisible();
          expect(await sidewaysScroll(page), "the dialog makes the page scroll sideways").toBeLessThanOrEqual(0);
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await useLocale(page, "en");
        }
      });
    }
  }
});
