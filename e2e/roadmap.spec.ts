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
  await marketing.page.getByRole("button", { name: "New card" }).click();
  const form = marketing.page.getByRole("dialog", { name: "Create a card" });
  await form.getByLabel("Column").selectOption({ label: "Backlog" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Owning team").selectOption("joint");
  await form.getByLabel("Health").selectOption("at_risk");
  await form.getByLabel("Linked KPI").selectOption("mql_to_sql_rate");
  await form.getByLabel("KPI target").fill("30");
  await form.getByRole("button", { name: "Create card" }).click();
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
  await marketing.page.getByRole("button", { name: "New card" }).click();
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

  // The new-card dialog, open.
  await page.getByRole("button", { name: "New card" }).click();
  await expect(page.getByRole("dialog", { name: "Create a card" })).toBeVisible();
  const dialog = await new AxeBuilder({ page }).analyze();
  const seriousInDialog = dialog.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(seriousInDialog.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  await page.keyboard.press("Escape");

  await page.locator("li[data-card-id] h3 a").first().click();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  const card = await new AxeBuilder({ page }).analyze();
  const seriousOnCard = card.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(seriousOnCard.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await close();
});

test("new card in a dialog: focus moves in and back, Escape closes, limits are said per field", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "marketing");
  await page.goto("/roadmap");
  const opener = page.getByRole("button", { name: "New card" });
  const dialog = page.getByRole("dialog", { name: "Create a card" });
  await expect(dialog).toBeHidden();

  // The board starts right below the intro: the form does not push it down.
  const boardTop = await page.getByRole("region", { name: "Roadmap board" }).evaluate((el) => el.getBoundingClientRect().top);
  expect(boardTop).toBeLessThan(330);

  await opener.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Column")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Out-of-range values are refused at their fields, naming the limit.
  await opener.click();
  await dialog.getByLabel("Title").fill(`Bad values ${Date.now()}`);
  await dialog.getByLabel("Linked KPI").selectOption("win_rate");
  await dialog.getByLabel("KPI target").fill("-5");
  await dialog.getByLabel("Due date").fill("1999-05-01");
  await dialog.getByRole("button", { name: "Create card" }).click();
  await expect(dialog.getByText("KPI target: enter a percentage from 0 to 100.")).toBeVisible();
  await expect(dialog.getByText("Due date: not before 1 January 2000.")).toBeVisible();
  await expect(dialog.getByLabel("KPI target")).toHaveAttribute("aria-invalid", "true");

  // Corrected, the card is created: the dialog closes and the page says so.
  const title = `Dialog card ${Date.now()}`;
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Column").selectOption({ label: "Planned" });
  await dialog.getByLabel("KPI target").fill("25");
  await dialog.getByLabel("Due date").fill("");
  await dialog.getByRole("button", { name: "Create card" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Card “${title}” created.`)).toBeVisible();
  const card = column(page, "planned").locator("li[data-card-id]", { hasText: title });
  await expect(card).toBeVisible();
  // A share is typed as a percentage and shown as one.
  await expect(card.getByText("target 25%")).toBeVisible();
  await close();
});

test("on a phone the board shows one column at a time, chosen with the switcher, without sideways scrolling", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "leadership");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/roadmap");
  await expect(page.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  const switcher = page.getByLabel("Column shown");
  await expect(switcher).toBeVisible();
  await expect(column(page, "in_progress")).toBeVisible();
  await expect(column(page, "backlog")).toBeHidden();
  await switcher.selectOption({ label: await switcher.locator("option", { hasText: "Done" }).innerText() });
  await expect(column(page, "done")).toBeVisible();
  await expect(column(page, "in_progress")).toBeHidden();
  expect(await overflow()).toBeLessThanOrEqual(0);

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  await close();
});
