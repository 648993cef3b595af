import { sql, type SQL } from "drizzle-orm";
import { CUSTOMER_FACING_LIST, num, ts, type TimeWindow } from "../context";

export interface ContentGroup {
  activeAssets: number;
  usedAssets: number;
}

/**
 * The content group (kpi-definitions.md §2), not narrowed by the filters (§1):
 *
 * - `content_usage_rate`: "used assets / active assets. Active = published_at ≤ end of P and
 *   (archived_at null or ≥ start of P). Used = active and with at least one usage in P whose
 *   action is customer-facing (shared, sent, presented)."
 * - `content_unused_share`: "1 − content_usage_rate."
 *
 * as_of: an asset published after as_of does not exist; an archived_at after as_of is not
 * archived yet; a usage after as_of has not happened. (`content_influenced_revenue` uses the
 * deal filters and lives in the deals group.)
 *
 * This is the group's single statement (exported for EXPLAIN and the benchmark; the engine
 * runs it and parseContentGroup reads its row).
 */
export function contentGroupSql(p: TimeWindow): SQL {
  const asOf = ts(p.asOf);
  return sql`
    select count(*)::int as active,
           count(*) filter (where exists (
             select 1 from content_usage u
              where u.asset_id = a.asset_id
                and u.occurred_at >= ${ts(p.start)} and u.occurred_at < ${ts(p.end)}
                and u.occurred_at <= ${asOf}
                and u.action in (${CUSTOMER_FACING_LIST})))::int as used
      from content_assets a
     where a.published_at < ${ts(p.end)} and a.published_at <= ${asOf}
       and (a.archived_at is null or a.archived_at > ${asOf} or a.archived_at >= ${ts(p.start)})`;
}

export function parseContentGroup(rows: readonly Record<string, unknown>[]): ContentGroup {
  const r = rows[0];
  if (!r) throw new Error("content group returned nothing");
  return { activeAssets: num(r.active), usedAssets: num(r.used) };
}
