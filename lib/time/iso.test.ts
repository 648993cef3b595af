import { describe, expect, it } from "vitest";
import { daysFromCivil, civilFromDays, isoWeekdayOfDays } from "./civil";
import { formatInstant, formatUtcMicros, isIsoDate, isoDateError, parseIsoDate, readIsoTimestamp } from "./iso";

describe("dates", () => {
  it("accepts real calendar days only, years 0001–9999", () => {
    for (const ok of ["2025-02-28", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]) expect(isoDateError(ok), ok).toBeNull();
    for (const bad of ["2025-02-29", "1900-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "0000-01-01"]) {
      expect(isoDateError(bad), bad).toBe("calendar");
    }
    for (const bad of ["2025-1-5", "2025-01-05T00:00:00Z", "05/01/2025", "", " 2025-01-05", "2025-01-05 ", "2025/01/05", "２０２５-01-05", "+2025-01-0"]) {
      expect(isoDateError(bad), bad).toBe("syntax");
    }
  });

  it("reads fields and applies a minimum year", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2024-02-30")).toBeNull();
    expect(isIsoDate("1900-01-01", 1900)).toBe(true);
    expect(isIsoDate("1899-12-31", 1900)).toBe(false);
    expect(isIsoDate("1899-12-31")).toBe(true);
  });

  it("day numbers round-trip and know the weekday", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).toEqual([2024, 2, 29]);
    expect(civilFromDays(daysFromCivil(1, 1, 1))).toEqual([1, 1, 1]);
    expect(isoWeekdayOfDays(daysFromCivil(2025, 1, 13))).toBe(1); // a Monday
    expect(isoWeekdayOfDays(daysFromCivil(1969, 12, 28))).toBe(7); // a Sunday before 1970
  });
});

describe("timestamps", () => {
  it("reads the grammar: T/t/space, optional seconds and fraction, Z or ±HH[[:]MM] or nothing", () => {
    expect(readIsoTimestamp("2025-03-04T09:15:00Z")).toEqual({
      year: 2025, month: 3, day: 4, hour: 9, minute: 15, second: 0, fraction: "", offsetMinutes: 0, offsetHours: 0,
    });
    expect(readIsoTimestamp("2025-03-04 09:15")).toMatchObject({ second: 0, offsetMinutes: null });
    expect(readIsoTimestamp("2025-03-04t09:15:07,123456789-05:30")).toMatchObject({ second: 7, fraction: "123456789", offsetMinutes: -330 });
    expect(readIsoTimestamp("2025-03-04T09:15+0100")).toMatchObject({ offsetMinutes: 60, offsetHours: 1 });
    expect(readIsoTimestamp("2025-03-04T09:15-02")).toMatchObject({ offsetMinutes: -120, offsetHours: 2 });
  });

  it("says why a text is not a timestamp", () => {
    for (const bad of ["2025-01-01", "2025-01-01T10", "01/02/2025 10:00", "2025-01-01T10:00:00 Z", "2025-01-01T10:00:00.", "yesterday", "2025-01-01T10:00:00+1", "2025-01-01T10:00:00.1234567891Z"]) {
      expect(readIsoTimestamp(bad), bad).toBe("syntax");
    }
    for (const bad of ["2025-03-32T10:00:00Z", "2025-02-29T10:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T10:60:00Z", "2025-01-01T10:00:60Z", "0000-01-01T10:00Z"]) {
      expect(readIsoTimestamp(bad), bad).toBe("calendar");
    }
    expect(readIsoTimestamp("2025-01-01T10:00:00+01:60")).toBe("offset");
  });
});

describe("formatting", () => {
  it("canonical micro text and as_of text", () => {
    expect(formatUtcMicros(Date.UTC(2025, 0, 20, 5, 0, 7) / 1000, "123456")).toBe("2025-01-20T05:00:07.123456Z");
    expect(formatUtcMicros(Date.UTC(10000, 0, 1) / 1000, "000000")).toBeNull();
    expect(formatInstant(new Date("2025-04-15T00:00:00Z"))).toBe("2025-04-15T00:00:00Z");
    expect(formatInstant(new Date("2025-04-15T00:00:00.250Z"))).toBe("2025-04-15T00:00:00.250Z");
  });
});
