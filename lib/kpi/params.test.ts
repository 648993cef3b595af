import { describe, expect, it } from "vitest";
import { formatAsOf, kpiParamsToSearchParams, parseKpiParams } from "./params";

const NOW = new Date("2025-06-01T12:34:56.789Z");
const parse = (qs: string) => parseKpiParams(new URLSearchParams(qs), NOW);

function failure(qs: string): { field: string; message: string } {
  const r = parse(qs);
  if (r.ok) throw new Error(`expected a failure for ${qs}`);
  return r;
}

describe("parseKpiParams", () => {
  it("refuses a period over 10 years and an as_of outside years 1900-9999 in UTC (issue 8 item 7)", () => {
    expect(failure("from=1900-01-01&to=9999-12-31").field).toBe("to");
    expect(failure("from=2015-01-01&to=2025-01-08").message).toMatch(/at most 3660 days/);
    expect(parse("from=2015-01-01&to=2025-01-07").ok).toBe(true);
    expect(failure("from=2025-01-01&to=2025-01-31&as_of=9999-12-31T23:00:00-05:00").field).toBe("as_of");
    expect(parse("from=2025-01-01&to=2025-01-31&as_of=9999-12-31T23:00:00Z").ok).toBe(true);
  });

  it("accepts the minimal query and defaults as_of to now", () => {
    expect(parse("from=2025-01-01&to=2025-03-31")).toEqual({
      ok: true,
      params: { from: "2025-01-01", to: "2025-03-31", asOf: NOW, asOfNow: true },
    });
  });

  it("reads as_of and repeatable filters", () => {
    const r = parse(
      "from=2025-01-01&to=2025-01-01&as_of=2025-04-15T02:00:00%2B02:00&segment=smb&segment=enterprise" +
        "&owner_email=Rita@Alignboard.Example&source_channel=webinar&source_channel=paid_search&segment=smb",
    );
    expect(r).toEqual({
      ok: true,
      params: {
        from: "2025-01-01",
        to: "2025-01-01",
        asOf: new Date("2025-04-15T00:00:00Z"),
        segment: ["smb", "enterprise"],
        ownerEmail: ["rita@alignboard.example"],
        sourceChannel: ["webinar", "paid_search"],
      },
    });
  });

  it("accepts as_of with Z, fractions and compact offsets", () => {
    for (const [v, iso] of [
      ["2025-04-15T00:00:00Z", "2025-04-15T00:00:00.000Z"],
      ["2025-04-15T00:00:00.123456Z", "2025-04-15T00:00:00.123Z"],
      ["2025-04-15T05:30-0500", "2025-04-15T10:30:00.000Z"],
      ["2025-04-15T00:00:00-05", "2025-04-15T05:00:00.000Z"],
    ] as const) {
      const r = parse(`from=2025-01-01&to=2025-01-02&as_of=${encodeURIComponent(v)}`);
      expect(r.ok && r.params.asOf.toISOString()).toBe(iso);
    }
  });

  it.each([
    ["to=2025-01-01", "from"],
    ["from=&to=2025-01-01", "from"],
    ["from=2025-01-01", "to"],
    ["from=2025-13-01&to=2025-12-31", "from"],
    ["from=2025-01-01&to=2025-02-30", "to"],
    ["from=2025/01/01&to=2025-02-01", "from"],
    ["from=2025-1-1&to=2025-02-01", "from"],
    ["from=2025-03-01&to=2025-02-01", "from"],
    ["from=2025-01-01&from=2025-01-02&to=2025-02-01", "from"],
    ["from=2025-01-01&to=2025-02-01&as_of=yesterday", "as_of"],
    ["from=2025-01-01&to=2025-02-01&as_of=2025-04-15", "as_of"],
    ["from=2025-01-01&to=2025-02-01&as_of=2025-04-15T10:00:00", "as_of"],
    ["from=2025-01-01&to=2025-02-01&as_of=2025-02-30T10:00:00Z", "as_of"],
    ["from=2025-01-01&to=2025-02-01&as_of=2025-02-03T25:00:00Z", "as_of"],
    ["from=2025-01-01&to=2025-02-01&segment=smb&segment=startup", "segment"],
    ["from=2025-01-01&to=2025-02-01&source_channel=tv", "source_channel"],
    ["from=2025-01-01&to=2025-02-01&owner_email=rita", "owner_email"],
    ["from=2025-01-01&to=2025-02-01&owner_email=a@b.c&owner_email=not%20an%20email", "owner_email"],
  ])("%s → error on %s", (qs, field) => {
    const f = failure(qs);
    expect(f.field).toBe(field);
    expect(f.message).toMatch(new RegExp(field));
  });

  it("leap day: 2024-02-29 is a date, 2025-02-29 is not", () => {
    expect(parse("from=2024-02-29&to=2024-02-29").ok).toBe(true);
    expect(failure("from=2025-02-29&to=2025-03-01").field).toBe("from");
  });

  it("formats as_of without zero milliseconds and round-trips", () => {
    expect(formatAsOf(new Date("2025-04-15T00:00:00Z"))).toBe("2025-04-15T00:00:00Z");
    expect(formatAsOf(new Date("2025-04-15T00:00:00.250Z"))).toBe("2025-04-15T00:00:00.250Z");
    const r = parse("from=2025-01-01&to=2025-02-01&segment=smb&owner_email=a@b.co&as_of=2025-02-01T00:00:00Z");
    if (!r.ok) throw new Error("parse failed");
    expect(parseKpiParams(kpiParamsToSearchParams(r.params), NOW)).toEqual(r);
  });
});
