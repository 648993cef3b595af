import type { KpiUnit } from "@/lib/kpi/definitions";

/**
 * The one unit type of the app's numbers: the KPI engine's units (defined beside the KPI
 * definitions in lib/kpi/definitions.ts, re-exported here). Cards, charts, tables, the roadmap
 * and exports import it from lib/format.
 * - `money`: an amount in the organisation's currency
 * - `money_per_day`: an amount per day
 * - `count`: a whole number of things
 * - `ratio`: a share, 0.3 = 30%
 * - `days`: a duration in days
 */
export type Unit = KpiUnit;

/** How a table cell reads: a number of a Unit, a date, a date-time, a yes/no or text. */
export type CellKind =
  | Extract<Unit, "money" | "count" | "days" | "ratio">
  | "id"
  | "text"
  | "enum"
  | "status"
  | "bool"
  | "date"
  | "datetime";

/** What every formatter shows for a value that is undefined (null, NaN, ±∞). */
export const NO_VALUE = "—";
