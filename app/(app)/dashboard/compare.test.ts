import { describe, expect, it } from "vitest";
import { comparisonsCoincide, readChange } from "./compare";
import { kpiTargets, periodMonths } from "./targets";

describe("dashboard comparisons", () => {
  it("points the arrow the way the value moved and colours it by good or bad news", () => {
    // Two more lost deals: up, and bad news.
    expect(readChange(7, 5, "count", false)).toEqual({ delta: 2, pct: 0.4, direction: "up", tone: "bad" });
    // Revenue down: down, bad.
    expect(readChange(90, 100, "money", true)).toMatchObject({ direction: "down", tone: "bad" });
    // A shorter sales cycle: down, good.
    expect(readChange(20, 30, "days", false)).toMatchObject({ direction: "down", tone: "good" });
    expect(readChange(5, 5, "count", true)).toMatchObject({ direction: "flat", tone: "neutral" });
    expect(readChange(null, 5, "count", true)).toBeNull();
  });
  it("shows a change of a ratio (a growth of a growth) in points only", () => {
    const r = readChange(0.2, 13.261, "ratio", true);
    expect(r?.pct).toBeNull();
    expect(r?.direction).toBe("down");
    expect(r?.delta).toBeCloseTo(-13.061);
  });
  it("merges the two comparisons when they coincide", () => {
    expect(comparisonsCoincide(true, 1, 2)).toBe(true);
    expect(comparisonsCoincide(false, 3, 3)).toBe(true);
    expect(comparisonsCoincide(false, null, null)).toBe(true);
    expect(comparisonsCoincide(false, 3, 4)).toBe(false);
  });
  it("scales the monthly MQL target to the period", () => {
    expect(periodMonths("2025-01-01", "2025-12-31")).toBe(12);
    expect(periodMonths("2025-11-30", "2026-11-29")).toBe(12);
    expect(periodMonths("2025-04-01", "2025-06-30")).toBe(3);
    expect(periodMonths("2025-04-01", "2025-04-15")).toBeCloseTo(0.49, 2);
    expect(kpiTargets({ mqlMonthlyTarget: 100 }, { from: "2025-01-01", to: "2025-12-31" })).toEqual({ mqls: 1200 });
    expect(kpiTargets({ mqlMonthlyTarget: 0 }, { from: "2025-01-01", to: "2025-12-31" })).toEqual({});
  });
});
