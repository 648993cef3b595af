import { sql, type SQL } from "drizzle-orm";
import { num } from "../decode";
import type { KpiFilters } from "../filters";
import { happenedBy, inWindow, leadExists, leadFilters, primaryLeadOfWonDeal } from "../predicates";
import { col } from "../sql-fragments";
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
 */
export function leadsGroupSql(win: TimeWindow, filters: KpiFilters): SQL {
  const isMql = inWindow(col("l", "mql_at"), win);
  const isSql = inWindow(col("l", "sql_at"), win);
  return sql`
    with pop as (
      select l.lead_id, l.sql_at, l.rejected_at,
             coalesce(${isMql}, false) as is_mql,
             coalesce(${isSql}, false) as is_sql,
             case when ${isSql} then ${primaryLeadOfWonDeal(win.asOf)} else false end as is_closed
        from kpi_lead_facts l
       where (${isMql} or ${isSql})
         and ${leadExists(win.asOf)}
         and ${leadFilters(filters)}
    )
    select count(*) filter (where p.is_mql)::int as mqls,
           count(*) filter (where p.is_mql and ${happenedBy(col("p", "sql_at"), win.asOf)})::int as mqls_with_sql,
           count(*) filter (where p.is_mql and ${happenedBy(col("p", "rejected_at"), win.asOf)})::int as mqls_rejected,
           count(*) filter (where p.is_sql)::int as sqls,
           count(*) filter (where p.is_sql and p.is_closed)::int as sqls_closed
      from pop p`;
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
