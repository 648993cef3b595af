import { describe, expect, it } from "vitest";
import { normaliseEnum, parseAmount, parseDate, parseEmail, parseEnum, parseTimestamp } from "./values";

const value = (p: { ok: boolean; value?: string }) => (p.ok ? p.value : null);

describe("parseTimestamp", () => {
  it("reads Z and offsets as instants, canonical UTC with microseconds", () => {
    expect(value(parseTimestamp("2025-03-04T09:15:00Z", "UTC"))).toBe("2025-03-04T09:15:00.000000Z");
    expect(value(parseTimestamp("2024-12-15T10:00:00+01:00", "UTC"))).toBe("2024-12-15T09:00:00.000000Z");
    expect(value(parseTimestamp("2025-01-20T05:00:00-05:00", "Europe/Madrid"))).toBe("2025-01-20T10:00:00.000000Z");
    expect(value(parseTimestamp("2025-01-20T05:00:00-0530", "UTC"))).toBe("2025-01-20T10:30:00.000000Z");
    expect(value(parseTimestamp("2025-01-20T05:00+02", "UTC"))).toBe("2025-01-20T03:00:00.000000Z");
    expect(value(parseTimestamp("2025-01-20 05:00:07.1234567Z", "UTC"))).toBe("2025-01-20T05:00:07.123456Z");
    expect(value(parseTimestamp("2025-01-01T00:30:00+01:00", "UTC"))).toBe("2024-12-31T23:30:00.000000Z");
  });

  it("reads a timestamp without offset in the organisation's time zone", () => {
    expect(value(parseTimestamp("2025-03-03T11:00:00", "UTC"))).toBe("2025-03-03T11:00:00.000000Z");
    // EST in winter, EDT in summer
    expect(value(parseTimestamp("2025-01-15T09:00:00", "America/New_York"))).toBe("2025-01-15T14:00:00.000000Z");
    expect(value(parseTimestamp("2025-07-15T09:00:00", "America/New_York"))).toBe("2025-07-15T13:00:00.000000Z");
    expect(value(parseTimestamp("2025-07-15T09:00:00", "Asia/Kolkata"))).toBe("2025-07-15T03:30:00.000000Z");
    // an explicit offset wins over the zone
    expect(value(parseTimestamp("2025-01-15T09:00:00Z", "America/New_York"))).toBe("2025-01-15T09:00:00.000000Z");
  });

  it("handles DST edges: a skipped hour moves forward, a repeated one takes the earlier instant", () => {
    // 2025-03-09 02:30 does not exist in New York (clocks jump 02:00 → 03:00 EDT)
    expect(value(parseTimestamp("2025-03-09T02:30:00", "America/New_York"))).toBe("2025-03-09T07:30:00.000000Z");
    // 2025-11-02 01:30 happens twice; the first is EDT (−4)
    expect(value(parseTimestamp("2025-11-02T01:30:00", "America/New_York"))).toBe("2025-11-02T05:30:00.000000Z");
    // 2025-10-26 02:30 happens twice in Berlin; the first is CEST (+2)
    expect(value(parseTimestamp("2025-10-26T02:30:00", "Europe/Berlin"))).toBe("2025-10-26T00:30:00.000000Z");
  });

  it("rejects impossible or malformed timestamps", () => {
    for (const bad of [
      "2025-03-32T10:00:00Z",
      "2025-02-29T10:00:00Z",
      "2025-13-01T10:00:00Z",
      "2025-01-01T24:00:00Z",
      "2025-01-01T10:60:00Z",
      "2025-01-01T10:00:60Z",
      "2025-01-01",
      "2025-01-01T10",
      "01/02/2025 10:00",
      "2025-01-01T10:00:00+25:00",
      "2025-01-01T10:00:00 Z",
      "yesterday",
    ]) {
      expect(parseTimestamp(bad, "UTC").ok, bad).toBe(false);
    }
    expect(parseTimestamp("2024-02-29T10:00:00Z", "UTC").ok).toBe(true);
  });
});

describe("parseDate", () => {
  it("accepts real calendar days only", () => {
    expect(value(parseDate("2025-02-28"))).toBe("2025-02-28");
    expect(value(parseDate("2024-02-29"))).toBe("2024-02-29");
    expect(parseDate("2025-02-30").ok).toBe(false);
    expect(parseDate("2025-02-29").ok).toBe(false);
    expect(parseDate("1900-02-29").ok).toBe(false);
    expect(parseDate("2025-04-31").ok).toBe(false);
    expect(parseDate("2025-1-5").ok).toBe(false);
    expect(parseDate("2025-01-05T00:00:00Z").ok).toBe(false);
    expect(parseDate("05/01/2025").ok).toBe(false);
  });
});

describe("parseAmount", () => {
  it("accepts plain decimals with a dot only", () => {
    expect(value(parseAmount("12000.00"))).toBe("12000.00");
    expect(value(parseAmount("-5"))).toBe("-5");
    expect(value(parseAmount("0.125"))).toBe("0.125");
    const sep = parseAmount("12,000.00");
    expect(sep.ok).toBe(false);
    expect(sep.ok ? "" : sep.reason).toMatch(/thousands separators/);
    for (const bad of ["12 000", "12.000,00", "1e3", "$12", ".5", "5.", "+5", "12,5", "abc"]) {
      expect(parseAmount(bad).ok, bad).toBe(false);
    }
  });
});

describe("enums and e-mails", () => {
  it("normalises enum values case-insensitively with spaces or hyphens for _", () => {
    const stages = ["proposal", "closed_won", "closed_lost"];
    expect(value(parseEnum("Closed Won", stages))).toBe("closed_won");
    expect(value(parseEnum("closed-won", stages))).toBe("closed_won");
    expect(value(parseEnum("CLOSED_WON", stages))).toBe("closed_won");
    expect(value(parseEnum(" Proposal ", stages))).toBe("proposal");
    expect(parseEnum("won", stages).ok).toBe(false);
    expect(normaliseEnum("Mid - Market")).toBe("mid_market");
  });

  it("lower-cases e-mails and checks their shape", () => {
    expect(value(parseEmail("Rita@AlignBoard.Example"))).toBe("rita@alignboard.example");
    expect(parseEmail("rita").ok).toBe(false);
    expect(parseEmail("rita @x.example").ok).toBe(false);
  });
});
