import { describe, expect, it } from "vitest";
import { createFormatter } from "next-intl";
import { formatAsOfValue } from "./index";

const fmt = (locale: "en" | "es") => createFormatter({ locale, timeZone: "UTC" });

describe("formatAsOfValue (the filter bar's as-of chip)", () => {
  it("shows a wall-clock value as that wall-clock time, in the reader's format", () => {
    expect(formatAsOfValue(fmt("en"), "2026-06-30T12:00", "Europe/Madrid")).toBe("Jun 30, 2026, 12:00 PM");
    expect(formatAsOfValue(fmt("es"), "2026-06-30T12:00", "Europe/Madrid")).toBe("30 jun 2026, 12:00");
    expect(formatAsOfValue(fmt("es"), "2026-06-30T09:05:07", "UTC")).toBe("30 jun 2026, 9:05:07");
  });

  it("shows an instant with an offset in the organisation's time zone", () => {
    // 10:00 UTC is 12:00 in Madrid (summer time).
    expect(formatAsOfValue(fmt("es"), "2026-06-30T10:00:00Z", "Europe/Madrid")).toBe("30 jun 2026, 12:00");
    expect(formatAsOfValue(fmt("en"), "2026-06-30T12:00:00+02:00", "America/New_York")).toBe("Jun 30, 2026, 6:00 AM");
  });

  it("returns text that is not a timestamp unchanged", () => {
    expect(formatAsOfValue(fmt("es"), "yesterday", "UTC")).toBe("yesterday");
    expect(formatAsOfValue(fmt("en"), "2026-02-30T10:00", "UTC")).toBe("2026-02-30T10:00");
  });
});
