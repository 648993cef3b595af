import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Small SQL building blocks of the KPI statements: typed constants, value lists, column
 * references of a table alias. The KPI definitions themselves are in ./predicates.
 */

/** Anything that runs SQL: the database or a transaction of it. */
export type SqlExecutor = Pick<Db, "execute">;

/** A timestamptz parameter (the windows' bounds are exact timestamptz text, see ./windows). */
export const ts = (v: string): SQL => sql`${v}::timestamptz`;

/** A date parameter (YYYY-MM-DD). */
export const dt = (v: string): SQL => sql`${v}::date`;

/** Values as a comma-separated list of bound parameters (user input: filter values). */
export function textList(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

const ENUM_VALUE = /^[a-z][a-z0-9_]*$/;

/**
 * Enum values of db/schema/enums.ts as a comma-separated list of SQL literals
 * (`'shared', 'sent'`). Written into the statement rather than bound, so the planner always
 * sees the constant list (the same plans as for a literal list) and the statement text stays the
 * same from run to run. Only plain enum labels are accepted.
 */
export function enumList(values: readonly string[]): SQL {
  if (values.length === 0) throw new Error("enumList: empty list");
  for (const v of values) if (!ENUM_VALUE.test(v)) throw new Error(`enumList: not an enum label: ${v}`);
  return sql.raw(values.map((v) => `'${v}'`).join(", "));
}

/** One enum value as an SQL literal (see enumList). */
export function enumValue(value: string): SQL {
  return enumList([value]);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * `alias.column` of a table alias chosen by the caller (the predicates take the alias of the
 * row they test, so one predicate serves every query that names its tables differently).
 */
export function col(alias: string, column: string): SQL {
  if (!IDENTIFIER.test(alias) || !IDENTIFIER.test(column)) throw new Error(`not an SQL identifier: ${alias}.${column}`);
  return sql.raw(`${alias}.${column}`);
}

/** The calendar month (YYYY-MM) of a timestamptz in a time zone. */
export function monthOf(column: SQL, timeZone: string): SQL {
  return monthLabel(monthStartOf(column, timeZone));
}

/**
 * The first moment of the calendar month of a timestamptz in a time zone, as a local timestamp:
 * monthOf before its formatting. Grouping by it and formatting the groups (monthLabel) gives
 * monthOf's months while sorting timestamps, not text.
 */
export function monthStartOf(column: SQL, timeZone: string): SQL {
  return sql`date_trunc('month', ${column} at time zone ${timeZone})`;
}

/** YYYY-MM of a monthStartOf value. */
export function monthLabel(monthStart: SQL): SQL {
  return sql`to_char(${monthStart}, 'YYYY-MM')`;
}
