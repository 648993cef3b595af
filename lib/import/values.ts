import { isoDateError, parseTimestampInZone, type TimestampError } from "@/lib/time";

/** True for a time zone name PostgreSQL and Luxon both understand (IANA, e.g. "Europe/Madrid"). */
export { isValidTimeZone } from "@/lib/time";

/**
 * Cell parsers of the import format (docs/import-format.md, "Value types"). Pure functions: each returns the canonical string the
 * database receives, or a reason the cell is not acceptable. Canonical forms:
 * - timestamp: UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (always six fraction digits, so canonical
 *   strings compare chronologically as plain strings);
 * - date: `YYYY-MM-DD`; amount: the decimal as written; enum: the lower-case snake_case value;
 * - e-mail: lower case.
 */
export type Parsed = { ok: true; value: string } | { ok: false; reason: string };

const ok = (value: string): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

/** Quotes a cell for a reason, shortened so a huge bad cell never makes a huge message. */
export function show(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(v);
}

// ---- dates and timestamps: the grammar and the DST rules are lib/time's ----

/** `YYYY-MM-DD`, a real calendar day (2025-02-30 is rejected); lib/time's date grammar. */
export function parseDate(raw: string): Parsed {
  const error = isoDateError(raw);
  if (error === null) return ok(raw);
  return bad(error === "syntax" ? `not a date (YYYY-MM-DD): ${show(raw)}` : `not a valid date: ${show(raw)}`);
}

const TIMESTAMP_REASONS: Record<TimestampError, string> = {
  syntax: "not an ISO 8601 timestamp",
  calendar: "not a valid timestamp",
  offset: "not a valid UTC offset",
  range: "timestamp out of range",
};

/**
 * An ISO 8601 timestamp, as the canonical UTC text (lib/time parseTimestampInZone):
 * `2025-03-04T09:15:00Z`, `…+01:00` / `+0100` / `+01`, or without offset, which is read in
 * `zone` (the organisation's IANA time zone). Seconds and a fraction are optional; a space may
 * stand for the `T`. Fractions beyond microseconds are truncated. Invalid calendar values
 * (2025-03-32, 25:00) and a date alone are rejected. A naive wall time that does not exist in
 * `zone` (the hour skipped by a DST change) moves forward; an ambiguous one (the repeated hour)
 * takes the earlier instant.
 */
export function parseTimestamp(raw: string, zone: string): Parsed {
  const r = parseTimestampInZone(raw, zone);
  return r.ok ? r : bad(`${TIMESTAMP_REASONS[r.error]}: ${show(raw)}`);
}

// ---- other kinds ----

const AMOUNT_RE = /^-?\d+(\.\d+)?$/;

/** A decimal with `.` and no thousands separators (`12,000.00` is rejected). */
export function parseAmount(raw: string): Parsed {
  if (AMOUNT_RE.test(raw)) return ok(raw);
  if (/^-?[\d.,' ]+$/.test(raw) && /\d/.test(raw)) {
    return bad(`not a plain decimal (use "." for decimals and no thousands separators): ${show(raw)}`);
  }
  return bad(`not a number: ${show(raw)}`);
}

/** Lower case, spaces and hyphens as `_`: "Closed Won", "closed-won", "CLOSED_WON" → closed_won. */
export function normaliseEnum(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

export function parseEnum(raw: string, values: readonly string[]): Parsed {
  const v = normaliseEnum(raw);
  if (values.includes(v)) return ok(v);
  return bad(`unknown value ${show(raw)} (expected one of: ${values.join(", ")})`);
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

/** An e-mail address, lower-cased. Only the shape `local@domain` is checked. */
export function parseEmail(raw: string): Parsed {
  const v = raw.toLowerCase();
  return EMAIL_RE.test(v) ? ok(v) : bad(`not an e-mail address: ${show(raw)}`);
}
