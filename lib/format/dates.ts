import type { Formatter } from "./formatter";
import { readIsoTimestamp, wallSeconds } from "@/lib/time/iso";

/**
 * Dates and date-times (pure). A calendar day (YYYY-MM-DD: a due date, a period's bounds) has
 * no time zone and reads the same everywhere; an instant is shown in a time zone (the
 * organisation's, or the formatter's own when none is given).
 */

/** A calendar day, YYYY-MM-DD, in the medium style ("14 May 2025", "May 14, 2025"). */
export function formatDay(format: Formatter, day: string): string {
  return format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
}

/** A month, YYYY-MM, short ("May 2025", "may 2025"): chart categories. */
export function formatMonth(format: Formatter, month: string): string {
  return format.dateTime(new Date(`${month}-01T00:00:00Z`), { month: "short", year: "numeric", timeZone: "UTC" });
}

/** An instant's date, medium style, in `timeZone` (else the formatter's time zone). */
export function formatDate(format: Formatter, instant: Date | string, timeZone?: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return format.dateTime(date, timeZone === undefined ? { dateStyle: "medium" } : { dateStyle: "medium", timeZone });
}

/** An instant with its time ("14 May 2025, 10:20"), in `timeZone` (else the formatter's time zone). */
export function formatDateTime(format: Formatter, instant: Date | string, timeZone?: string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  return format.dateTime(
    date,
    timeZone === undefined ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short", timeZone },
  );
}

/**
 * An "as of" value as the URL or a datetime-local input writes it, for reading (the filter
 * chip): a wall-clock time ("2026-06-30T12:00", the organisation's time zone) is shown as that
 * same wall-clock time; an instant with an offset ("…Z", "…+02:00") in `timeZone`. Seconds show
 * only when written and not zero. A text that is neither is returned as it is (the filter bar
 * reports it as an error at its field).
 */
export function formatAsOfValue(format: Formatter, value: string, timeZone: string): string {
  const t = readIsoTimestamp(value.trim());
  if (typeof t === "string") return value;
  const timeStyle = t.second !== 0 ? "medium" : "short";
  if (t.offsetMinutes === null) {
    const wall = new Date(wallSeconds(t) * 1000);
    return format.dateTime(wall, { dateStyle: "medium", timeStyle, timeZone: "UTC" });
  }
  const instant = new Date(wallSeconds(t) * 1000 - t.offsetMinutes * 60_000);
  return format.dateTime(instant, { dateStyle: "medium", timeStyle, timeZone });
}
