import { DAY_MS, daysFromCivil, daysInMonth, formatCivilDate, formatDays, pad } from "./civil";
import { parseIsoDate } from "./iso";
import { epochMsToWallClock, wallClockToEpochMs } from "./wall-clock";

/**
 * The organisation's calendar: dates (`YYYY-MM-DD`) seen in its IANA time zone, and the instant
 * ranges they stand for (kpi-definitions.md §1: a day is 00:00 up to the next day's 00:00 on the
 * zone's wall clock). Pure functions; "now" is always a parameter. A local midnight inside a DST
 * gap or overlap follows the rules of ./wall-clock (gap → forward, overlap → earlier instant).
 * Date arguments must be valid `YYYY-MM-DD` dates; a RangeError says which one is not.
 */

export interface InstantRange {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** Day number (days since 1970-01-01) of a valid `YYYY-MM-DD`; throws a RangeError otherwise. */
function dayNumber(date: string): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`"${date}" is not a date YYYY-MM-DD`);
  return daysFromCivil(d.year, d.month, d.day);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `zone`. */
export function dateInZone(instant: Date, zone: string): string {
  return formatDays(Math.floor(epochMsToWallClock(instant.getTime(), zone) / DAY_MS));
}

/** Today's date in `zone` (`now` injectable for tests and for "as of" views). */
export function todayInZone(zone: string, now: Date = new Date()): string {
  return dateInZone(now, zone);
}

/** The wall-clock time an instant shows in `zone`, `YYYY-MM-DDTHH:MM:SS` (no fraction, no offset). */
export function wallClockInZone(instant: Date, zone: string): string {
  const wall = epochMsToWallClock(instant.getTime(), zone);
  const days = Math.floor(wall / DAY_MS);
  const secs = Math.floor((wall - days * DAY_MS) / 1000);
  return `${formatDays(days)}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
}

/** The date `days` calendar days after `date` (negative: before). Pure calendar arithmetic, no zone. */
export function addDays(date: string, days: number): string {
  return formatDays(dayNumber(date) + days);
}

/** The first day of the month of `date` (`2025-02-14` → `2025-02-01`). */
export function startOfMonth(date: string): string {
  dayNumber(date);
  return `${date.slice(0, 8)}01`;
}

/** The last day of the month of `date` (`2024-02-14` → `2024-02-29`). */
export function endOfMonth(date: string): string {
  dayNumber(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return formatCivilDate(y, m, daysInMonth(y, m));
}

/** The instant `date` begins in `zone`: its 00:00 on the wall clock. */
export function startOfDayInZone(date: string, zone: string): Date {
  return new Date(wallClockToEpochMs(dayNumber(date) * DAY_MS, zone));
}

/** The instants of the days `from` … `to` (inclusive dates) in `zone`: [from 00:00, the day after `to` 00:00). */
export function dayRangeInZone(from: string, to: string, zone: string): InstantRange {
  return { start: startOfDayInZone(from, zone), end: startOfDayInZone(addDays(to, 1), zone) };
}

/** The instants of the calendar month containing `date` in `zone`: [the 1st 00:00, the next month's 1st 00:00). */
export function monthRangeInZone(date: string, zone: string): InstantRange {
  return dayRangeInZone(startOfMonth(date), endOfMonth(date), zone);
}
