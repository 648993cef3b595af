import { describe, expect, it } from "vitest";
import { hoursMinutes, pendingClock } from "./duration";

describe("hoursMinutes", () => {
  it("rounds time left down and lateness up, to whole minutes", () => {
    expect(hoursMinutes(70 * 60_000 + 59_999, "down")).toEqual({ hours: 1, minutes: 10 });
    expect(hoursMinutes(20_000, "up")).toEqual({ hours: 0, minutes: 1 });
    expect(hoursMinutes(20_000, "down")).toEqual({ hours: 0, minutes: 0 });
    expect(hoursMinutes(23 * 3_600_000, "up")).toEqual({ hours: 23, minutes: 0 });
    expect(hoursMinutes(-5, "up")).toEqual({ hours: 0, minutes: 0 });
  });
});

describe("pendingClock (the queue's live countdown)", () => {
  const H = 3_600_000;
  const at = (iso: string) => Date.parse(iso);
  // MQL Fri 2025-01-10 14:00Z, N = 4 h, Mon–Fri 09–17 UTC → due Mon 01-13 10:00Z. As of Fri 15:00
  // (1 h used) the spans are Fri 15–17 and Mon 09–10.
  const spans = [
    [at("2025-01-10T15:00:00Z"), at("2025-01-10T17:00:00Z")],
    [at("2025-01-13T09:00:00Z"), at("2025-01-13T10:00:00Z")],
  ] as const;
  const due = at("2025-01-13T10:00:00Z");
  const clock = (iso: string) => pendingClock(spans, due, 4 * H, at(iso));

  it("counts down business time only, and turns at risk at exactly 75 % used", () => {
    expect(clock("2025-01-10T15:00:00Z")).toEqual({ leftMs: 3 * H, state: "pending" });
    expect(clock("2025-01-10T15:59:59Z")).toEqual({ leftMs: 2 * H + 1000, state: "pending" });
    expect(clock("2025-01-10T16:00:00Z")).toEqual({ leftMs: 2 * H, state: "pending" }); // 2 h used: 50 %
    expect(clock("2025-01-10T16:59:59Z")).toEqual({ leftMs: H + 1000, state: "pending" });
    expect(clock("2025-01-10T17:00:00Z")).toEqual({ leftMs: H, state: "at_risk" }); // 3 of 4 h used
    expect(clock("2025-01-12T12:00:00Z")).toEqual({ leftMs: H, state: "at_risk" }); // the weekend does not count
    expect(clock("2025-01-13T09:30:00Z")).toEqual({ leftMs: 0.5 * H, state: "at_risk" });
  });

  it("is still pending exactly at the due time and overdue after it", () => {
    expect(clock("2025-01-13T10:00:00Z")).toEqual({ leftMs: 0, state: "at_risk" });
    expect(clock("2025-01-13T10:00:00.001Z")).toEqual({ leftMs: 0, state: "overdue" });
  });
});
