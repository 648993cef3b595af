import { IANAZone } from "luxon";

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

// ---- calendar arithmetic (proleptic Gregorian, no Date quirks for small years) ----

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats epoch seconds plus a 6-digit fraction as the canonical UTC timestamp. */
function formatUtc(epochSeconds: number, micros: string): string | null {
  const days = Math.floor(epochSeconds / 86400);
  const secs = epochSeconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  if (y < 1 || y > 9999) return null;
  const hh = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mi)}:${pad(ss)}.${micros}Z`;
}

// ---- dates ----

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD`, a real calendar day (2025-02-30 is rejected). */
export function parseDate(raw: string): Parsed {
  const m = DATE_RE.exec(raw);
  if (!m) return bad(`not a date (YYYY-MM-DD): ${show(raw)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return bad(`not a valid date: ${show(raw)}`);
  return ok(raw);
}

// ---- timestamps ----

const TS_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const zoneCache = new Map<string, IANAZone>();

/** True for a time zone name PostgreSQL and Luxon both understand (IANA, e.g. "Europe/Madrid"). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function zoneOf(name: string): IANAZone {
  let z = zoneCache.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zoneCache.set(name, z);
  }
  return z;
}

/**
 * An ISO 8601 timestamp: `2025-03-04T09:15:00Z`, `…+01:00` / `+0100` / `+01`, or without
 * offset, which is read in `zone` (the organisation's IANA time zone). Seconds and a fraction
 * are optional; a space may stand for the `T`. Fractions beyond microseconds are truncated.
 * Invalid calendar values (2025-03-32, 25:00) are rejected. A naive wall time that does not
 * exist in `zone` (the hour skipped by a DST change) moves forward, as Luxon does; an ambiguous
 * one (the repeated hour) takes the earlier instant.
 */
export function parseTimestamp(raw: string, zone: string): Parsed {
  const m = TS_RE.exec(raw);
  if (!m) return bad(`not an ISO 8601 timestamp: ${show(raw)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const micros = (m[7] ?? "").slice(0, 6).padEnd(6, "0");
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || hh > 23 || mi > 59 || ss > 59) {
    return bad(`not a valid timestamp: ${show(raw)}`);
  }
  const wall = daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss;
  let epoch: number;
  if (m[8]) {
    epoch = wall;
  } else if (m[9]) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 18 || om > 59) return bad(`not a valid UTC offset: ${show(raw)}`);
    const sign = m[9] === "-" ? -1 : 1;
    epoch = wall - sign * (oh * 3600 + om * 60);
  } else if (zone === "UTC" || zone === "Etc/UTC") {
    epoch = wall;
  } else {
    epoch = naiveToEpoch(wall, zoneOf(zone));
  }
  const out = formatUtc(epoch, micros);
  return out ? ok(out) : bad(`timestamp out of range: ${show(raw)}`);
}

/** Epoch seconds of a wall-clock time (given as seconds, "as if UTC") in an IANA zone. */
function naiveToEpoch(wall: number, zone: IANAZone): number {
  const wallMs = wall * 1000;
  const o1 = zone.offset(wallMs);
  let utc = wallMs - o1 * 60_000;
  const o2 = zone.offset(utc);
  if (o2 !== o1) {
    utc = wallMs - o2 * 60_000;
    const o3 = zone.offset(utc);
    // A DST gap: the wall time does not exist; read it with the offset before the change.
    if (o3 !== o2) return (wallMs - Math.min(o2, o3) * 60_000) / 1000;
  }
  // A repeated hour has two valid instants: take the earlier one (the larger offset).
  const found = zone.offset(utc);
  for (const probe of [utc - 10_800_000, utc + 10_800_000]) {
    const o = zone.offset(probe);
    if (o > found && zone.offset(wallMs - o * 60_000) === o) return (wallMs - o * 60_000) / 1000;
  }
  return utc / 1000;
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
