import { describe, expect, it } from "vitest";
import { cadenceOf, organiserBalance } from "./cadence";

describe("meeting cadence", () => {
  it("is ok up to 41 days, due at exactly 42, overdue from 43", () => {
    expect(cadenceOf("2026-05-19", "2026-06-29", 42)).toEqual({ daysSince: 41, intervalDays: 42, status: "ok", dueOn: "2026-06-30" });
    expect(cadenceOf("2026-05-19", "2026-06-30", 42)).toMatchObject({ daysSince: 42, status: "due" });
    expect(cadenceOf("2026-05-19", "2026-07-01", 42)).toMatchObject({ daysSince: 43, status: "overdue" });
  });
  it("counts calendar days across a month and DST change, and a meeting today is 0 days", () => {
    expect(cadenceOf("2026-03-01", "2026-04-12", 42)).toMatchObject({ daysSince: 42, status: "due" });
    expect(cadenceOf("2026-06-30", "2026-06-30", 42)).toMatchObject({ daysSince: 0, status: "ok" });
  });
  it("follows the interval setting", () => {
    expect(cadenceOf("2026-06-01", "2026-06-15", 14)).toMatchObject({ status: "due" });
    expect(cadenceOf("2026-06-01", "2026-06-16", 14)).toMatchObject({ status: "overdue" });
  });
  it("without a joint meeting there is nothing to count", () => {
    expect(cadenceOf(null, "2026-06-30", 42)).toEqual({ daysSince: null, intervalDays: 42, status: "none", dueOn: null });
  });
});

describe("organiser balance", () => {
  it("both teams take turns when each organised one of the last four", () => {
    expect(organiserBalance(["sales", "sales", "sales", "marketing", "marketing"])).toEqual({ marketing: 1, sales: 3, joint: 0, total: 4, takesTurns: true });
  });
  it("one team organising all of the last four is no turn-taking", () => {
    expect(organiserBalance(["marketing", "marketing", "joint", "marketing", "sales"])).toMatchObject({ marketing: 3, sales: 0, takesTurns: false });
  });
  it("fewer than two meetings: not measured", () => {
    expect(organiserBalance(["sales"]).takesTurns).toBeNull();
    expect(organiserBalance([]).takesTurns).toBeNull();
  });
});
