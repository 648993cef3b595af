import { formatDays } from "@/lib/time";

/**
 * Plain epoch-millisecond time arithmetic for the generator: no Date objects or luxon per row.
 * Everything is UTC (the default organisation time zone), so business hours are
 * Monday–Friday 09:00–17:00 UTC, matching kpi-definitions.md §4 with the default settings.
 * This is a fast special case of lib/time's business calendar (businessDue with the default
 * schedule in UTC, no holidays); lib/seed/time.test.ts checks that the two agree.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const BUSINESS_START = 9 * HOUR;
const BUSINESS_END = 17 * HOUR;

/** Day of week of an epoch ms, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(ms: number): number {
  return (Math.floor(ms / DAY) + 4) % 7;
}

export function isWeekend(ms: number): boolean {
  const d = weekday(ms);
  return d === 0 || d === 6;
}

/** Midnight UTC of the day containing ms. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Inside Monday–Friday 09:00–17:00 UTC. */
export function isBusinessTime(ms: number): boolean {
  if (isWeekend(ms)) return false;
  const t = ms - startOfDay(ms);
  return t >= BUSINESS_START && t < BUSINESS_END;
}

/**
 * Adds business hours (Mon–Fri 09:00–17:00 UTC): time outside them does not count. A start
 * outside business hours begins counting at the next opening; adding 0 moves to it.
 * Tuesday 13:00 + 4 h = Tuesday 17:00 (not Wednesday 09:00); Friday 16:00 + 4 h = Monday 12:00.
 */
export function addBusinessHours(ms: number, hours: number): number {
  let remaining = Math.max(0, hours) * HOUR;
  let t = ms;
  for (let guard = 0; guard < 10_000; guard++) {
    const day = startOfDay(t);
    const dow = (day / DAY + 4) % 7;
    if (dow === 0 || dow === 6 || t >= day + BUSINESS_END) {
      t = day + DAY + BUSINESS_START;
      continue;
    }
    if (t < day + BUSINESS_START) t = day + BUSINESS_START;
    const available = day + BUSINESS_END - t;
    if (remaining <= available) return t + remaining;
    remaining -= available;
    t = day + DAY + BUSINESS_START;
  }
  throw new Error("addBusinessHours did not terminate");
}

/** Adds calendar months to a UTC epoch ms (day of month clamped by Date.UTC semantics). */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

const TWO_DIGITS: string[] = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const dayPrefixes = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = `${formatDays(day)}T`;
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, truncated to the second (monotonic: a ≤ b ⇒ iso(a) ≤ iso(b)). */
export function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  let s = Math.floor((ms - day * DAY) / SECOND);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${dayPrefix(day)}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s]}Z`;
}

/** `YYYY-MM-DD` of the UTC day containing ms. */
export function isoDate(ms: number): string {
  return dayPrefix(Math.floor(ms / DAY)).slice(0, 10);
}
