import { describe, expect, it } from "vitest";
import { businessDue, businessElapsedMs, businessSpansBetween, calendarSpanDays, slaPolicyAt, type SlaSettings } from "./business-calendar";
import { businessMsInSpans } from "./business-spans";
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from "./business-hours";

const week = parseBusinessHours(DEFAULT_BUSINESS_HOURS) ?? [];
const UTC: SlaSettings = { timeZone: "UTC", slaResponseHours: 4, week, holidays: [] };
const due = (iso: string, s: SlaSettings = UTC) => businessDue(new Date(iso), s)?.toISOString();

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

  it("reads window edges in a DST gap or overlap by the rules of wall-clock.ts", () => {
    const sunday = { ...UTC, timeZone: "America/New_York", week: parseBusinessHours("sun 01:00-03:00") ?? [], slaResponseHours: 0.5 };
    // 2025-11-02 01:00 happens twice: the window opens at the first (EDT, 05:00Z) …
    expect(due("2025-11-02T04:00:00Z", sunday)).toBe("2025-11-02T05:30:00.000Z");
    // … and 2025-03-09 03:00 follows the skipped hour: 01:00 EST (06:00Z) … 03:00 EDT (07:00Z) is one hour long.
    expect(due("2025-03-09T06:45:00Z", { ...sunday, slaResponseHours: 0.5 })).toBe("2025-03-16T05:15:00.000Z");
  });

  it("returns null without business time, and spans enough days for holidays", () => {
    expect(due("2025-01-07T16:00:00Z", { ...UTC, week: [] })).toBeUndefined();
    expect(calendarSpanDays(UTC)).toBe(15);
    expect(calendarSpanDays({ ...UTC, holidays: ["2025-12-25", "2025-12-26"] })).toBe(17);
  });

  it("measures elapsed business time", () => {
    expect(businessElapsedMs(new Date("2025-01-10T16:00:00Z"), new Date("2025-01-13T11:00:00Z"), UTC)).toBe(
      3 * 3_600_000,
    );
    expect(businessElapsedMs(new Date("2025-01-13T11:00:00Z"), new Date("2025-01-10T16:00:00Z"), UTC)).toBe(0);
  });

  it("cuts business time into spans the browser can count on (the queue's live countdown)", () => {
    const H = 3_600_000;
    const at = (iso: string) => Date.parse(iso);
    // Fri 2025-01-10 16:00 → Mon 01-13 12:00 (the due time of an MQL of Fri 12:00 + 4 h … here the
    // span itself): Fri 16–17, Mon 09–12.
    const spans = businessSpansBetween(new Date("2025-01-10T16:00:00Z"), new Date("2025-01-13T12:00:00Z"), UTC);
    expect(spans).toEqual([
      [at("2025-01-10T16:00:00Z"), at("2025-01-10T17:00:00Z")],
      [at("2025-01-13T09:00:00Z"), at("2025-01-13T12:00:00Z")],
    ]);
    const due = at("2025-01-13T12:00:00Z");
    // Left at Fri 16:00: 4 h; at Fri 16:30: 3.5 h; over the weekend: 3 h; at Mon 11:15: 45 min; after due: 0.
    expect(businessMsInSpans(spans, at("2025-01-10T16:00:00Z"), due)).toBe(4 * H);
    expect(businessMsInSpans(spans, at("2025-01-10T16:30:00Z"), due)).toBe(3.5 * H);
    expect(businessMsInSpans(spans, at("2025-01-11T12:00:00Z"), due)).toBe(3 * H);
    expect(businessMsInSpans(spans, at("2025-01-13T11:15:00Z"), due)).toBe(0.75 * H);
    expect(businessMsInSpans(spans, at("2025-01-13T12:30:00Z"), due)).toBe(0);
    // New York across the spring DST change: Fri 03-07 16:00 EST (21:00Z) → Mon 03-10 12:00 EDT (16:00Z).
    const ny: SlaSettings = { ...UTC, timeZone: "America/New_York" };
    expect(businessSpansBetween(new Date("2025-03-07T21:00:00Z"), new Date("2025-03-10T16:00:00Z"), ny)).toEqual([
      [at("2025-03-07T21:00:00Z"), at("2025-03-07T22:00:00Z")],
      [at("2025-03-10T13:00:00Z"), at("2025-03-10T16:00:00Z")],
    ]);
    expect(businessSpansBetween(new Date("2025-01-13T12:00:00Z"), new Date("2025-01-13T12:00:00Z"), UTC)).toEqual([]);
  });

  it("picks the policy in force at an MQL's time", () => {
    const old: SlaSettings = { ...UTC, slaResponseHours: 8 };
    const withHistory: SlaSettings = { ...UTC, history: [{ validUntil: "2025-02-01T00:00:00Z", sla: old }] };
    expect(slaPolicyAt(withHistory, new Date("2025-01-31T23:59:59Z")).slaResponseHours).toBe(8);
    expect(slaPolicyAt(withHistory, new Date("2025-02-01T00:00:00Z")).slaResponseHours).toBe(4);
    expect(slaPolicyAt(UTC, new Date("2020-01-01T00:00:00Z"))).toBe(UTC);
  });
});
