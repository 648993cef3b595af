import { describe, expect, it } from "vitest";
import { parseOffsetTimestamp } from "./iso";
import { looksLikeWallClock, parseTimestampInZone, parseWallClock } from "./timestamps";
import { epochMsToWallClock, wallClockExists, wallClockToEpochMs } from "./wall-clock";

const inZone = (text: string, zone = "UTC") => {
  const r = parseTimestampInZone(text, zone);
  return r.ok ? r.value : r.error;
};
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("the DST rules (wall-clock.ts)", () => {
  const wall = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
  it("a gap moves forward, an overlap takes the earlier instant, anything else has one instant", () => {
    const at = (ms: number) => new Date(ms).toISOString();
    expect(at(wallClockToEpochMs(wall(2025, 3, 9, 2, 30), "America/New_York"))).toBe("2025-03-09T07:30:00.000Z");
    expect(at(wallClockToEpochMs(wall(2025, 11, 2, 1, 30), "America/New_York"))).toBe("2025-11-02T05:30:00.000Z");
    expect(at(wallClockToEpochMs(wall(2025, 10, 26, 2, 30), "Europe/Berlin"))).toBe("2025-10-26T00:30:00.000Z");
    expect(at(wallClockToEpochMs(wall(2025, 3, 30, 2, 30), "Europe/Berlin"))).toBe("2025-03-30T01:30:00.000Z");
    expect(at(wallClockToEpochMs(wall(2025, 7, 15, 9), "Asia/Kolkata"))).toBe("2025-07-15T03:30:00.000Z");
    // Lord Howe moves by 30 minutes: 02:15 is skipped on 2025-10-05 (02:00 +10:30 → 02:30 +11:00)
    expect(at(wallClockToEpochMs(wall(2025, 10, 5, 2, 15), "Australia/Lord_Howe"))).toBe("2025-10-04T15:45:00.000Z");
  });

  it("knows which wall-clock times exist", () => {
    expect(wallClockExists(wall(2025, 3, 9, 2, 30), "America/New_York")).toBe(false);
    expect(wallClockExists(wall(2025, 3, 9, 3, 0), "America/New_York")).toBe(true);
    expect(wallClockExists(wall(2025, 11, 2, 1, 30), "America/New_York")).toBe(true);
    expect(epochMsToWallClock(Date.UTC(2025, 10, 2, 6, 30), "America/New_York")).toBe(wall(2025, 11, 2, 1, 30));
  });
});

describe("parseTimestampInZone (the importer's reader)", () => {
  it("reads Z and offsets as instants, canonical UTC with microseconds", () => {
    expect(inZone("2025-03-04T09:15:00Z")).toBe("2025-03-04T09:15:00.000000Z");
    expect(inZone("2024-12-15T10:00:00+01:00")).toBe("2024-12-15T09:00:00.000000Z");
    expect(inZone("2025-01-20T05:00:00-05:00", "Europe/Madrid")).toBe("2025-01-20T10:00:00.000000Z");
    expect(inZone("2025-01-20T05:00:00-0530")).toBe("2025-01-20T10:30:00.000000Z");
    expect(inZone("2025-01-20T05:00+02")).toBe("2025-01-20T03:00:00.000000Z");
    expect(inZone("2025-01-20 05:00:07.1234567Z")).toBe("2025-01-20T05:00:07.123456Z");
    expect(inZone("2025-01-01T00:30:00+01:00")).toBe("2024-12-31T23:30:00.000000Z");
  });

  it("reads a timestamp without offset in the zone, with the DST rules", () => {
    expect(inZone("2025-01-15T09:00:00", "America/New_York")).toBe("2025-01-15T14:00:00.000000Z");
    expect(inZone("2025-07-15T09:00:00", "America/New_York")).toBe("2025-07-15T13:00:00.000000Z");
    expect(inZone("2025-01-15T09:00:00Z", "America/New_York")).toBe("2025-01-15T09:00:00.000000Z");
    expect(inZone("2025-03-09T02:30:00", "America/New_York")).toBe("2025-03-09T07:30:00.000000Z");
    expect(inZone("2025-11-02T01:30:00", "America/New_York")).toBe("2025-11-02T05:30:00.000000Z");
    expect(inZone("2025-10-26T02:30:00", "Europe/Berlin")).toBe("2025-10-26T00:30:00.000000Z");
  });

  it("refuses a date alone, impossible values, offsets above 18 h and instants outside 0001–9999", () => {
    expect(inZone("2025-01-01")).toBe("syntax");
    expect(inZone("2025-02-29T10:00:00Z")).toBe("calendar");
    expect(inZone("2025-01-01T10:00:00+19:00")).toBe("offset");
    expect(inZone("2025-01-01T10:00:00+18:59")).toBe("2024-12-31T15:01:00.000000Z");
    expect(inZone("0001-01-01T00:30:00+01:00")).toBe("range");
    expect(inZone("9999-12-31T23:30:00-01:00")).toBe("range");
  });
});

describe("parseOffsetTimestamp (as_of)", () => {
  it("needs an offset, years from 1900, offsets up to 23:59, truncates to milliseconds", () => {
    expect(iso(parseOffsetTimestamp("2025-04-15T02:00:00+02:00"))).toBe("2025-04-15T00:00:00.000Z");
    expect(iso(parseOffsetTimestamp("2025-04-15T00:00:00.123456Z"))).toBe("2025-04-15T00:00:00.123Z");
    expect(iso(parseOffsetTimestamp("2025-04-15T05:30-0500"))).toBe("2025-04-15T10:30:00.000Z");
    expect(iso(parseOffsetTimestamp("2025-04-15T00:00:00+23:59"))).toBe("2025-04-14T00:01:00.000Z");
    for (const bad of ["2025-04-15T10:00:00", "2025-04-15", "1899-12-31T23:59:59Z", "2025-04-15T00:00:00+24:00", "2025-02-30T10:00:00Z"]) {
      expect(parseOffsetTimestamp(bad), bad).toBeNull();
    }
    expect(iso(parseOffsetTimestamp("1899-12-31T23:59:59Z", 1))).toBe("1899-12-31T23:59:59.000Z");
  });
});

describe("parseWallClock (a typed as_of)", () => {
  it("reads minutes or seconds in the zone; refuses a gap, a fraction, an offset", () => {
    expect(iso(parseWallClock("2025-04-15T09:30", "Europe/Madrid"))).toBe("2025-04-15T07:30:00.000Z");
    expect(iso(parseWallClock("2025-04-15 09:30:15", "UTC"))).toBe("2025-04-15T09:30:15.000Z");
    expect(iso(parseWallClock("2025-11-02T01:30", "America/New_York"))).toBe("2025-11-02T05:30:00.000Z");
    expect(parseWallClock("2025-03-09T02:30", "America/New_York")).toBeNull();
    expect(parseWallClock("2025-04-15T09:30:00.5", "UTC")).toBeNull();
    expect(parseWallClock("2025-04-15T09:30Z", "UTC")).toBeNull();
    expect(parseWallClock("2025-02-30T09:30", "UTC")).toBeNull();
    expect(looksLikeWallClock("2025-02-30T09:30")).toBe(true);
    expect(looksLikeWallClock("2025-04-15T09:30Z")).toBe(false);
  });
});
