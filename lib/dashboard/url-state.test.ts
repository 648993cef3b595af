import { describe, expect, it } from "vitest";
import {
  comparisonParams,
  parseDashboardState,
  presetRange,
  stateToSearchParams,
  type DashboardStateResult,
} from "./url-state";

const NOW = new Date("2025-05-14T10:20:30.456Z"); // a Wednesday in Q2
const parse = (q: string, timeZone = "UTC", now = NOW): DashboardStateResult =>
  parseDashboardState(new URLSearchParams(q), { now, timeZone });

function ok(r: DashboardStateResult) {
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.state;
}

describe("presets", () => {
  it.each([
    ["this_month", "2025-05-01", "2025-05-31"],
    ["last_month", "2025-04-01", "2025-04-30"],
    ["this_quarter", "2025-04-01", "2025-06-30"],
    ["last_quarter", "2025-01-01", "2025-03-31"],
    ["this_year", "2025-01-01", "2025-12-31"],
    ["last_12_months", "2024-05-15", "2025-05-14"],
  ] as const)("%s for 2025-05-14 is %s … %s", (preset, from, to) => {
    expect(presetRange(preset, "2025-05-14")).toEqual({ from, to });
  });

  it("handles year and leap-day edges", () => {
    expect(presetRange("last_month", "2025-01-10")).toEqual({ from: "2024-12-01", to: "2024-12-31" });
    expect(presetRange("last_quarter", "2025-02-01")).toEqual({ from: "2024-10-01", to: "2024-12-31" });
    expect(presetRange("this_month", "2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetRange("last_12_months", "2024-02-29")).toEqual({ from: "2023-03-01", to: "2024-02-29" });
  });
});

describe("parseDashboardState", () => {
  it("defaults to the last 12 months ending today, as of now (whole seconds)", () => {
    const s = ok(parse(""));
    expect(s.preset).toBe("last_12_months");
    expect(s.params.from).toBe("2024-05-15");
    expect(s.params.to).toBe("2025-05-14");
    expect(s.params.asOf.toISOString()).toBe("2025-05-14T10:20:30.000Z");
  });

  it("takes today in the organisation's time zone", () => {
    // 2025-05-14T23:30Z is already the 15th in Madrid
    const s = ok(parse("preset=this_month", "Europe/Madrid", new Date("2025-05-31T23:30:00Z")));
    expect([s.params.from, s.params.to]).toEqual(["2025-06-01", "2025-06-30"]);
  });

  it("derives presets from as_of's date, ignoring from/to", () => {
    const s = ok(parse("preset=this_quarter&as_of=2025-02-10T00:00:00Z&from=1999-01-01"));
    expect([s.params.from, s.params.to]).toEqual(["2025-01-01", "2025-03-31"]);
    expect(s.params.asOf.toISOString()).toBe("2025-02-10T00:00:00.000Z");
  });

  it("reads a wall-clock as_of in the organisation's time zone", () => {
    const s = ok(parse("preset=custom&from=2025-01-01&to=2025-03-31&as_of=2025-04-15T09:30", "Europe/Madrid"));
    expect(s.params.asOf.toISOString()).toBe("2025-04-15T07:30:00.000Z");
  });

  it("is custom when from/to are given without a preset, with the filters", () => {
    const s = ok(parse("from=2025-01-01&to=2025-03-31&segment=SMB&segment=enterprise&owner_email=Rita@Alignboard.example&source_channel=webinar"));
    expect(s.preset).toBe("custom");
    expect(s.params).toMatchObject({
      from: "2025-01-01",
      to: "2025-03-31",
      segment: ["smb", "enterprise"],
      ownerEmail: ["rita@alignboard.example"],
      sourceChannel: ["webinar"],
    });
  });

  it.each([
    ["preset=fortnight", "preset", "unknown_preset"],
    ["preset=custom&to=2025-01-01", "from", "required"],
    ["preset=custom&from=2025-01-01", "to", "required"],
    ["from=2025-02-30&to=2025-03-01", "from", "invalid_date"],
    ["from=2025-01-01&to=2025-13-01", "to", "invalid_date"],
    ["from=2025-03-01&to=2025-01-01", "from", "from_after_to"],
    ["from=1990-01-01&to=2025-01-01", "to", "period_too_long"],
    ["as_of=yesterday", "as_of", "invalid_as_of"],
    ["as_of=2025-03-30T02:30", "as_of", "invalid_as_of"], // skipped by DST in Madrid
    ["segment=galactic", "segment", "unknown_value"],
    ["source_channel=tv", "source_channel", "unknown_value"],
    ["owner_email=not-an-email", "owner_email", "invalid_email"],
  ])("%s → error at %s (%s)", (q, field, code) => {
    const r = parse(q, "Europe/Madrid");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.code).toBe(code);
      expect(r.error.message).not.toBe("");
    }
  });

  it("keeps the raw values for the form when invalid", () => {
    const r = parse("preset=custom&from=2025-13-01&to=2025-01-01&segment=smb");
    expect(r.raw).toMatchObject({ preset: "custom", from: "2025-13-01", to: "2025-01-01", segment: ["smb"] });
  });

  it("round-trips through stateToSearchParams, pinning as_of for links", () => {
    const s = ok(parse("preset=last_quarter&segment=smb&owner_email=a@b.example"));
    const pinned = stateToSearchParams(s, { pinAsOf: true });
    expect(pinned.toString()).toBe("preset=last_quarter&as_of=2025-05-14T10%3A20%3A30Z&segment=smb&owner_email=a%40b.example");
    const again = ok(parse(pinned.toString(), "UTC", new Date("2026-01-01T00:00:00Z")));
    // The link pins as_of: no longer "now" (the report cache computes it exactly).
    const { asOfNow, ...exact } = s.params;
    expect(asOfNow).toBe(true);
    expect(again.params).toEqual(exact);
    const custom = ok(parse("from=2025-01-01&to=2025-01-31"));
    expect(stateToSearchParams(custom).toString()).toBe("preset=custom&from=2025-01-01&to=2025-01-31");
  });
});

