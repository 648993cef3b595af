import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The shared revenue dashboard (issue 3). Leadership changes the filters (a preset and a
 * segment), every card it checks shows exactly what GET /api/v1/kpis answers for the same URL
 * state (with an API key created through the admin page), then drills down from a card to its
 * records and exports them: the CSV has as many rows as the table says it has.
 */

/** Counts the records of a CSV document (quoted fields may hold line breaks), header excluded. */
function csvRecordCount(doc: string): number {
  let records = 0;
  let inQuotes = false;
  let lineHasContent = false;
  for (const ch of doc.replace(/^\uFEFF/, "")) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === "\n" && !inQuotes) {
      if (lineHasContent) records += 1;
      lineHasContent = false;
    } else if (ch !== "\r") lineHasContent = true;
  }
  if (lineHasContent) records += 1;
  return records - 1;
}

async function createApiKey(browser: Browser): Promise<string> {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/admin");
  const form = admin.page.locator('form[aria-labelledby="new-key-heading"]');
  await form.getByLabel("Name").fill(`e2e dashboard ${Date.now()}`);
  await form.getByLabel("Role").selectOption("leadership");
  await form.getByRole("button", { name: "Create key" }).click();
  const keyInput = admin.page.locator("#new-key-value");
  await expect(keyInput).toBeVisible();
  const key = await keyInput.inputValue();
  expect(key.length).toBeGreaterThan(10);
  await admin.close();
  return key;
}

const CHECKED_KPIS = ["revenue", "won_deals", "win_rate", "mqls", "sqls", "open_pipeline", "sales_cycle_days_median", "sla_compliance"];

test("leadership filters the dashboard, the cards equal the API, and a drill-down exports its rows", async ({ browser, request }) => {
  const apiKey = await createApiKey(browser);
  const { page, close } = await pageAs(browser, "leadership", { acceptDownloads: true });

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Revenue dashboard" })).toBeVisible();
  await expect(page.getByTestId("kpi-value-revenue")).toBeVisible();

  // Change the filters: a preset and a segment. The server's clock and the demo data's end are
  // pinned (E2E_NOW in playwright.config.ts), so the last full quarter is always the same one,
  // and it has won SMB deals: the drill-down below has rows.
  await page.getByLabel("Period", { exact: true }).selectOption("last_quarter");
  await page.locator("summary", { hasText: "Segment" }).click();
  await page.getByLabel("SMB", { exact: true }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/preset=last_quarter/);
  await expect(page).toHaveURL(/segment=smb/);
  await expect(page.getByTestId("kpi-value-revenue")).toBeVisible();
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("last_quarter");

  // The same URL state through the API.
  const query = await page.locator("[data-kpi-query]").getAttribute("data-kpi-query");
  expect(query).toContain("segment=smb");
  const res = await request.get(`/api/v1/kpis?${query}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { kpis: Record<string, number | null> };
  for (const key of CHECKED_KPIS) {
    const want = body.kpis[key];
    await expect(page.getByTestId(`kpi-value-${key}`), key).toHaveAttribute("data-value", want === null ? "null" : String(want));
  }

  // No serious accessibility problem on the dashboard.
  await expect(page.getByTestId("chart-revenue")).toBeVisible();
  const axe = await new AxeBuilder({ page }).exclude("canvas").analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

  // Drill down from the revenue card: the same filters, the records behind the number.
  await page.getByRole("link", { name: "See the records behind Revenue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Records: Revenue", exact: true })).toBeVisible();
  await expect(page).toHaveURL(/kpi=revenue/);
  await expect(page).toHaveURL(/segment=smb/);
  const table = page.locator("table[data-total]");
  await expect(table).toBeVisible();
  const total = Number(await table.getAttribute("data-total"));
  expect(total).toBe(body.kpis.won_deals);
  expect(total).toBeGreaterThan(0);
  // The footer's sum is the card's revenue.
  await expect(page.getByTestId("table-sum")).toHaveAttribute("data-value", /^\d+(\.\d+)?$/);
  const sum = Number(await page.getByTestId("table-sum").getAttribute("data-value"));
  expect(Math.round(sum * 100)).toBe(Math.round((body.kpis.revenue ?? 0) * 100));

  // Sort by amount (server-side), keyboard-usable header link.
  await page.getByRole("link", { name: "Sort by Amount", exact: true }).click();
  await expect(page).toHaveURL(/sort=amount/);
  await expect(page.locator("th[aria-sort]")).toHaveAttribute("aria-sort", "ascending");

  // Export: exactly the table's rows.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^alignboard-revenue-.*\.csv$/);
  const path = await download.path();
  const csv = readFileSync(path, "utf8");
  expect(csvRecordCount(csv)).toBe(total);
  await close();
});

test("invalid filters in the URL show a message at the filter, not an error page", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "sales");
  const response = await page.goto("/dashboard?preset=custom&from=2025-02-30&to=2025-03-31");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert").first()).toContainText("Enter a real date");
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const bad = await page.goto("/dashboard/records?kpi=revenue&sort=password");
  expect(bad?.status()).toBe(200);
  await expect(page.getByRole("alert").first()).toContainText("is not a column");
  await close();
});
