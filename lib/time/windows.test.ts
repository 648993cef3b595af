import { describe, expect, it } from "vitest";
import {
  addDays,
  dateInZone,
  dayRangeInZone,
  endOfMonth,
  monthRangeInZone,
  startOfDayInZone,
  startOfMonth,
  todayInZone,
  wallClockInZone,
} from "./windows";

const range = (r: { start: Date; end: Date }) => [r.start.toISOString(), r.end.toISOString()];

describe("the organisation's calendar", () => {
  it("today and an instant's date depend on the zone", () => {
    const now = new Date("2025-03-01T03:00:00Z");
    expect(todayInZone("UTC", now)).toBe("2025-03-01");
    expect(todayInZone("America/New_York", now)).toBe("2025-02-28");
    expect(todayInZone("Pacific/Kiritimati", new Date("2025-12-31T10:00:00Z"))).toBe("2026-01-01");
    expect(dateInZone(new Date("2025-06-30T22:30:00Z"), "Europe/Madrid")).toBe("2025-07-01");
    expect(wallClockInZone(new Date("2025-06-30T22:30:05.900Z"), "Europe/Madrid")).toBe("2025-07-01T00:30:05");
  });

  it("calendar arithmetic without a zone", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("2025-03-31", -29)).toBe("2025-03-02");
    expect(startOfMonth("2025-02-14")).toBe("2025-02-01");
    expect(endOfMonth("2024-02-14")).toBe("2024-02-29");
    expect(() => addDays("2025-02-30", 1)).toThrow(/"2025-02-30" is not a date/);
  });

  it("a day is local midnight to the next local midnight", () => {
    expect(startOfDayInZone("2025-01-15", "America/New_York").toISOString()).toBe("2025-01-15T05:00:00.000Z");
    expect(range(dayRangeInZone("2025-03-09", "2025-03-09", "America/New_York"))).toEqual([
      "2025-03-09T05:00:00.000Z",
      "2025-03-10T04:00:00.000Z", // a 23-hour day
    ]);
    expect(range(dayRangeInZone("2025-01-01", "2025-12-31", "UTC"))).toEqual(["2025-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    expect(range(monthRangeInZone("2025-03-15", "Europe/Madrid"))).toEqual(["2025-02-28T23:00:00.000Z", "2025-03-31T22:00:00.000Z"]);
  });

  it("a midnight in a DST gap moves forward; one in an overlap is the first", () => {
    // Santiago de Chile: clocks jump 2024-09-08 00:00 → 01:00; Havana: 2025-11-02 01:00 → 00:00.
    expect(startOfDayInZone("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(startOfDayInZone("2025-11-02", "America/Havana").toISOString()).toBe("2025-11-02T04:00:00.000Z");
  });
});
