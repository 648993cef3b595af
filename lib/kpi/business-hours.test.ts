import { describe, expect, it } from "vitest";
import { businessDue, businessElapsedMs, parseBusinessHours, type SlaSettings } from "./business-hours";

const week = parseBusinessHours("mon-fri 09:00-17:00") ?? [];
const UTC: SlaSettings = { timeZone: "UTC", slaResponseHours: 4, week, holidays: [] };
const due = (iso: string, s: SlaSettings = UTC) => businessDue(new Date(iso), s)?.toISOString();

describe("parseBusinessHours", () => {
  it("parses the default and richer schedules", () => {
    expect(week).toEqual([1, 2, 3, 4, 5].map((d) => ({ isoDow: d, startMinute: 540, endMinute: 1020 })));
    expect(parseBusinessHours("Mon-Thu 08:00-18:00; fri 08:00-14:00")?.map((w) => [w.isoDow, w.endMinute])).toEqual([
      [1, 1080],
      [2, 1080],
      [3, 1080],
      [4, 1080],
      [5, 840],
    ]);
    expect(parseBusinessHours("sat-sun 00:00-24:00")?.map((w) => [w.isoDow, w.startMinute, w.endMinute])).toEqual([
      [6, 0, 1440],
      [7, 0, 1440],
    ]);
    expect(parseBusinessHours("mon,wed,fri 9:30-12:00")?.map((w) => w.isoDow)).toEqual([1, 3, 5]);
  });

  it("rejects nonsense", () => {
    for (const bad of ["", "weekdays 09:00-17:00", "mon-fri 17:00-09:00", "mon-fri 09:00", "mon-fri 09:60-17:00"]) {
      expect(parseBusinessHours(bad)).toBeNull();
    }
  });
});

describe("businessDue (reference)", () => {
  it("the four examples of kpi-definitions.md §4", () => {
    expect(due("2025-01-10T16:00:00Z")).toBe("2025-01-13T12:00:00.000Z"); // Fri 16:00 → Mon 12:00
    expect(due("2025-01-18T10:00:00Z")).toBe("2025-01-20T13:00:00.000Z"); // Sat 10:00 → Mon 13:00
    expect(due("2025-01-07T08:00:00Z")).toBe("2025-01-07T13:00:00.000Z"); // Tue 08:00 → Tue 13:00
    expect(due("2025-01-07T13:00:00Z")).toBe("2025-01-07T17:00:00.000Z"); // Tue 13:00 → Tue 17:00
  });

  it("skips holidays and handles fractional hours and N = 0", () => {
    // Fri 2025-03-07 16:30 with Monday 03-10 a holiday → 0.5 h Fri + 3.5 h Tue → Tue 12:30
    expect(due("2025-03-07T16:30:00Z", { ...UTC, holidays: ["2025-03-10"] })).toBe("2025-03-11T12:30:00.000Z");
    expect(due("2025-01-07T16:00:00Z", { ...UTC, slaResponseHours: 1.5 })).toBe("2025-01-08T09:30:00.000Z");
    expect(due("2025-01-11T10:00:00Z", { ...UTC, slaResponseHours: 0 })).toBe("2025-01-11T10:00:00.000Z");
    expect(due("2025-01-07T16:00:00Z", { ...UTC, slaResponseHours: 40 })).toBe("2025-01-14T16:00:00.000Z");
  });

  it("uses the wall clock of the organisation's time zone across DST", () => {
    const ny: SlaSettings = { ...UTC, timeZone: "America/New_York" };
    // Fri 2025-03-07 16:00 EST (21:00Z) → 1 h Fri + 3 h Mon 03-10 (EDT since 03-09) → Mon 12:00 EDT = 16:00Z
    expect(due("2025-03-07T21:00:00Z", ny)).toBe("2025-03-10T16:00:00.000Z");
  });

  it("measures elapsed business time", () => {
    expect(businessElapsedMs(new Date("2025-01-10T16:00:00Z"), new Date("2025-01-13T11:00:00Z"), UTC)).toBe(
      3 * 3_600_000,
    );
  });
});
