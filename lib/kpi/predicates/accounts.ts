import { sql, type SQL } from "drizzle-orm";
import { dt } from "../sql-fragments";

/**
 * Account predicates of customer_retention_rate and customer_lifetime_value
 * (kpi-definitions.md §2), on an account's `customer_since` and `churned_on` as seen at as_of
 * (§1: "A date without time (customer_since, churned_on) has happened when it is on or before
 * as_of's date in the organisation's time zone"; pass them through seenAt(column, dt(asOfDate))).
 */
export interface AccountDates {
  /** customer_since as seen at as_of (null: not a customer yet). */
  since: SQL;
  /** churned_on as seen at as_of (null: not churned yet). */
  churned: SQL;
}

/**
 * The account was a customer at the start of `day`: "customer_since < from, and churned_on null
 * or ≥ from" (S of customer_retention_rate; with W's first day, the base of churn_12m:
 * "customer_since before W's first day, and churned_on null or on/after it").
 */
export function customerAtStartOf(day: string, a: AccountDates): SQL {
  return sql`(${a.since} < ${dt(day)} and (${a.churned} is null or ${a.churned} >= ${dt(day)}))`;
}

/** The account is still a customer at the end of `day`: "churned_on null or > to" (retained). */
export function customerAtEndOf(day: string, a: Pick<AccountDates, "churned">): SQL {
  return sql`(${a.churned} is null or ${a.churned} > ${dt(day)})`;
}

/** churn_12m's numerator: "churned_on in W" (both days inclusive). */
export function churnedBetween(fromDay: string, toDay: string, a: Pick<AccountDates, "churned">): SQL {
  return sql`(${a.churned} >= ${dt(fromDay)} and ${a.churned} <= ${dt(toDay)})`;
}
