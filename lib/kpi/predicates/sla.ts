import { sql, type SQL } from "drizzle-orm";
import { SLA_AT_RISK_USED } from "../definitions";
import { col, enumValue, ts } from "../sql-fragments";

/**
 * The sales-response SLA status of one MQL (kpi-definitions.md §4). The statement that computes
 * due times over the business calendar is lib/kpi/groups/sla.ts (slaLeadsSql); these are its
 * per-lead expressions.
 */

export const SLA_STATUSES = ["met", "breached", "pending"] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/** "at_risk is the part of pending with at least 75% of the window's business time used up." */
const AT_RISK_USED = SLA_AT_RISK_USED;

/**
 * The first sales response of an MQL `l` (a row of kpi_lead_facts, whose `first_activity_at` is
 * the lead's earliest sales activity at or after mql_at): "the earliest of: a sales activity on
 * the lead (any type, by anyone) at or after mql_at, its sql_at, its rejected_at (all ≤ as_of);
 * an sql_at or rejected_at earlier than mql_at counts as a response at mql_at." Null: none yet.
 */
export function slaFirstResponse(asOf: string, l = "l"): SQL {
  const a = ts(asOf);
  const mql = col(l, "mql_at");
  return sql`least(
               case when ${col(l, "first_activity_at")} <= ${a} then ${col(l, "first_activity_at")} end,
               case when ${col(l, "sql_at")} <= ${a} then greatest(${col(l, "sql_at")}, ${mql}) end,
               case when ${col(l, "rejected_at")} <= ${a} then greatest(${col(l, "rejected_at")}, ${mql}) end
             )`;
}

/** Where an MQL's first response and due time are (columns or expressions of the caller's query). */
export interface SlaTimes {
  firstResponse: SQL;
  /** mql_at + N business hours; null only when the schedule has no business time at all. */
  dueAt: SQL;
}

/**
 * The status of an MQL, one of SLA_STATUSES: "met: first response at or before the due time;
 * breached: first response after the due time, or none and the due time is before as_of;
 * pending: no response yet and the due time is at or after as_of." (No due time at all: a
 * response is met, none is pending.)
 */
export function slaStatus(asOf: string, t: SlaTimes): SQL {
  return sql`case when ${t.firstResponse} is not null and (${t.dueAt} is null or ${t.firstResponse} <= ${t.dueAt}) then ${enumValue("met")}
                when ${t.firstResponse} is not null or ${t.dueAt} < ${ts(asOf)} then ${enumValue("breached")}
                else ${enumValue("pending")} end`;
}

/** The MQL is pending: "no response yet and the due time is at or after as_of". */
export function slaPending(asOf: string, t: SlaTimes): SQL {
  return sql`(${t.firstResponse} is null and (${t.dueAt} is null or ${t.dueAt} >= ${ts(asOf)}))`;
}

/**
 * "at_risk is the part of pending with at least 75% of the window's business time (3 of 4
 * hours) used up": `used` business time from mql_at to as_of against the `allowed` N, in the
 * same unit.
 */
export function slaAtRisk(asOf: string, t: SlaTimes, used: SQL, allowed: SQL): SQL {
  const { numerator, denominator } = AT_RISK_USED;
  return sql`(${slaPending(asOf, t)} and ${used} * ${sql.raw(String(denominator))} >= ${allowed} * ${sql.raw(String(numerator))})`;
}

/** A status column equals one status (for `count(*) filter (where …)`). */
export function slaStatusIs(status: SlaStatus, column: SQL): SQL {
  return sql`${column} = ${enumValue(status)}`;
}
