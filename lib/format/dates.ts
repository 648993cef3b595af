import type { Formatter } from "./formatter";

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
