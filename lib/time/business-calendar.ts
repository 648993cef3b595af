import { DAY_MS, MINUTE_MS, formatDays, isoWeekdayOfDays } from "./civil";
import type { BusinessWindow } from "./business-hours";
import { businessMsInSpans, type BusinessSpan } from "./business-spans";
import { epochMsToWallClock, wallClockToEpochMs } from "./wall-clock";

/**
 * The business calendar of the sales-response SLA (kpi-definitions.md §4): the weekly schedule of
 * ./business-hours on the organisation's wall clock, minus holidays. Time outside it does not
 * count. Windows are wall-clock times converted to instants day by day with the DST rules of
 * ./wall-clock, so a DST change moves the instants, not the opening hours. The engine does the
 * same arithmetic in SQL (lib/kpi/groups/sla.ts); this is the pure reference the tests cross-check.
 */

/** Where business time runs: the weekly schedule on the organisation's wall clock, minus holidays. */
export interface BusinessCalendar {
  /** IANA time zone of the organisation. */
  timeZone: string;
  /** The weekly schedule, one window per listed weekday. */
  week: BusinessWindow[];
  /** Days (YYYY-MM-DD, organisation calendar) without business hours. */
  holidays: string[];
}

/** The sales-response SLA: N business hours on a business calendar. */
export interface SlaSettings extends BusinessCalendar {
  /** N: business hours allowed for the first response (may be fractional). */
  slaResponseHours: number;
  /**
   * The policies in force before the recorded changes, oldest first: each applies to the MQLs
   * with mql_at before its `validUntil` (timestamptz text) and at or after the previous one's;
   * this policy applies from the last `validUntil` on. Empty or absent: this policy for all.
   */
  history?: { validUntil: string; sla: SlaSettings; mqlMonthlyTarget?: number }[];
}

/** Total business minutes in a normal week (0 means the SLA clock never runs). */
export function weeklyBusinessMinutes(week: readonly BusinessWindow[]): number {
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

/** The local day number (days since 1970-01-01 on the zone's calendar) an instant falls on. */
function localDay(instantMs: number, zone: string): number {
  return Math.floor(epochMsToWallClock(instantMs, zone) / DAY_MS);
}

/** The business window of a local day as instants (ms), or null on a day off or a holiday. */
function windowOn(day: number, cal: BusinessCalendar): { start: number; end: number } | null {
  const isoDow = isoWeekdayOfDays(day);
  const w = cal.week.find((x) => x.isoDow === isoDow);
  if (!w || cal.holidays.includes(formatDays(day))) return null;
  const wall = (minute: number) => wallClockToEpochMs(day * DAY_MS + minute * MINUTE_MS, cal.timeZone);
  return { start: wall(w.startMinute), end: wall(w.endMinute) };
}

/**
 * The SLA due time of an MQL = mql_at + N business hours, counting only time inside business
 * windows. A due time that falls exactly on a window's end stays there (Tue 13:00 + 4 h → Tue
 * 17:00, not Wed 09:00); Fri 16:00 + 4 h → Mon 12:00; Sat 10:00 + 4 h → Mon 13:00.
 * N = 0 → due = mql_at. Returns null when the schedule has no business time at all.
 */
export function businessDue(mqlAt: Date, settings: SlaSettings): Date | null {
  let remainingMs = Math.round(settings.slaResponseHours * 3_600_000);
  if (remainingMs <= 0) return mqlAt;
  if (weeklyBusinessMinutes(settings.week) === 0) return null;
  const first = localDay(mqlAt.getTime(), settings.timeZone);
  const last = first + calendarSpanDays(settings) + 7;
  for (let day = first; day < last; day++) {
    const win = windowOn(day, settings);
    if (!win) continue;
    const start = Math.max(win.start, mqlAt.getTime());
    const available = win.end - start;
    if (available <= 0) continue;
    if (remainingMs <= available) return new Date(start + remainingMs);
    remainingMs -= available;
  }
  return null;
}

/**
 * The business windows between two instants, clipped to [from, to), in order (empty when
 * `to` ≤ `from`): what the SLA queue's live countdown counts on (./business-spans).
 */
export function businessSpansBetween(from: Date, to: Date, cal: BusinessCalendar): BusinessSpan[] {
  const spans: BusinessSpan[] = [];
  if (to.getTime() <= from.getTime()) return spans;
  for (let day = localDay(from.getTime(), cal.timeZone); wallClockToEpochMs(day * DAY_MS, cal.timeZone) < to.getTime(); day++) {
    const win = windowOn(day, cal);
    if (!win) continue;
    const s = Math.max(win.start, from.getTime());
    const e = Math.min(win.end, to.getTime());
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

/** Business milliseconds between two instants (0 when `to` ≤ `from`); for the at-risk share. */
export function businessElapsedMs(from: Date, to: Date, cal: BusinessCalendar): number {
  return businessMsInSpans(businessSpansBetween(from, to, cal), from.getTime(), to.getTime());
}

/**
 * The policy an MQL is judged by (docs/sla.md): the first recorded earlier policy (history,
 * oldest first) still valid at `mqlAt` (mqlAt < its validUntil), else the current one — the
 * same split as the engine's SQL (lib/kpi/groups/sla.ts slaLeadsSql).
 */
export function slaPolicyAt(sla: SlaSettings, mqlAt: Date): SlaSettings {
  for (const h of sla.history ?? []) if (mqlAt.getTime() < Date.parse(h.validUntil)) return h.sla;
  return sla;
}
