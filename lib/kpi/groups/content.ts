import { sql, type SQL } from "drizzle-orm";
import { num } from "../decode";
import { assetActiveIn, customerFacingUsageIn } from "../predicates";
import type { TimeWindow } from "../windows";

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
 * The predicates assetActiveIn and customerFacingUsageIn (../predicates) hold the definitions.
 * as_of: an asset published after as_of does not exist; an archived_at after as_of is not
 * archived yet; a usage after as_of has not happened. (`content_influenced_revenue` uses the
 * deal filters and lives in the deals group.)
 */
export function contentGroupSql(p: TimeWindow): SQL {
  return sql`
    select count(*)::int as active,
           count(*) filter (where exists (
             select 1 from content_usage u
              where u.asset_id = a.asset_id
                and ${customerFacingUsageIn(p)}))::int as used
      from content_assets a
     where ${assetActiveIn(p)}`;
}

/** The content group's row (see contentGroup). */
export function parseContentGroup(rows: readonly Record<string, unknown>[]): ContentGroup {
  const r = rows[0];
  if (!r) throw new Error("content group returned nothing");
  return { activeAssets: num(r.active), usedAssets: num(r.used) };
}
