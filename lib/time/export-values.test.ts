import { describe, expect, it } from "vitest";
import { parseExportDate, parseExportTimestamp } from "./export-values";

const ts = (text: string, order: "mdy" | "dmy" | "ymd" = "mdy", zone = "UTC") => {
  const r = parseExportTimestamp(text, zone, order);
  return r.ok ? r.value : r.error;
};

describe("export dates and times", () => {
  it("reads the date orders with 12- and 24-hour times", () => {
    expect(ts("3/5/2024 2:22 PM")).toBe("2024-03-05T14:22:00.000000Z");
    expect(ts("3/5/2024 12:05 AM")).toBe("2024-03-05T00:05:00.000000Z");
    expect(ts("3/5/2024 12:05 pm")).toBe("2024-03-05T12:05:00.000000Z");
    expect(ts("3/5/2024 2:22 PM", "dmy")).toBe("2024-05-03T14:22:00.000000Z");
    expect(ts("05.03.2024 14:22", "dmy")).toBe("2024-03-05T14:22:00.000000Z");
    expect(ts("2024/03/05 14:22:09", "dmy")).toBe("2024-03-05T14:22:09.000000Z");
    expect(ts("3/5/24", "mdy")).toBe("2024-03-05T00:00:00.000000Z");
    expect(ts("13/5/2024", "mdy")).toBe("calendar");
    expect(ts("3/5/2024 13:00 PM")).toBe("calendar");
    expect(ts("yesterday")).toBe("syntax");
  });
  it("reads ISO forms, a date alone as the start of that day in the zone, and epoch milliseconds", () => {
    expect(ts("2024-03-05T14:22:00.000Z")).toBe("2024-03-05T14:22:00.000000Z");
    expect(ts("2024-03-05T14:22:00.000+0000")).toBe("2024-03-05T14:22:00.000000Z");
    expect(ts("2024-03-05 14:22", "mdy", "Europe/Madrid")).toBe("2024-03-05T13:22:00.000000Z");
    expect(ts("2024-03-05", "mdy", "Europe/Madrid")).toBe("2024-03-04T23:00:00.000000Z");
    expect(ts("3/5/2024", "mdy", "America/New_York")).toBe("2024-03-05T05:00:00.000000Z");
    expect(ts("1709648520000")).toBe("2024-03-05T14:22:00.000000Z");
    expect(ts("1709648520123")).toBe("2024-03-05T14:22:00.123000Z");
  });
  it("reads calendar dates", () => {
    expect(parseExportDate("9/30/2024", "mdy")).toBe("2024-09-30");
    expect(parseExportDate("30/9/2024", "dmy")).toBe("2024-09-30");
    expect(parseExportDate("2024-09-30", "dmy")).toBe("2024-09-30");
    expect(parseExportDate("2024-09-30 00:00", "mdy")).toBe("2024-09-30");
    expect(parseExportDate("2/30/2024", "mdy")).toBeNull();
  });
});
