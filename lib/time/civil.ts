/**
 * Civil (calendar) arithmetic on the proleptic Gregorian calendar, with plain integers: no Date
 * objects, no time zones, no quirks for small years (Date.UTC maps years 0–99 to 1900–1999;
 * these functions do not). A civil date is year/month/day with month 1–12.
 */

/** Milliseconds in a second, minute, hour and (civil, 24-hour) day. */
export const SECOND_MS = 1000;
/** See SECOND_MS. */
export const MINUTE_MS = 60 * SECOND_MS;
/** See SECOND_MS. */
export const HOUR_MS = 60 * MINUTE_MS;
/** See SECOND_MS. A day on a zone's wall clock may be 23 or 25 hours of real time (./windows). */
export const DAY_MS = 24 * HOUR_MS;

/** A calendar day; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Is `y` a Gregorian leap year (divisible by 4, except centuries not divisible by 400)? */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days of month `m` (1–12) of year `y`: 28–31. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Is y-m-d a real calendar day with 1 ≤ y ≤ 9999 (the years PostgreSQL and ISO text share)? */
export function isCivilDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`; negative before 1970). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date `[year, month, day]` of a day number (days since 1970-01-01); inverse of daysFromCivil. */
export function civilFromDays(z0: number): [number, number, number] {
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

/** ISO day of week of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDays(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Zero-padded decimal of a non-negative integer, `width` digits at least (2 by default). */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DD` of a civil date. */
export function formatCivilDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function formatDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return formatCivilDate(y, m, d);
}
