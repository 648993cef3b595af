import { DateTime } from "luxon";

/**
 * Business hours for the sales-response SLA (kpi-definitions.md §4): a weekly schedule in the
 * organisation's time zone minus holidays. This module holds the settings parser and a pure
 * TypeScript reference of the due-time arithmetic; the engine does the same arithmetic in SQL
 * (lib/kpi/groups/sla.ts) and the tests cross-check the two.
 */

/** One weekday's business window, in minutes after local midnight (end may be 1440 = 24:00). */
export interface BusinessWindow {
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  isoDow: number;
  startMinute: number;
  endMinute: number;
}

export interface SlaSettings {
  /** IANA time zone of the organisation. */
  timeZone: string;
  /** N: business hours allowed for the first response (may be fractional). */
  slaResponseHours: number;
  /** The weekly schedule, one window per listed weekday. */
  week: BusinessWindow[];
  /** Days (YYYY-MM-DD, organisation calendar) without business hours. */
  holidays: string[];
}

export const DEFAULT_BUSINESS_HOURS = "mon-fri 09:00-17:00";

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function dayIndex(name: string): number | null {
  const i = DAY_NAMES.indexOf(name.slice(0, 3) as (typeof DAY_NAMES)[number]);
  return i < 0 ? null : i + 1;
}

function minuteOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}

/**
 * Parses the `business_hours` setting: one or more groups separated by `;`, each
 * `DAYS HH:MM-HH:MM` where DAYS is a day (`mon`), a range (`mon-fri`, wrapping allowed:
 * `sat-sun`) or a comma list of those (`mon,wed,fri-sat`). Examples: `mon-fri 09:00-17:00`,
 * `mon-thu 08:00-18:00; fri 08:00-14:00`. A later group overrides an earlier one for the same
 * day. The end must be after the start (no windows over midnight; `24:00` is allowed).
 * Returns null when the text is not valid.
 */
export function parseBusinessHours(text: string): BusinessWindow[] | null {
  const byDay = new Map<number, BusinessWindow>();
  const groups = text
    .toLowerCase()
    .split(";")
    .map((g) => g.trim())
    .filter((g) => g !== "");
  if (groups.length === 0) return null;
  for (const group of groups) {
    const m = /^([a-z,\s-]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(group);
    if (!m) return null;
    const start = minuteOf(m[2]!);
    const end = minuteOf(m[3]!);
    if (start === null || end === null || end <= start) return null;
    const days = new Set<number>();
    for (const part of m[1]!.split(",").map((p) => p.trim())) {
      const range = part.split("-").map((p) => p.trim());
      if (range.length === 1) {
        const d = dayIndex(range[0]!);
        if (d === null) return null;
        days.add(d);
      } else if (range.length === 2) {
        const a = dayIndex(range[0]!);
        const b = dayIndex(range[1]!);
        if (a === null || b === null) return null;
        for (let d = a, n = 0; n < 7; d = (d % 7) + 1, n++) {
          days.add(d);
          if (d === b) break;
        }
      } else return null;
    }
    for (const d of days) byDay.set(d, { isoDow: d, startMinute: start, endMinute: end });
  }
  return [...byDay.values()].sort((a, b) => a.isoDow - b.isoDow);
}

/** Total business minutes in a normal week (0 means the SLA clock never runs). */
export function weeklyBusinessMinutes(week: BusinessWindow[]): number {
  return week.reduce((s, w) => s + (w.endMinute - w.startMinute), 0);
}

/**
 * How many calendar days after the MQL's local date are enough to always contain the due time:
 * the business days needed for N hours spread over weeks, a week of slack, plus every holiday.
 */
export function calendarSpanDays(settings: SlaSettings): number {
  const weekly = weeklyBusinessMinutes(settings.week);
  if (weekly === 0) return 0;
  const weeksNeeded = Math.ceil((settings.slaResponseHours * 60) / weekly);
  return 7 * (weeksNeeded + 1) + 1 + settings.holidays.length;
}

interface LocalWindow {
  start: DateTime;
  end: DateTime;
}

function windowOn(day: DateTime, settings: SlaSettings): LocalWindow | null {
  const w = settings.week.find((x) => x.isoDow === day.weekday);
  if (!w || settings.holidays.includes(day.toISODate() ?? "")) return null;
  return { start: wallClock(day, w.startMinute, settings.timeZone), end: wallClock(day, w.endMinute, settings.timeZone) };
}

/** The instant of `minute` after local midnight of `day` on the wall clock (24:00 = next midnight). */
function wallClock(day: DateTime, minute: number, zone: string): DateTime {
  const date = minute >= 1440 ? day.plus({ days: 1 }) : day;
  const m = minute % 1440;
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  );
}

/**
 * Reference implementation: the SLA due time of an MQL = mql_at + N business hours, counting
 * only time inside business windows (organisation time zone, minus holidays). A due time that
 * falls exactly on a window's end stays there (Tue 13:00 + 4 h → Tue 17:00, not Wed 09:00).
 * N = 0 → due = mql_at. Returns null when the schedule has no business time at all.
 */
export function businessDue(mqlAt: Date, settings: SlaSettings): Date | null {
  let remainingMs = Math.round(settings.slaResponseHours * 3_600_000);
  if (remainingMs <= 0) return mqlAt;
  if (weeklyBusinessMinutes(settings.week) === 0) return null;
  const mql = DateTime.fromJSDate(mqlAt, { zone: settings.timeZone });
  let day = mql.startOf("day");
  for (let i = 0; i < calendarSpanDays(settings) + 7; i++, day = day.plus({ days: 1 }).startOf("day")) {
    const win = windowOn(day, settings);
    if (!win) continue;
    const start = Math.max(win.start.toMillis(), mqlAt.getTime());
    const available = win.end.toMillis() - start;
    if (available <= 0) continue;
    if (remainingMs <= available) return new Date(start + remainingMs);
    remainingMs -= available;
  }
  return null;
}

/** Business milliseconds between two instants (0 when `to` ≤ `from`); for the at-risk share. */
export function businessElapsedMs(from: Date, to: Date, settings: SlaSettings): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone: settings.timeZone }).startOf("day");
  while (day.toMillis() < to.getTime()) {
    const win = windowOn(day, settings);
    if (win) {
      const s = Math.max(win.start.toMillis(), from.getTime());
      const e = Math.min(win.end.toMillis(), to.getTime());
      if (e > s) total += e - s;
    }
    day = day.plus({ days: 1 }).startOf("day");
  }
  return total;
}
