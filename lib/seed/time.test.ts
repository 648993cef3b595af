import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, businessDue, parseBusinessHours } from "@/lib/time";
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

  it("agrees with lib/time's business calendar for the default settings (N > 0)", () => {
    const settings = { timeZone: "UTC", slaResponseHours: 0, week: parseBusinessHours(DEFAULT_BUSINESS_HOURS) ?? [], holidays: [] };
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 300; i++) {
      const ms = Date.UTC(2025, 0, 1) + Math.floor(rand() * 120 * 86_400_000);
      const hours = 0.25 + Math.floor(rand() * 160) / 4;
      const due = businessDue(new Date(ms), { ...settings, slaResponseHours: hours });
      expect([ms, hours, due?.getTime()]).toEqual([ms, hours, addBusinessHours(ms, hours)]);
    }
  });

  it("formats ISO timestamps and dates in UTC, truncated to the second", () => {
    expect(isoSeconds(at("2024-02-29T23:59:59.999Z"))).toBe("2024-02-29T23:59:59Z");
    expect(isoSeconds(at("1999-12-31T00:00:00Z"))).toBe("1999-12-31T00:00:00Z");
    expect(isoDate(at("2026-03-01T05:00:00Z"))).toBe("2026-03-01");
  });
});
