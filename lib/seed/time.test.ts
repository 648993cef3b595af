import { describe, expect, it } from "vitest";
import { addBusinessHours, isoDate, isoSeconds } from "./time";

const at = (s: string) => Date.parse(s);

describe("seed time helpers", () => {
  it("adds business hours like kpi-definitions.md §4", () => {
    // 2025-01-10 is a Friday.
    expect(isoSeconds(addBusinessHours(at("2025-01-10T16:00:00Z"), 4))).toBe("2025-01-13T12:00:00Z");
    expect(isoSeconds(addBusinessHours(at("2025-01-11T10:00:00Z"), 4))).toBe("2025-01-13T13:00:00Z");
    expect(isoSeconds(addBusinessHours(at("2025-01-14T08:00:00Z"), 4))).toBe("2025-01-14T13:00:00Z");
    expect(isoSeconds(addBusinessHours(at("2025-01-14T13:00:00Z"), 4))).toBe("2025-01-14T17:00:00Z");
    expect(isoSeconds(addBusinessHours(at("2025-01-14T20:00:00Z"), 0))).toBe("2025-01-15T09:00:00Z");
  });

  it("formats ISO timestamps and dates in UTC, truncated to the second", () => {
    expect(isoSeconds(at("2024-02-29T23:59:59.999Z"))).toBe("2024-02-29T23:59:59Z");
    expect(isoSeconds(at("1999-12-31T00:00:00Z"))).toBe("1999-12-31T00:00:00Z");
    expect(isoDate(at("2026-03-01T05:00:00Z"))).toBe("2026-03-01");
  });
});