describe("comparison periods", () => {
  const asOf = new Date("2025-04-15T00:00:00Z");
  it("moves whole months back by their number of months", () => {
    const q1 = { from: "2025-01-01", to: "2025-03-31", asOf };
    expect(comparisonParams(q1, "previous", "UTC")).toMatchObject({ from: "2024-10-01", to: "2024-12-31" });
    expect(comparisonParams(q1, "previous", "UTC").asOf.toISOString()).toBe("2025-01-15T00:00:00.000Z");
    const feb = { from: "2024-02-01", to: "2024-02-29", asOf, segment: ["smb"] };
    expect(comparisonParams(feb, "previous", "UTC")).toMatchObject({ from: "2024-01-01", to: "2024-01-31", segment: ["smb"] });
  });

  it("moves other periods back by their number of days", () => {
    const r = comparisonParams({ from: "2025-01-10", to: "2025-01-19", asOf }, "previous", "UTC");
    expect(r).toMatchObject({ from: "2024-12-31", to: "2025-01-09" });
    expect(r.asOf.toISOString()).toBe("2025-04-05T00:00:00.000Z");
  });

  it("year ago: dates and as_of − 1 year on the wall clock, 29 Feb → 28 Feb", () => {
    const r = comparisonParams({ from: "2024-02-29", to: "2024-02-29", asOf: new Date("2024-02-29T12:00:00Z") }, "year_ago", "UTC");
    expect(r).toMatchObject({ from: "2023-02-28", to: "2023-02-28" });
    expect(r.asOf.toISOString()).toBe("2023-02-28T12:00:00.000Z");
    // Madrid: 2025-07-01 10:00 local (UTC+2) → 2024-07-01 10:00 local
    const m = comparisonParams({ from: "2025-01-01", to: "2025-06-30", asOf: new Date("2025-07-01T08:00:00Z") }, "year_ago", "Europe/Madrid");
    expect(m.asOf.toISOString()).toBe("2024-07-01T08:00:00.000Z");
  });
});
