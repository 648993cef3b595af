import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./helpers";

/**
 * The content page (issue 11) on the demo data: a marketer filters the library to unused
 * bottom-of-funnel assets and exports them; a sales user rates an asset and the marketer sees
 * the rating; neither page has serious or critical accessibility problems.
 */

/** Parses a small CSV (RFC 4180 quotes) into records of fields. */
function parseCsv(doc: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const text = doc.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field.replace(/\r$/, ""));
      out.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  return out;
}

// Each test opens several report pages on the embedded database: more than the default minute.
test.describe.configure({ timeout: 150_000 });

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude("canvas").analyze();
  return axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

test("a marketer filters to unused bottom-of-funnel assets and exports them", async ({ browser }) => {
  const { page, close } = await pageAs(browser, "marketing", { acceptDownloads: true });
  await page.goto("/content");
  await expect(page.getByRole("heading", { level: 1, name: "Content" })).toBeVisible();
  await expect(page.getByTestId("kpi-value-content_usage_rate")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const filters = page.getByTestId("library-filters");
  await filters.getByLabel("Funnel stage").selectOption(["bofu"]);
  await filters.getByLabel("Usage").selectOption("unused");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/funnel=bofu/);
  await expect(page).toHaveURL(/usage=unused/);

  const table = page.locator("table[data-total]");
  const total = Number(await table.getAttribute("data-total"));
  const rows = table.locator("tbody tr");
  if (total > 0) {
    const shown = await rows.count();
    for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText("Bottom of funnel");
  }

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^alignboard-content-.*\.csv$/);
  const csv = parseCsv(readFileSync(await download.path(), "utf8"));
  const [header, ...records] = csv;
  expect(records.length).toBe(total);
  const stage = header!.indexOf("Funnel stage");
  const uses = header!.indexOf("Uses");
  for (const r of records) {
    expect(r[stage]).toBe("bofu");
    expect(r[uses]).toBe("0");
  }
  await close();
});

test("a sales user rates an asset and the marketer sees the rating", async ({ browser }) => {
  const comment = `Pricing slide is from last year ${Date.now()}`;
  const sales = await pageAs(browser, "sales");
  await sales.page.goto("/content?sort=uses&dir=desc");
  const first = sales.page.locator("table[data-total] tbody tr").first().getByRole("link").first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/content\//);
  await sales.page.goto(href!);
  await expect(sales.page.getByTestId("asset-page")).toBeVisible();
  const form = sales.page.getByTestId("rate-form");
  await form.getByLabel("Not useful").check();
  await form.getByLabel("Why not?").selectOption("outdated");
  await form.getByLabel("Comment").fill(comment);
  await form.getByRole("button", { name: "Save my rating" }).click();
  await expect(sales.page.getByText("Thank you — marketing sees your rating.")).toBeVisible();
  expect(await seriousViolations(sales.page)).toEqual([]);
  await sales.close();

  const marketing = await pageAs(browser, "marketing");
  await marketing.page.goto(href!);
  const ratings = marketing.page.getByTestId("asset-ratings");
  await expect(ratings.getByText(comment)).toBeVisible();
  await expect(ratings.getByText("Not useful").first()).toBeVisible();
  await marketing.page.goto("/content");
  await expect(marketing.page.getByTestId("sales-voice")).toContainText("Outdated");
  // the library row of the rated asset shows its most common "not useful" reasons
  await marketing.page.goto("/content?sort=uses&dir=desc");
  const row = marketing.page.locator("table[data-total] tbody tr").filter({ has: marketing.page.locator(`a[href^="${href!.split("?")[0]}"]`) });
  await expect(row.first()).toContainText(/Outdated \(\d+\)/);
  await marketing.close();
});
