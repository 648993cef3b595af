import { describe, expect, it } from "vitest";
import { parseTargetInput, setTargetSchema, targetForInput, targetsInForce, targetStatus } from "./target-rules";

describe("parseTargetInput: validated per unit", () => {
  it("shares are typed as percentages 0..100 and stored as 0..1", () => {
    expect(parseTargetInput("win_rate", "25")).toEqual({ ok: true, stored: 0.25 });
    expect(parseTargetInput("win_rate", "12.5")).toEqual({ ok: true, stored: 0.125 });
    expect(parseTargetInput("win_rate", "0")).toEqual({ ok: true, stored: 0 });
    expect(parseTargetInput("win_rate", "100")).toEqual({ ok: true, stored: 1 });
    expect(parseTargetInput("win_rate", "100.01")).toEqual({ ok: false, problem: "percent_range" });
    expect(parseTargetInput("win_rate", "-5")).toEqual({ ok: false, problem: "percent_range" });
  });

  it("money ≥ 0, counts whole ≥ 0, durations > 0", () => {
    expect(parseTargetInput("revenue", "250000.50")).toEqual({ ok: true, stored: 250000.5 });
    expect(parseTargetInput("revenue", "0")).toEqual({ ok: true, stored: 0 });
    expect(parseTargetInput("revenue", "-1")).toEqual({ ok: false, problem: "negative" });
    expect(parseTargetInput("revenue", "1e30")).toEqual({ ok: false, problem: "invalid_number" });
    expect(parseTargetInput("revenue", "9".repeat(20))).toEqual({ ok: false, problem: "too_large" });
    expect(parseTargetInput("won_deals", "12")).toEqual({ ok: true, stored: 12 });
    expect(parseTargetInput("won_deals", "12.5")).toEqual({ ok: false, problem: "whole_number" });
    expect(parseTargetInput("won_deals", "-3")).toEqual({ ok: false, problem: "negative" });
    expect(parseTargetInput("sales_cycle_days_median", "45")).toEqual({ ok: true, stored: 45 });
    expect(parseTargetInput("sales_cycle_days_median", "0")).toEqual({ ok: false, problem: "positive_days" });
    expect(parseTargetInput("sales_cycle_days_median", "-2")).toEqual({ ok: false, problem: "positive_days" });
    expect(parseTargetInput("pipeline_velocity_per_day", "1500")).toEqual({ ok: true, stored: 1500 });
  });

  it("refuses text that is not a plain number", () => {
    for (const bad of ["", " ", "abc", "1,000", "12%", "0x10", "Infinity", "NaN", "1.", ".5"]) {
      expect(parseTargetInput("revenue", bad)).toEqual({ ok: false, problem: "invalid_number" });
    }
    expect(parseTargetInput("revenue", " 42 ")).toEqual({ ok: true, stored: 42 });
  });

  it("shows a stored share as its percentage", () => {
    expect(targetForInput("win_rate", 0.125)).toBe("12.5");
    expect(targetForInput("win_rate", 0.29)).toBe("29");
    expect(targetForInput("revenue", 1000)).toBe("1000");
  });
});

describe("setTargetSchema", () => {
  it("parses the dialog's form, defaulting the direction to the KPI's own", () => {
    expect(setTargetSchema.parse({ kpiKey: "lost_deals", target: "4", version: "0" })).toEqual({
      kpiKey: "lost_deals",
      target: 4,
      direction: "at_most",
      version: 0,
    });
    expect(setTargetSchema.parse({ kpiKey: "win_rate", target: "30", direction: "at_least", version: "2" })).toMatchObject({ target: 0.3 });
  });

  it("reports the unit's problem at the target field", () => {
    const r = setTargetSchema.safeParse({ kpiKey: "win_rate", target: "-5", version: "0" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["target", "percent_range"]]);
    const unknown = setTargetSchema.safeParse({ kpiKey: "nope", target: "1", version: "0" });
    expect(unknown.error?.issues[0]?.path).toEqual(["kpiKey"]);
  });
});

describe("targetsInForce: defaults when nothing is stored", () => {
  it("gives the documented defaults, and stored targets win", () => {
    const none = targetsInForce([], { mqlMonthlyTarget: 100, prevYearRevenue: 1_200_000, periodMonths: 12 });
    expect(none.win_rate).toMatchObject({ target: 0.25, direction: "at_least", source: "default" });
    expect(none.sla_compliance?.target).toBe(0.9);
    expect(none.mqls?.target).toBe(100);
    // 1.2M a year earlier + 10 % over 12 months = 110,000 a month.
    expect(none.revenue?.target).toBeCloseTo(110_000, 6);
    expect(none.open_pipeline).toBeUndefined();

    const stored = targetsInForce([{ kpiKey: "win_rate", target: 0.3, direction: "at_least", source: "stored", version: 3 }], {
      mqlMonthlyTarget: 0,
      prevYearRevenue: null,
      periodMonths: 12,
    });
    expect(stored.win_rate).toMatchObject({ target: 0.3, source: "stored", version: 3 });
    expect(stored.mqls).toBeUndefined();
    expect(stored.revenue).toBeUndefined();
  });
});

describe("targetStatus: on track or behind", () => {
  it("a level KPI meets its target or not, either direction", () => {
    expect(targetStatus(0.3, { kpiKey: "win_rate", target: 0.25, direction: "at_least" }, 12, 12)).toEqual({
      periodTarget: 0.25,
      paceTarget: 0.25,
      progress: 1.2,
      onTrack: true,
    });
    expect(targetStatus(0.2, { kpiKey: "win_rate", target: 0.25, direction: "at_least" }, 12, 12)?.onTrack).toBe(false);
    expect(targetStatus(0.25, { kpiKey: "win_rate", target: 0.25, direction: "at_least" }, 12, 12)?.onTrack).toBe(true);
    expect(targetStatus(40, { kpiKey: "sales_cycle_days_median", target: 45, direction: "at_most" }, 3, 3)?.onTrack).toBe(true);
    expect(targetStatus(50, { kpiKey: "sales_cycle_days_median", target: 45, direction: "at_most" }, 3, 3)?.onTrack).toBe(false);
  });

  it("a monthly KPI is judged at the pace of the elapsed part of the period", () => {
    // 100k a month over a quarter (300k); at as_of 1.5 months in, 160k is ahead of the 150k pace.
    const ahead = targetStatus(160_000, { kpiKey: "revenue", target: 100_000, direction: "at_least" }, 3, 1.5);
    expect(ahead).toEqual({ periodTarget: 300_000, paceTarget: 150_000, progress: 160_000 / 300_000, onTrack: true });
    expect(targetStatus(140_000, { kpiKey: "revenue", target: 100_000, direction: "at_least" }, 3, 1.5)?.onTrack).toBe(false);
    // A finished period: the whole target.
    expect(targetStatus(290_000, { kpiKey: "revenue", target: 100_000, direction: "at_least" }, 3, 5)?.onTrack).toBe(false);
  });

  it("no value, no status; a zero target has no progress", () => {
    expect(targetStatus(null, { kpiKey: "win_rate", target: 0.25, direction: "at_least" }, 12, 12)).toBeNull();
    expect(targetStatus(0, { kpiKey: "lost_deals", target: 0, direction: "at_most" }, 1, 1)).toEqual({
      periodTarget: 0,
      paceTarget: 0,
      progress: null,
      onTrack: true,
    });
  });
});
