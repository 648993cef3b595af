import { isIsoDate } from "./iso";

/**
 * THE grammar of the `business_hours` setting (kpi-definitions.md §4, data-contract.md §4), used by
 * the settings validation, the KPI engine's SLA and the reference due-time arithmetic alike:
 *
 * ```
 * business_hours := group { ";" group }         empty groups (a trailing ";") are ignored; ≥ 1 group
 * group          := days WHITESPACE time "-" time
 * days           := item { "," item }
 * item           := day | day "-" day             a range, wrapping over the week's end: "sat-mon"
 * day            := mon | tue | wed | thu | fri | sat | sun, or a longer start of the English
 *                   name: "tues", "thurs", "monday" (at least 3 letters; "mo", "monkey" are not days)
 * time           := H:MM | HH:MM                 00:00–23:59; an end may be 24:00 (the day's end)
 * ```
 *
 * Any case; spaces may surround `;`, `,` and `-`. Each group's end must be after its start (a
 * window never crosses midnight). A day named by several groups takes the last one's window.
 * Examples: `mon-fri 09:00-17:00` (the default), `mon-thu 08:00-18:00; fri 08:00-14:00`,
 * `sun-thu 08:00-16:00`, `mon,wed,fri 9:30-12:00`, `sat-sun 00:00-24:00`,
 * `Monday-Friday 09:00 - 17:00`. Not accepted: `weekdays 09:00-17:00` (unknown day),
 * `mon-fri 9-17` (not HH:MM), `mon-fri 17:00-09:00` (end before start), `mon wed 09:00-17:00`
 * (days need commas).
 *
 * The canonical text (what settings store) groups days with the same window, in day order, runs
 * of three or more days as ranges: `fri,thu,wed,tue,mon 9:00-17:00` → `mon-fri 09:00-17:00`.
 */

/** Day abbreviations in ISO order (index + 1 = ISO weekday, 1 = Monday … 7 = Sunday). */
export const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const FULL_DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** The schedule when none is configured (kpi-definitions.md §4). */
export const DEFAULT_BUSINESS_HOURS = "mon-fri 09:00-17:00";

/** One weekday's business window, in minutes after local midnight (end may be 1440 = 24:00). */
export interface BusinessWindow {
  /** ISO day of week, 1 = Monday … 7 = Sunday. */
  isoDow: number;
  startMinute: number;
  endMinute: number;
}

/** checkBusinessHours' answer: the schedule and its canonical text, or what is wrong. */
export type BusinessHoursResult =
  | { ok: true; week: BusinessWindow[]; canonical: string }
  | { ok: false; message: string };

const SHAPE = 'must look like "mon-fri 09:00-17:00" (several groups with ";", e.g. "mon-thu 08:00-18:00; fri 08:00-14:00")';

class GrammarError extends Error {}

function dayOf(raw: string): number {
  const name = raw.trim();
  if (/\s/.test(name)) throw new GrammarError(`"${name}" is not one day: separate days with "," (e.g. "mon,wed")`);
  const index = name.length >= 3 ? FULL_DAY_NAMES.findIndex((full) => full.startsWith(name)) : -1;
  if (index < 0) throw new GrammarError(`unknown day "${name}" (use ${DAY_NAMES.join(", ")}, or the full names)`);
  return index + 1;
}

function daysOf(text: string): Set<number> {
  const days = new Set<number>();
  for (const rawItem of text.split(",")) {
    const item = rawItem.trim();
    if (item === "") throw new GrammarError(`"${text}" has an empty day`);
    const range = item.split("-");
    if (range.length === 1) days.add(dayOf(item));
    else if (range.length === 2 && range[0]!.trim() !== "" && range[1]!.trim() !== "") {
      const from = dayOf(range[0]!);
      const to = dayOf(range[1]!);
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
    } else throw new GrammarError(`"${item}" is not a day or a day range`);
  }
  return days;
}

