import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The closed-loop report (issue 12). A marketer opens it on the seeded demo data, switches the
 * attribution model (the URL, the switcher and the explanation follow; the seven-model table
 * highlights it), opens the deals behind a channel's credit and one deal's journey: a timeline
 * of touchpoints with credits under the chosen model that add up to the deal's amount, and a
 * sentence per milestone. Axe finds nothing serious on either page; on a phone nothing scrolls
 * sideways. Sales cannot open the report.
 */

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).exclude("canvas").analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("a marketer switches the model and opens a deal's journey", async ({ browser }) => {
  test.setTimeout(240_000); // five page loads, two axe runs and a phone pass
  const { page, close } = await pageAs(browser, "marketing");
  await page.goto("/closed-loop?preset=last_quarter");
  await expect(page.getByRole("heading", { level: 1, name: "Closed loop" })).toBeVisible();
  await expect(page.getByTestId("model-linear")).toHaveAttribute("aria-current", "page");
  const channelTable = page.getByTestId("credit-channel");
  await expect(channelTable.locator("tbody tr").first()).toBeVisible();
  const linearFirst = await channelTable.locator("tbody tr").first().innerText();

  await page.getByTestId("model-w_shaped").click();
  await expect(page).toHaveURL(/model=w_shaped/);
  await expect(page).toHaveURL(/preset=last_quarter/);
  await expect(page.getByTestId("model-w_shaped")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("model-help")).toContainText("W-shaped");
  await expect(page.locator("section[data-model='w_shaped']")).toBeVisible();
  await expect(page.getByTestId("all-models")).toBeVisible();
  await expect(page.getByTestId("by-source").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("assists").locator("tbody tr").first()).toBeVisible();
  expect(typeof linearFirst).toBe("string");
  await expectNoSeriousAxe(page);

  // The deals behind the top channel's credit.
  await channelTable.locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/credit_by=channel/);
  const deals = page.getByTestId("key-deals");
  await expect(deals.locator("tbody tr").first()).toBeVisible();

  // One deal's journey under the same model.
  await deals.locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/closed-loop\/deals\/.+model=w_shaped/);
  await expect(page.getByRole("heading", { level: 1, name: /^Journey of / })).toBeVisible();
  await expect(page.getByTestId("journey").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("milestone-reasons")).toContainText("lead creation: the last touch at or before");
  // The touches' credits add up to the deal's amount.
  const amount = Math.round(Number(await page.getByTestId("deal-summary").getAttribute("data-amount")) * 100);
  const credits = await page.getByTestId("credit").evaluateAll((els) => els.map((e) => e.getAttribute("data-value") ?? ""));
  expect(credits.length).toBeGreaterThan(0);
  expect(credits.reduce((s, c) => s + Math.round(Number(c) * 100), 0)).toBe(amount);
  await expectNoSeriousAxe(page);

  // On a phone nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.goto("/closed-loop?preset=last_quarter&model=time_decay");
  await expect(page.getByTestId("credit-channel")).toBeVisible();
  expect(await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth)).toBeLessThanOrEqual(0);
  await close();
});

test("sales cannot open the closed-loop report", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "sales");
  const res = await page.goto("/closed-loop");
  expect(res?.status()).toBe(403);
  await close();
});
