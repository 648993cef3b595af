import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The data contract's catch-up on the dashboard (issue 14): the "Data sources" line says when
 * each import file was last imported (the demo data imports all ten), no KPI says "No data"
 * then; the open-pipeline records show each deal's expected close date, sortable, with overdue
 * deals marked by a badge, and the pipeline chart links to them. Axe finds nothing serious.
 */
test("leadership sees when each source was imported and which open deals are overdue", async ({ browser }) => {
  test.setTimeout(180_000);
  const { page, close } = await pageAs(browser, "leadership");
  await page.goto("/dashboard");
  await expect(page.getByTestId("kpi-value-revenue")).toBeVisible();

  const sources = page.getByTestId("data-sources");
  await expect(sources).toContainText("last import");
  await expect(page.getByTestId("data-sources-missing")).toHaveCount(0);
  await sources.locator("summary").click();
  await expect(sources.locator("tbody tr")).toHaveCount(10);
  await expect(sources.locator("tr[data-source='sales_activities']")).not.toContainText("Never imported");
  await expect(page.locator("[data-no-data='true']")).toHaveCount(0);

  // The pipeline chart's overdue badge opens the open deals, overdue first.
  const overdue = page.getByTestId("pipeline-overdue");
  await expect(overdue).toBeVisible();
  await overdue.click();
  await expect(page).toHaveURL(/kpi=open_deals/);
  await expect(page).toHaveURL(/sort=overdue/);
  const table = page.locator("table").first();
  await expect(table.getByRole("columnheader", { name: /Expected close/ })).toBeVisible();
  await expect(table.locator("tbody tr").first().locator("[data-badge='overdue']")).toHaveText("Overdue");

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await close();
});
