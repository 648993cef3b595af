import { sql, type SQL } from "drizzle-orm";
import { num, text } from "../decode";
import type { KpiFilters } from "../filters";
import {
  accountFilters,
  churnedBetween,
  customerAtEndOf,
  customerAtStartOf,
  seenAt,
  wonInWindow,
  type AccountDates,
} from "../predicates";
import { dt } from "../sql-fragments";
import type { TimeWindow } from "../windows";

export interface AccountsGroup {
  /** S: accounts that were customers at the start of P. */
  customersAtStart: number;
  /** Those of S still customers at the end of P. */
  retained: number;
  /** Accounts that were customers at the start of W. */
  customersAtWindowStart: number;
  /** Of those, the ones with churned_on in W. */
  churnedInWindow: number;
  /** Σ amount of deals won in W that have an account (deal filters apply). */
  windowRevenue: string;
  /** Distinct accounts of those deals. */
  windowAccounts: number;
}

/**
 * The retention / lifetime-value group (kpi-definitions.md §2):
 *
 * - `customer_retention_rate`: "retained / S, where S = accounts that were customers at the
 *   start of P (customer_since < from, and churned_on null or ≥ from) and retained = those of
 *   S still customers at the end of P (churned_on null or > to)."
 * - `customer_lifetime_value`: "arpa_12m × min(1 / churn_12m, 5). W = the 365 days of the
 *   organisation's calendar ending with `to`. arpa_12m = Σ amount of deals won in W that have
 *   an account / number of distinct accounts of those deals. churn_12m = of the accounts that
 *   were customers at the start of W (customer_since before W's first day, and churned_on null
 *   or on/after it), the share with churned_on in W."
 *
 * The definitions are the predicates customerAtStartOf, customerAtEndOf, churnedBetween and
 * wonInWindow (../predicates). Dates without time have happened when on or before as_of's date in the organisation's time
 * zone: a customer_since after it is "not a customer yet", a churned_on after it "not churned
 * yet". Account-level figures (S, retained, churn) are narrowed by `segment` only (§1);
 * arpa_12m sums deals, so it takes the deal filters (resolved reading of "the churn part of
 * lifetime value is narrowed by segment only"). The won deals of W are read from kpi_deal_facts
 * (db/schema/kpi.ts): existence and filters are columns there, the same deals as on `deals`.
 */
export function accountsGroupSql(p: TimeWindow, w: TimeWindow, filters: KpiFilters): SQL {
  const aod = dt(p.asOfDate);
  const acc: AccountDates = { since: sql`cs`, churned: sql`ch` };
  const inS = customerAtStartOf(p.fromDate, acc);
  const inW = customerAtStartOf(w.fromDate, acc);
  return sql`
    with acc as (
      select ${seenAt(sql`a.customer_since`, aod)} as cs,
             ${seenAt(sql`a.churned_on`, aod)} as ch
        from accounts a
       where a.customer_since <= ${aod} and ${accountFilters(filters)}
    ), counts as (
      select count(*) filter (where ${inS})::int as s,
             count(*) filter (where ${inS} and ${customerAtEndOf(p.toDate, acc)})::int as retained,
             count(*) filter (where ${inW})::int as w_start,
             count(*) filter (where ${inW} and ${churnedBetween(w.fromDate, w.toDate, acc)})::int as w_churned
        from acc
    ), arpa as (
      select coalesce(sum(d.amount), 0)::text as revenue, count(distinct d.account_id)::int as accounts
        from kpi_deal_facts d
       where ${wonInWindow(w, filters, "d", "facts")} and d.account_id is not null
    )
    select counts.*, arpa.revenue, arpa.accounts from counts cross join arpa`;
}

/** The accounts group's row (see accountsGroup). */
export function parseAccountsGroup(rows: readonly Record<string, unknown>[]): AccountsGroup {
  const r = rows[0];
  if (!r) throw new Error("accounts group returned nothing");
  return {
    customersAtStart: num(r.s),
    retained: num(r.retained),
    customersAtWindowStart: num(r.w_start),
    churnedInWindow: num(r.w_churned),
    windowRevenue: text(r.revenue),
    windowAccounts: num(r.accounts),
  };
}
