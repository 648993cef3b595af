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
  it("measures periods in months and scales monthly targets to them", () => {
    expect(periodMonths("2025-01-01", "2025-12-31")).toBe(12);
    expect(periodMonths("2025-11-30", "2026-11-29")).toBe(12);
    expect(periodMonths("2025-04-01", "2025-06-30")).toBe(3);
    expect(periodMonths("2025-04-01", "2025-04-15")).toBeCloseTo(0.49, 2);
    const settings = { mqlMonthlyTarget: 100, timeZone: "UTC" };
    const year = { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-01-10T00:00:00Z") };
    // 1,150 MQLs against 100 a month over a finished year: behind (1,200).
    const done = kpiTargets([], settings, year, { mqls: 1150, revenue_prev_year: null });
    expect(done.mqls?.status).toMatchObject({ periodTarget: 1200, paceTarget: 1200, onTrack: false });
    expect(done.revenue).toBeUndefined();
    // Half-way through the year (as_of 1 July 00:00, i.e. on 1 July: 6 months and 1 day elapsed), 620 is on pace.
    const half = kpiTargets([], settings, { ...year, asOf: new Date("2025-07-01T00:00:00Z") }, { mqls: 620 });
    expect(half.mqls?.status?.onTrack).toBe(true);
    expect(half.mqls?.status?.paceTarget).toBeCloseTo(600 + 100 / (365.25 / 12), 6);
    // A stored target replaces the default; no MQL target when the organisation has none.
    const stored = kpiTargets(
      [{ kpiKey: "win_rate", target: 0.3, direction: "at_least", source: "stored", version: 2 }],
      { mqlMonthlyTarget: 0, timeZone: "UTC" },
      year,
      { win_rate: 0.28 },
    );
    expect(stored.mqls).toBeUndefined();
    expect(stored.win_rate).toMatchObject({ setting: { target: 0.3, source: "stored" }, status: { onTrack: false } });
    expect(stored.sla_compliance).toMatchObject({ setting: { target: 0.9, source: "default" }, status: null });
  });
});
