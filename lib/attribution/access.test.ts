import { describe, expect, it } from "vitest";
import { canViewJourney } from "./access";

describe("who may see a deal's journey", () => {
  it("marketing, leadership and admin see every deal's journey", () => {
    for (const role of ["marketing", "leadership", "admin"] as const) {
      expect(canViewJourney({ role, email: "x@example.test" }, "rita@example.test")).toBe(true);
      expect(canViewJourney({ role, email: "x@example.test" }, null)).toBe(true);
    }
  });

  it("sales sees only the journeys of its own deals (e-mail case-insensitive)", () => {
    const rita = { role: "sales" as const, email: "rita@example.test" };
    expect(canViewJourney(rita, "Rita@Example.test")).toBe(true);
    expect(canViewJourney(rita, "omar@example.test")).toBe(false);
    expect(canViewJourney(rita, null)).toBe(false);
  });
});
