import { sql, type SQL } from "drizzle-orm";
import { ts } from "../sql-fragments";
import type { TimeWindow } from "../windows";

/**
 * Time predicates of kpi-definitions.md §1: "Every event with a timestamp after `as_of` is
 * treated as not having happened yet". Every bound is a constant, so a predicate on an indexed
 * column is an index range (sargable). Each predicate is one boolean SQL term (compounds in
 * parentheses): it composes with and / or / not, in a WHERE clause or in an aggregate's
 * `FILTER (WHERE …)`.
 */

/** `column` in [start, end) and not after as_of: the event happened in the window, by as_of. */
export function happenedIn(column: SQL, start: SQL, end: SQL, asOf: SQL): SQL {
  return sql`(${column} >= ${start} and ${column} < ${end} and ${column} <= ${asOf})`;
}

/**
 * "`column` in P (and ≤ as_of)": at or after the window's first instant, before the instant
 * after its last day, and not after its as_of.
 */
export function inWindow(column: SQL, win: TimeWindow): SQL {
  return happenedIn(column, ts(win.start), ts(win.end), ts(win.asOf));
}

/** The event of `column` has happened by as_of (null: it has not happened). */
export function happenedBy(column: SQL, asOf: string): SQL {
  return sql`${column} <= ${ts(asOf)}`;
}

/**
 * The value of `column` as seen at `bound` (as_of, or as_of's date for a date without time):
 * itself when it is not after the bound, else null ("has not happened yet").
 */
export function seenAt(column: SQL, bound: SQL): SQL {
  return sql`case when ${column} <= ${bound} then ${column} end`;
}
