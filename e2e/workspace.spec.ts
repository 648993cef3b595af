import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The alignment workspace (issue 13): a marketer proposes an SQL definition in the glossary, a
 * sales lead approves it, and the assessment's "clear SQL definition" evidence turns green (the
 * demo seed has MQL agreed and SQL pending). The glossary, meetings and assessment pages have no
 * serious or critical accessibility problems.
 */

async function serious(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// Shared CPUs: axe over long pages and several sign-ins take a while.
test.describe.configure({ timeout: 240_000 });

test("a marketer proposes an SQL definition, sales approves it, the assessment's SQL evidence turns green", async ({ browser }) => {
  const wording = `An MQL that sales accepted after a discovery call confirming budget, authority, need and timing (${Date.now()}).`;

  const sales = await pageAs(browser, "sales");
  await sales.page.goto("/assessment");
  await expect(sales.page.getByTestId("evidence-agreed_mql_sql")).not.toHaveAttribute("data-status", "good");

  const marketing = await pageAs(browser, "marketing");
  await marketing.page.goto("/glossary#sql");
  const term = marketing.page.locator("article#sql");
  await term.getByText("Edit", { exact: true }).click();
  await term.getByRole("textbox", { name: "Definition" }).fill(wording);
  await term.getByRole("button", { name: "Save new version" }).click();
  await expect(term.getByText("Saved as a new version.")).toBeVisible();
  await marketing.page.reload();
  await expect(marketing.page.getByTestId("term-status-sql")).toHaveText("Awaiting approval");
  await expect(marketing.page.locator("article#sql").getByText(wording).first()).toBeVisible();
  await marketing.close();

  await sales.page.goto("/glossary#sql");
  const salesTerm = sales.page.locator("article#sql");
  await expect(salesTerm.getByText(wording).first()).toBeVisible();
  await salesTerm.getByRole("button", { name: /^Approve the definition of/ }).click();
  await expect(sales.page.getByTestId("term-status-sql")).toHaveText("Agreed");

  // The history shows the new version and what it changed.
  await sales.page.goto("/glossary/sql");
  await expect(sales.page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(sales.page.locator("ins").filter({ hasText: "discovery call" }).first()).toBeVisible();

  await sales.page.goto("/assessment");
  await expect(sales.page.getByTestId("evidence-agreed_mql_sql")).toHaveAttribute("data-status", "good");
  await sales.close();
});

test("the workspace pages have no serious accessibility problems", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "leadership");
  for (const path of ["/glossary", "/meetings", "/assessment", "/feedback"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await serious(page), path).toEqual([]);
  }
  // The cadence indicator is in the shell; the seed's last joint meeting was 17 days ago.
  await expect(page.getByTestId("cadence-indicator").first()).toHaveAttribute("data-status", "ok");
  await page.goto("/meetings");
  await page.getByRole("link", { name: "Sales and marketing alignment" }).first().click();
  await expect(page.getByRole("link", { name: "Download .ics" })).toBeVisible();
  expect(await serious(page), "meeting page").toEqual([]);
  await close();
});
