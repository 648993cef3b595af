import { describe, expect, it } from "vitest";
import { hoursMinutes } from "./duration";

describe("hoursMinutes", () => {
  it("rounds time left down and lateness up, to whole minutes", () => {
    expect(hoursMinutes(70 * 60_000 + 59_999, "down")).toEqual({ hours: 1, minutes: 10 });
    expect(hoursMinutes(20_000, "up")).toEqual({ hours: 0, minutes: 1 });
    expect(hoursMinutes(20_000, "down")).toEqual({ hours: 0, minutes: 0 });
    expect(hoursMinutes(23 * 3_600_000, "up")).toEqual({ hours: 23, minutes: 0 });
    expect(hoursMinutes(-5, "up")).toEqual({ hours: 0, minutes: 0 });
  });
});
