import { sql, type SQL } from "drizzle-orm";
import { monthlyObjects, num, text } from "../decode";
import type { KpiFilters } from "../filters";
import { happenedBy, inWindow, leadExists, leadFilters, primaryLeadOfWonDeal } from "../predicates";
import { col, monthLabel, monthStartOf, type SqlExecutor } from "../sql-fragments";
import type { TimeWindow } from "../windows";

export interface LeadsGroup {
  mqls: number;
  /** of those MQLs, how many have sql_at ≤ as_of */
  mqlsWithSql: number;
  /** of those MQLs, how many have rejected_at ≤ as_of */
  mqlsRejected: number;
  sqls: number;
  /** of those SQLs, how many are the primary lead of a deal won by as_of */
  sqlsClosed: number;
}

/**
 * The leads group: one scan of the leads with mql_at or sql_at in P (indexes
 * kpi_lead_facts(mql_at), (sql_at), combined by a BitmapOr). Definitions (kpi-definitions.md §2):
 *
 * - `mqls` / `sqls`: "count of leads with mql_at in P / with sql_at in P." (and ≤ as_of)
 * - `mql_to_sql_rate`: "of the leads with mql_at in P, the share that have sql_at (≤ as_of,
 *   any date)."
 * - `lead_rejection_rate`: "of the leads with mql_at in P, the share that have rejected_at
 *   (≤ as_of)."
 * - `closing_efficiency`: "of the leads with sql_at in P (the filters choose these leads), the
 *   share that are the primary lead of at least one deal won by as_of (any close date; that
 *   deal is not filtered)."
 *
 * A lead created after as_of does not exist. The lead filters apply: its account's segment,
 * the lead owner (case-insensitive), its source channel.
 *
 * `leadsGroupSql` is the group's single statement (exported for EXPLAIN). The leads are read
 * from kpi_lead_facts (db/schema/kpi.ts: the leads with mql_at or sql_at, narrow, kept exact by
 * triggers), and "primary lead of a deal won by as_of" (primaryLeadOfWonDeal) is an `exists`
 * asked only of the SQLs of P: one index look-up on deals(primary_lead_id) each. It used to be a
 * left join with the distinct primary leads of all won deals, which the planner turned into a
 * nested loop over both sides whenever its estimate of the filtered leads was off (issue 15
 * item 1: 24 s instead of 1.4 s before an ANALYZE); an `exists` per row has no plan that is
 * worse than linear in the SQLs of P.
 *
 * With `monthTimeZone` (a KPI run with `monthly`, for the dashboard's closing-efficiency
 * sparkline) the same statement also counts the SQLs and the closed ones by month of sql_at
 * (column `monthly`); the totals are the same numbers.
 */
export function leadsGroupSql(win: TimeWindow, filters: KpiFilters, opts: LeadsGroupOptions = {}): SQL {
  const isMql = inWindow(col("l", "mql_at"), win);
  const isSql = inWindow(col("l", "sql_at"), win);
  const month = opts.monthTimeZone === undefined ? sql`` : sql`,
             case when ${isSql} then ${monthStartOf(col("l", "sql_at"), opts.monthTimeZone)} end as sql_month`;
  const pop = sql`
      select l.lead_id, l.sql_at, l.rejected_at,
             coalesce(${isMql}, false) as is_mql,
             coalesce(${isSql}, false) as is_sql,
             case when ${isSql} then ${primaryLeadOfWonDeal(win.asOf)} else false end as is_closed${month}
        from kpi_lead_facts l
       where (${isMql} or ${isSql})
         and ${leadExists(win.asOf)}
         and ${leadFilters(filters)}`;
  const counts = sql`count(*) filter (where p.is_mql)::int as mqls,
           count(*) filter (where p.is_mql and ${happenedBy(col("p", "sql_at"), win.asOf)})::int as mqls_with_sql,
           count(*) filter (where p.is_mql and ${happenedBy(col("p", "rejected_at"), win.asOf)})::int as mqls_rejected,
           count(*) filter (where p.is_sql)::int as sqls,
           count(*) filter (where p.is_sql and p.is_closed)::int as sqls_closed`;
  if (opts.monthTimeZone === undefined) {
    return sql`
    with pop as (${pop})
    select ${counts}
      from pop p`;
  }
  // The same counts by month of sql_at (grouped by the month's first moment, labelled after:
  // monthOf's months; the leads that are no SQL of P, MQLs only, have none), in one scan and one
  // aggregation of a few groups; the totals are the sums of the groups' counts — the same
  // numbers as the plain aggregation above.
  return sql`
    with pop as (${pop}),
    g as (
      select ${monthLabel(sql`p.sql_month`)} as month,
             ${counts}
        from pop p
       group by p.sql_month
    )
    select coalesce(sum(g.mqls), 0)::int as mqls, coalesce(sum(g.mqls_with_sql), 0)::int as mqls_with_sql,
           coalesce(sum(g.mqls_rejected), 0)::int as mqls_rejected, coalesce(sum(g.sqls), 0)::int as sqls,
           coalesce(sum(g.sqls_closed), 0)::int as sqls_closed,
           coalesce(json_agg(json_build_object('month', g.month, 'sqls', g.sqls, 'sqls_closed', g.sqls_closed)
                             order by g.month) filter (where g.month is not null), '[]')::text as monthly
      from g`;
}

/** Options of the leads group statement. */
export interface LeadsGroupOptions {
  /**
   * Also return, by calendar month of sql_at in this time zone, the SQLs of P and those of them
   * that are the primary lead of a deal won by as_of (column `monthly`, see parseLeadsMonthly):
   * closing_efficiency month by month. Months without an SQL are left out.
   */
  monthTimeZone?: string;
}

/** The SQLs of P in one calendar month: closing_efficiency's denominator and numerator. */
export interface LeadsMonth {
  /** YYYY-MM */
  month: string;
  sqls: number;
  /** of those SQLs, how many are the primary lead of a deal won by as_of */
  sqlsClosed: number;
}

/**
 * The SQLs of the window and the closed ones by calendar month of sql_at in `timeZone` (the
 * leads group's own statement with `monthTimeZone`, so the months add up to the cards).
 */
export async function leadsByMonth(db: SqlExecutor, win: TimeWindow, filters: KpiFilters, timeZone: string): Promise<LeadsMonth[]> {
  return parseLeadsMonthly(await db.execute<Record<string, unknown>>(leadsGroupSql(win, filters, { monthTimeZone: timeZone })));
}

/** The `monthly` column of a leads group statement run with `monthTimeZone`. */
export function parseLeadsMonthly(rows: readonly Record<string, unknown>[]): LeadsMonth[] {
  return monthlyObjects(rows, "leads group").map((o): LeadsMonth => {
    return { month: text(o.month), sqls: num(o.sqls), sqlsClosed: num(o.sqls_closed) };
  });
}

/** The leads group's row (see leadsGroupSql). */
export function parseLeadsGroup(rows: readonly Record<string, unknown>[]): LeadsGroup {
  const r = rows[0];
  if (!r) throw new Error("leads group returned nothing");
  return {
    mqls: num(r.mqls),
    mqlsWithSql: num(r.mqls_with_sql),
    mqlsRejected: num(r.mqls_rejected),
    sqls: num(r.sqls),
    sqlsClosed: num(r.sqls_closed),
  };
}
