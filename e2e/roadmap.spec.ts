import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The common roadmap board (issue 4): one plan both teams work from. A marketer creates a joint
 * card, a sales user moves it to "Done" with the keyboard only (dnd-kit keyboard sensor), and
 * leadership sees it there. The board must have no serious or critical accessibility problems.
 */

const column = (page: Page, key: string) => page.locator(`section[data-column="${key}"]`);

test("a marketer creates a joint card, sales moves it to done by keyboard, leadership sees it done", async ({ browser }) => {
  const title = `Joint launch plan ${Date.now()}`;

  // Marketing creates a joint card in the backlog.
  const marketing = await pageAs(browser, "marketing");
  await marketing.page.goto("/roadmap");
  await marketing.page.getByText("New card", { exact: true }).click();
  await marketing.page.getByLabel("Column").selectOption({ label: "Backlog" });
  await marketing.page.getByLabel("Title").fill(title);
  await marketing.page.getByLabel("Owning team").selectOption("joint");
  await marketing.page.getByLabel("Health").selectOption("at_risk");
  await marketing.page.getByLabel("Linked KPI").selectOption("mql_to_sql_rate");
  await marketing.page.getByLabel("KPI target").fill("0.3");
  await marketing.page.getByRole("button", { name: "Create card" }).click();
  await expect(marketing.page.getByText(`Card “${title}” created.`)).toBeVisible();
  await expect(column(marketing.page, "backlog").getByRole("link", { name: title })).toBeVisible();
  await marketing.close();

  // Sales moves it with the keyboard only: focus the handle, Space, arrows, Space.
  const sales = await pageAs(browser, "sales");
  const page = sales.page;
  await page.goto("/roadmap");
  const handle = page.getByRole("button", { name: `Move card: ${title}` });
  await expect(handle).toBeEnabled();
  await handle.focus();
  await page.keyboard.press("Space");
  // The pick-up is announced, then at once where the card is (over its own place).
  await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(
    new RegExp(`Picked up card ${title}|Card ${title} is now in column Backlog`),
  );
  for (const [key, name] of [["planned", "Planned"], ["in_progress", "In progress"], ["done", "Done"]] as const) {
    await page.keyboard.press("ArrowRight");
    await expect(column(page, key).locator("li[data-card-id]", { hasText: title })).toHaveCount(1);
    // Wait until the move has been announced before the next key.
    await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(`is now in column ${name}`);
  }
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: `Card ${title} moved to Done. Saved.` })).toBeVisible();
  await page.reload();
  await expect(column(page, "done").getByRole("link", { name: title })).toBeVisible();
  await sales.close();

  // Leadership sees it done, and the move in the card's history.
  const leadership = await pageAs(browser, "leadership");
  await leadership.page.goto("/roadmap");
  await expect(column(leadership.page, "done").getByRole("link", { name: title })).toBeVisible();
  await column(leadership.page, "done").getByRole("link", { name: title }).click();
  await expect(leadership.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const history = leadership.page.getByRole("region", { name: "History" });
  await expect(history.getByText(/moved the card from Backlog to Done/)).toBeVisible();
  await expect(history.getByText(/created the card in Backlog/)).toBeVisible();
  await leadership.close();
});

test("sales cannot move a marketing-only card, but may comment on it", async ({ browser }) => {
  const title = `Marketing newsletter ${Date.now()}`;
  const marketing = await pageAs(browser, "marketing");
  await marketing.page.goto("/roadmap");
  await marketing.page.getByText("New card", { exact: true }).click();
  await marketing.page.getByLabel("Title").fill(title);
  await marketing.page.getByLabel("Owning team").selectOption("marketing");
  await marketing.page.getByRole("button", { name: "Create card" }).click();
  await expect(marketing.page.getByText(`Card “${title}” created.`)).toBeVisible();
  await marketing.close();

  const sales = await pageAs(browser, "sales");
  await sales.page.goto("/roadmap");
  await expect(sales.page.getByRole("button", { name: `Move card: ${title}` })).toBeDisabled();
  await sales.page.getByRole("link", { name: title }).click();
  await expect(sales.page.getByText(/may edit this card/)).toBeVisible();
  await sales.page.getByLabel("Add a comment").fill("Sales can share this with prospects <b>now</b>");
  await sales.page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(sales.page.getByText("Sales can share this with prospects <b>now</b>")).toBeVisible();
  await sales.close();
});

test("the board and a card page have no serious or critical accessibility violations", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "leadership");
  await page.goto("/roadmap");
  await expect(page.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
  await expect(page.locator("li[data-card-id]").first()).toBeVisible();
  const board = await new AxeBuilder({ page }).analyze();
  const serious = board.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

  await page.locator("li[data-card-id] h3 a").first().click();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  const card = await new AxeBuilder({ page }).analyze();
  const seriousOnCard = card.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(seriousOnCard.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await close();
});
