import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

/**
 * Issue 9: leadership sets a KPI's target from the dashboard; it is validated per unit, drives
 * the tile's "on track / behind", and removing it brings the default back. Marketing does not
 * get the dialog.
 */
test.describe("KPI targets", () => {
  test.use({ storageState: authFile("leadership") });

  test("leadership sets, checks and removes the win-rate target", async ({ page }) => {
    await page.goto("/dashboard");
    const tile = page.locator('[data-kpi="win_rate"]');
    await expect(tile.getByText(/^(On track|Behind) · .* of the target \(25%\)$/)).toBeVisible();

    await page.getByRole("button", { name: "Targets" }).click();
    const dialog = page.getByRole("dialog", { name: "KPI targets" });
    await dialog.getByLabel("KPI").selectOption("win_rate");
    const target = dialog.getByLabel("Target", { exact: true });
    await target.fill("150");
    await dialog.getByRole("button", { name: "Save target" }).click();
    await expect(dialog.getByText("Enter a percentage from 0 to 100.")).toBeVisible();
    await expect(target).toHaveAttribute("aria-invalid", "true");

    // 5 %: the demo's win rate (15–35 %) is on track.
    await target.fill("5");
    await dialog.getByRole("button", { name: "Save target" }).click();
    await expect(tile.getByText(/^On track · .* of the target \(5%\)$/)).toBeVisible();

    // 95 %: behind.
    await dialog.getByLabel("KPI").selectOption("win_rate");
    await dialog.getByLabel("Target", { exact: true }).fill("95");
    await dialog.getByRole("button", { name: "Save target" }).click();
    await expect(tile.getByText(/^Behind · .* of the target \(95%\)$/)).toBeVisible();

    await dialog.getByLabel("KPI").selectOption("win_rate");
    await dialog.getByRole("button", { name: "Remove target" }).click();
    await expect(tile.getByText(/of the target \(25%\)$/)).toBeVisible();
  });
});

test.describe("KPI targets, read-only roles", () => {
  test.use({ storageState: authFile("marketing") });
  test("marketing sees the targets' colours but no dialog", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("kpi-value-win_rate")).toBeVisible();
    await expect(page.getByRole("button", { name: "Targets" })).toHaveCount(0);
  });
});
