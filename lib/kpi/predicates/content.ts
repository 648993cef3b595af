import { sql, type SQL } from "drizzle-orm";
import { CUSTOMER_FACING_ACTIONS } from "@/lib/enums";
import { col, enumList, ts } from "../sql-fragments";
import type { TimeWindow } from "../windows";
import { inWindow } from "./window";

/**
 * Content predicates of kpi-definitions.md §2 (content_usage_rate, content_unused_share,
 * content_influenced_revenue). Not narrowed by the report filters (§1).
 */

/** A usage `u` is customer-facing: its action is `shared`, `sent` or `presented`. */
export function customerFacing(u = "u"): SQL {
  return sql`${col(u, "action")} in (${enumList(CUSTOMER_FACING_ACTIONS)})`;
}

/**
 * An asset `a` is active in the window: "published_at ≤ end of P and (archived_at null or ≥
 * start of P)", seen at as_of: an asset published after as_of does not exist, an archived_at
 * after as_of is not archived yet.
 */
export function assetActiveIn(win: TimeWindow, a = "a"): SQL {
  const asOf = ts(win.asOf);
  return sql`(${col(a, "published_at")} < ${ts(win.end)} and ${col(a, "published_at")} <= ${asOf}
    and (${col(a, "archived_at")} is null or ${col(a, "archived_at")} > ${asOf} or ${col(a, "archived_at")} >= ${ts(win.start)}))`;
}

/** A usage `u` that makes an asset "used": "a usage in P whose action is customer-facing" (≤ as_of). */
export function customerFacingUsageIn(win: TimeWindow, u = "u"): SQL {
  return sql`(${inWindow(col(u, "occurred_at"), win)} and ${customerFacing(u)})`;
}
