import { civilFromDays, daysFromCivil, isCivilDate, pad, type CivilDate } from "./civil";

/**
 * The one grammar of dates and timestamps as text (data-contract.md §1–2). Pure functions over
 * strings; nothing here knows a time zone (see ./timestamps for reading a wall-clock time in one).
 *
 * Date: `YYYY-MM-DD`, exactly that shape, a real calendar day, year 0001–9999 (2025-02-30,
 * 2025-1-5, 0000-01-01 are not dates).
 *
 * Timestamp: `YYYY-MM-DD` + `T` (or `t`, or one space) + `HH:MM`, then optionally `:SS` and a
 * fraction of 1–9 digits after `.` or `,`, then optionally an offset: `Z`/`z`, `±HH`, `±HHMM` or
 * `±HH:MM`. Hours 00–23, minutes and seconds 00–59 (no `24:00`, no leap second). Examples:
 * `2025-03-04T09:15:00Z`, `2025-03-04 09:15`, `2025-03-04T09:15:00.123456+01:00`,
 * `2025-03-04T09:15-0500`, `2025-03-04T09:15+02`. A date alone is not a timestamp. Without an
 * offset the text is a wall-clock time: what instant it is depends on a time zone.
 */

/**
 * Why `text` is not a date `YYYY-MM-DD`: `syntax` (not that shape) or `calendar` (a day that does
 * not exist, or year 0000); null when it is one. Allocation-free (the importer's per-cell check).
 */
export function isoDateError(text: string): "syntax" | "calendar" | null {
  // Hand-rolled `^\d{4}-\d{2}-\d{2}$` (no RegExp: this runs once per date cell of an import).
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return "syntax";
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 7);
  const d = digitsAt(text, 8, 10);
  if (y < 0 || m < 0 || d < 0) return "syntax";
  return isCivilDate(y, m, d) ? null : "calendar";
}

/** The number written by the ASCII digits text[from..to), or −1 if one of them is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The fields of a date `YYYY-MM-DD`, or null when the text is not a real calendar day (years 0001–9999). */
export function parseIsoDate(text: string): CivilDate | null {
  if (isoDateError(text) !== null) return null;
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) };
}

/** Is `text` a date `YYYY-MM-DD` (a real calendar day) with a year of at least `minYear`? */
export function isIsoDate(text: string, minYear = 1): boolean {
  return isoDateError(text) === null && Number(text.slice(0, 4)) >= minYear;
}

const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** A timestamp's fields as written. */
export interface IsoTimestamp {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 when the text has no seconds. */
  second: number;
  /** The fraction's digits as written ("" when none; at most 9). */
  fraction: string;
  /** Minutes east of UTC (Z = 0, `-05:30` = −330); null when the text has no offset (a wall-clock time). */
  offsetMinutes: number | null;
  /** The offset's hour digits (0 for Z or no offset), for callers that bound it. */
  offsetHours: number;
}

/**
 * Why a text is not a timestamp: `syntax` (not the grammar at all), `calendar` (a day or time
 * that does not exist: 2025-02-29, 25:00, 10:60), `offset` (offset minutes above 59).
 */
export type IsoTimestampError = "syntax" | "calendar" | "offset";

/**
 * Reads a timestamp of the grammar above. Checks, in this order: the shape (`syntax`), the
 * calendar day and the time of day (`calendar`, years 0001–9999), the offset's minutes (`offset`).
 * Range checks on the year or on the offset's hours are the caller's policy.
 */
export function readIsoTimestamp(text: string): IsoTimestamp | IsoTimestampError {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return "syntax";
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isCivilDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return "calendar";
  let offsetMinutes: number | null = null;
  let offsetHours = 0;
  if (m[8]) offsetMinutes = 0;
  else if (m[9]) {
    offsetHours = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (om > 59) return "offset";
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + om);
  }
  return { year, month, day, hour, minute, second, fraction: m[7] ?? "", offsetMinutes, offsetHours };
}

/**
 * Seconds since 1970-01-01T00:00:00 of a timestamp's wall-clock fields read as if they were UTC
 * (the fraction and the offset are ignored).
 */
export function wallSeconds(t: IsoTimestamp): number {
  return daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

/** The fraction as exactly `digits` digits: truncated, or padded with zeros (`"5"` → `"500000"` for 6). */
export function fractionDigits(t: IsoTimestamp, digits: number): string {
  return t.fraction.slice(0, digits).padEnd(digits, "0");
}

/**
 * The reader of `as_of` (data-contract.md §2): an instant, which needs an explicit offset (`Z`,
 * `±HH`, `±HHMM`, `±HH:MM`, hours ≤ 23): a bare wall-clock time would be ambiguous here, so it is
 * refused rather than silently read as UTC. Years from `minYear` (1900 by default). Precision
 * beyond milliseconds is truncated. Null when the text is not such a timestamp.
 */
export function parseOffsetTimestamp(text: string, minYear = 1900): Date | null {
  const t = readIsoTimestamp(text);
  if (typeof t === "string" || t.offsetMinutes === null || t.year < minYear || t.offsetHours > 23) return null;
  const ms = daysFromCivil(t.year, t.month, t.day) * 86_400_000 + ((t.hour * 60 + t.minute) * 60 + t.second) * 1000;
  const date = new Date(ms + Number(fractionDigits(t, 3)) - t.offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

const TWO_DIGITS: string[] = Array.from({ length: 60 }, (_, i) => pad(i));
const dayPrefixes = new Map<number, string | null>();

/** `YYYY-MM-DDT` of a day number, or null outside years 0001–9999; cached (imports repeat days). */
function dayPrefix(days: number): string | null {
  let prefix = dayPrefixes.get(days);
  if (prefix === undefined) {
    const [y, m, d] = civilFromDays(days);
    prefix = y < 1 || y > 9999 ? null : `${pad(y, 4)}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}T`;
    if (dayPrefixes.size >= 100_000) dayPrefixes.clear();
    dayPrefixes.set(days, prefix);
  }
  return prefix;
}

/**
 * The canonical UTC text of an instant at microsecond precision, `YYYY-MM-DDTHH:MM:SS.ffffffZ`
 * (always six fraction digits, so canonical strings sort chronologically as plain strings);
 * null outside years 0001–9999. `epochSeconds` is whole seconds since 1970-01-01T00:00:00Z.
 */
export function formatUtcMicros(epochSeconds: number, micros: string): string | null {
  const days = Math.floor(epochSeconds / 86400);
  const prefix = dayPrefix(days);
  if (prefix === null) return null;
  const secs = epochSeconds - days * 86400;
  const hh = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  return `${prefix}${TWO_DIGITS[hh]}:${TWO_DIGITS[mi]}:${TWO_DIGITS[secs % 60]}.${micros}Z`;
}

/** An instant as ISO 8601 UTC with `Z`, milliseconds only when not zero (`2025-04-15T00:00:00Z`). */
export function formatInstant(instant: Date): string {
  return instant.toISOString().replace(/\.000Z$/, "Z");
}
