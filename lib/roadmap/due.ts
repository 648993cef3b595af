/**
 * When a roadmap card is overdue (plain: the board, a client component, imports it). Dates are
 * calendar days (YYYY-MM-DD); "today" is today in the organisation's time zone (lib/time
 * todayInZone, computed on the server), never the browser's or UTC's.
 */

/** The key of the default "Done" column: cards there are finished, so never overdue. */
export const DONE_COLUMN_KEY = "done";

/**
 * Is a card overdue: it has a due date, that date is before `today` (due today is not late yet),
 * and it is not in the Done column (`columnKey`)?
 */
export function isOverdue(dueOn: string | null, today: string, columnKey: string): boolean {
  return dueOn !== null && columnKey !== DONE_COLUMN_KEY && dueOn < today;
}
