import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { TINY_BAD_ROWS_DIR as BAD } from "../lib/testing/fixtures";
import { authFile, importThroughFlow, uploadForImport } from "./helpers";

test.use({ storageState: authFile("admin") });

test("an admin uploads exports with broken rows: every broken row is named, the good ones kept", async ({ page }) => {
  const files = readdirSync(BAD).filter((f) => f.endsWith(".csv"));
  await importThroughFlow(page, files.map((f) => resolve(BAD, f)));
  await expect(page.getByText(/Import finished; 14 rows were rejected/)).toBeVisible({ timeout: 60_000 });
  const expected = readFileSync(resolve(BAD, "expected-errors.txt"), "utf8").trim().split("\n");
  for (const location of expected) {
    await expect(page.getByText(`${location}:`, { exact: false }).first()).toBeVisible();
  }
  // deals.csv: five broken rows (D901–D905) rejected.
  const counts = page.getByRole("table", { name: "Rows per file" });
  await expect(counts.getByRole("row", { name: /^deals\.csv/ }).getByRole("cell").last()).toHaveText("5");
  // The headline's count is the number of rows listed (one per rejected row, not per problem).
  await expect(page.getByTestId("rejected-rows").locator("tbody tr")).toHaveCount(14);
});

test("the report lists only the files that were uploaded", async ({ page }) => {
  await importThroughFlow(page, resolve(BAD, "deals.csv"));
  const counts = page.getByRole("table", { name: "Rows per file" });
  await expect(counts).toBeVisible({ timeout: 60_000 });
  await expect(counts.locator("tbody tr")).toHaveCount(1);
  await expect(counts.getByRole("row", { name: /^deals\.csv/ })).toBeVisible();
  const rejected = await page.getByTestId("rejected-rows").locator("tbody tr").count();
  await expect(page.getByText(new RegExp(`Import finished; ${rejected} rows? (was|were) rejected`))).toBeVisible();
});

test("a file that is not a CSV, XLSX or zip export is refused at the field", async ({ page }) => {
  await page.goto("/import");
  const input = page.getByLabel("Export files (CSV, XLSX or zip)");
  await input.setInputFiles({ name: "orders.txt", mimeType: "text/plain", buffer: Buffer.from("a,b\n1,2\n") });
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await expect(page.getByText(/Not a CSV, XLSX or zip file: orders\.txt/)).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
});

test("a CSV nothing recognises is named as not recognised and the flow stops there", async ({ page }) => {
  await uploadForImport(page, { name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
  await expect(page.getByRole("heading", { name: "orders.csv" })).toBeVisible();
  await expect(page.getByText("Not recognised", { exact: true })).toBeVisible();
  await expect(page.getByText("None of the files was recognised")).toBeVisible();
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
});
