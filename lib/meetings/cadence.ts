import { addDays, daysFromCivil } from "@/lib/time";

/**
 * The meeting cadence (plain module; tests in cadence.test.ts).
 *
 * Days since the last joint meeting are whole calendar days in the organisation's time zone,
 * from the meeting's day to today. The issue: "due when it passes 6 weeks (the interval is a
 * setting)". Reading: on day 0 … interval−1 the cadence is `ok`; on day = interval (exactly 42
 * days by default) the next meeting is `due` (today is the last day within the cadence); from
 * interval+1 on it is `overdue` (the interval has been passed). No joint meeting yet: `none`.
 */
export type CadenceStatus = "ok" | "due" | "overdue" | "none";

export type Cadence = {
  daysSince: number | null;
  intervalDays: number;
  status: CadenceStatus;
  /** The day the next meeting is due (last meeting's day + interval), null without one. */
  dueOn: string | null;
};

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
}


/** The cadence on `today` (YYYY-MM-DD) for the last joint meeting's day (YYYY-MM-DD or null). */
export function cadenceOf(lastMeetingDay: string | null, today: string, intervalDays: number): Cadence {
  if (lastMeetingDay === null) return { daysSince: null, intervalDays, status: "none", dueOn: null };
  const daysSince = dayNumber(today) - dayNumber(lastMeetingDay);
  const status: CadenceStatus = daysSince < intervalDays ? "ok" : daysSince === intervalDays ? "due" : "overdue";
  return { daysSince, intervalDays, status, dueOn: addDays(lastMeetingDay, intervalDays) };
}

/** How many of the recent joint meetings each team organised. */
export type OrganiserBalance = {
  marketing: number;
  sales: number;
  joint: number;
  /** Meetings considered (the last ORGANISER_WINDOW joint meetings). */
  total: number;
  /**
   * Whether both teams take turns: each of marketing and sales organised at least one of the
   * last ORGANISER_WINDOW joint meetings (a jointly organised meeting counts for neither). Null
   * with fewer than two meetings: nothing to take turns over yet.
   */
  takesTurns: boolean | null;
};

export const ORGANISER_WINDOW = 4;

/** The balance of organisers over the given meetings' organising teams, newest first. */
export function organiserBalance(teamsNewestFirst: readonly string[]): OrganiserBalance {
  const recent = teamsNewestFirst.slice(0, ORGANISER_WINDOW);
  const count = (team: string) => recent.filter((t) => t === team).length;
  const marketing = count("marketing");
  const sales = count("sales");
  return {
    marketing,
    sales,
    joint: count("joint"),
    total: recent.length,
    takesTurns: recent.length < 2 ? null : marketing > 0 && sales > 0,
  };
}