function minuteOf(raw: string, isEnd: boolean): number {
  const text = raw.trim();
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new GrammarError(`"${text}" is not a time HH:MM`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (isEnd && hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) {
    throw new GrammarError(`"${text}" is not a time between 00:00 and 23:59${isEnd ? " (or 24:00)" : ""}`);
  }
  return hours * 60 + minutes;
}

/** One group: its days and window. */
function groupOf(group: string): { days: Set<number>; startMinute: number; endMinute: number } {
  const firstDigit = group.search(/\d/);
  const dayText = firstDigit < 0 ? group : group.slice(0, firstDigit);
  if (firstDigit < 0 || dayText.trim() === "" || !/\s$/.test(dayText)) throw new GrammarError(SHAPE);
  const days = daysOf(dayText.trim());
  const timeText = group.slice(firstDigit);
  const times = timeText.split("-");
  if (times.length !== 2) throw new GrammarError(`"${timeText}" is not a time range HH:MM-HH:MM`);
  const startMinute = minuteOf(times[0]!, false);
  const endMinute = minuteOf(times[1]!, true);
  if (endMinute <= startMinute) throw new GrammarError("the end time must be after the start time");
  return { days, startMinute, endMinute };
}

/**
 * Checks a `business_hours` text against the grammar above. Ok: the weekly schedule (one window per
 * listed weekday, ascending) and the canonical text. Not ok: a message naming what is wrong (the
 * group is quoted when there are several).
 */
export function checkBusinessHours(text: string): BusinessHoursResult {
  const groups = text
    .toLowerCase()
    .split(";")
    .map((g) => g.trim())
    .filter((g) => g !== "");
  if (groups.length === 0) return { ok: false, message: SHAPE };
  const byDay = new Map<number, BusinessWindow>();
  for (const group of groups) {
    try {
      const { days, startMinute, endMinute } = groupOf(group);
      for (const isoDow of days) byDay.set(isoDow, { isoDow, startMinute, endMinute });
    } catch (err) {
      if (!(err instanceof GrammarError)) throw err;
      return { ok: false, message: groups.length > 1 ? `${err.message} (in "${group}")` : err.message };
    }
  }
  const week = [...byDay.values()].sort((a, b) => a.isoDow - b.isoDow);
  return { ok: true, week, canonical: formatBusinessHours(week) };
}

/** The weekly schedule of a `business_hours` text (see checkBusinessHours), or null when it is not valid. */
export function parseBusinessHours(text: string): BusinessWindow[] | null {
  const r = checkBusinessHours(text);
  return r.ok ? r.week : null;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Days as canonical text: ascending, runs of 3+ consecutive days as ranges (`mon-wed,fri`, `sat,sun`). */
function formatDays(days: readonly number[]): string {
  const parts: string[] = [];
  const name = (d: number) => DAY_NAMES[d - 1]!;
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${name(days[i]!)}-${name(days[j]!)}`);
    else for (let k = i; k <= j; k++) parts.push(name(days[k]!));
    i = j + 1;
  }
  return parts.join(",");
}

/**
 * The canonical text of a weekly schedule: days sharing a window form one group, groups ordered by
 * their first day and joined with "; " (`mon-thu 08:00-18:00; fri 08:00-14:00`). Parsing it gives
 * the same schedule back.
 */
export function formatBusinessHours(week: readonly BusinessWindow[]): string {
  const groups = new Map<string, number[]>();
  for (const w of [...week].sort((a, b) => a.isoDow - b.isoDow)) {
    const key = `${hhmm(w.startMinute)}-${hhmm(w.endMinute)}`;
    const days = groups.get(key) ?? [];
    days.push(w.isoDow);
    groups.set(key, days);
  }
  return [...groups].map(([window, days]) => `${formatDays(days)} ${window}`).join("; ");
}

/** The items of a comma-separated holidays text, trimmed, empty ones dropped (`"2025-12-25, 2025-12-26,"`). */
export function splitHolidays(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** checkHolidays' answer: the dates sorted without repeats, or the first bad item. */
export type HolidaysResult = { ok: true; dates: string[] } | { ok: false; message: string };

/**
 * Checks a holidays list (dates without business hours, organisation calendar): every item a date
 * `YYYY-MM-DD` (a real day, years 0001–9999). Ok: the dates sorted and without repeats.
 */
export function checkHolidays(dates: readonly string[]): HolidaysResult {
  const bad = dates.find((d) => !isIsoDate(d));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not a date YYYY-MM-DD` };
  return { ok: true, dates: [...new Set(dates)].sort() };
}
