import { sql, type SQL } from "drizzle-orm";
import {
  CLOSED_STAGES,
  LOST_STAGE,
  MARKETING_CHANNELS,
  OPEN_STAGES,
  WON_STAGE,
} from "@/lib/enums";
import type { KpiFilters } from "../filters";
import { col, dt, enumList, enumValue, ts } from "../sql-fragments";
import type { TimeWindow } from "../windows";
import { customerFacing } from "./content";
import { dealFilters, type DealRows } from "./filters";
import { inWindow } from "./window";

/**
 * Deal predicates of kpi-definitions.md §1–2 for a deal row `d` (any alias of `deals`, or of a
 * set of deal rows with its columns). Each is one boolean SQL term (a comparison, an `exists`,
 * or a compound in parentheses), so it composes with and / or / not, in WHERE and in an
 * aggregate's `FILTER (WHERE …)`. Stage, channel and action lists come from
 * db/schema/enums.ts.
 *
 * The predicates that look something up per deal (existence, filters, marketing-sourced,
 * -influenced, content-influenced) take `rows` (DealRows): with `"facts"`, `d` is a row of
 * kpi_deal_facts (db/schema/kpi.ts) and they read its columns instead — the same truth value for
 * every deal and as_of (the from-scratch form on `deals` stays the reference;
 * lib/kpi/deal-facts.test.ts proves them equal).
 */

/** Deal `d` is in the won stage (`closed_won`). */
export function wonStage(d = "d"): SQL {
  return sql`${col(d, "stage")} = ${enumValue(WON_STAGE)}`;
}

/** Deal `d` is in the lost stage (`closed_lost`). */
export function lostStage(d = "d"): SQL {
  return sql`${col(d, "stage")} = ${enumValue(LOST_STAGE)}`;
}

/** Deal `d` is in a closed stage (won or lost). */
export function closedStage(d = "d"): SQL {
  return sql`${col(d, "stage")} in (${enumList(CLOSED_STAGES)})`;
}

/** Deal `d` is in an open stage (qualification … negotiation). */
export function openStage(d = "d"): SQL {
  return sql`${col(d, "stage")} in (${enumList(OPEN_STAGES)})`;
}

/**
 * Deal `d` exists at as_of (§1): "A record whose own creation (`created_at` of a lead or deal …)
 * is after as_of does not exist at all", and neither does "a deal whose primary lead was created
 * after as_of". The lead check is an anti-join on the leads created after as_of (an index range
 * on leads(created_at), normally tiny), so a scan of many deals needs no join with all leads. A
 * deal without a primary lead (data-contract.md §1) has no lead to wait for: it exists from its
 * own created_at (the anti-join finds nothing for a null primary_lead_id). On the facts
 * (`rows: "facts"`), the primary lead's created_at is a column: no join at all.
 */
export function dealExists(asOf: string, d = "d", rows: DealRows = "deals"): SQL {
  if (rows === "facts") {
    return sql`(${col(d, "created_at")} <= ${ts(asOf)} and coalesce(${col(d, "primary_lead_created_at")} <= ${ts(asOf)}, true))`;
  }
  return sql`(${col(d, "created_at")} <= ${ts(asOf)}
    and not exists (select 1 from leads xl where xl.lead_id = ${col(d, "primary_lead_id")} and xl.created_at > ${ts(asOf)}))`;
}

/**
 * dealExists as one primary-key look-up of the primary lead per deal: the same truth value (no
 * such lead: missing, created ≤ as_of, or created_at null), cheaper for a few deals when as_of
 * is in the past and the leads created after it are many (the open deals).
 */
export function dealExistsByLookup(asOf: string, d = "d"): SQL {
  return sql`(${col(d, "created_at")} <= ${ts(asOf)}
    and coalesce((select xl.created_at <= ${ts(asOf)} from leads xl where xl.lead_id = ${col(d, "primary_lead_id")}), true))`;
}

/** Deal `d` closed in the window: `closed_at` in it and ≤ as_of (any stage). */
export function closedIn(win: TimeWindow, d = "d"): SQL {
  return inWindow(col(d, "closed_at"), win);
}

/**
 * "Won deal in P = stage `closed_won` and `closed_at` in P (and ≤ as_of)" (§1), existing at the
 * window's as_of, with the deal filters.
 */
export function wonInWindow(win: TimeWindow, filters: KpiFilters, d = "d", rows: DealRows = "deals"): SQL {
  return sql`(${wonStage(d)} and ${closedIn(win, d)} and ${dealExists(win.asOf, d, rows)} and ${dealFilters(filters, d, rows)})`;
}

/** "Likewise lost" (§1): stage `closed_lost` and `closed_at` in the window, existing, filtered. */
export function lostInWindow(win: TimeWindow, filters: KpiFilters, d = "d", rows: DealRows = "deals"): SQL {
  return sql`(${lostStage(d)} and ${closedIn(win, d)} and ${dealExists(win.asOf, d, rows)} and ${dealFilters(filters, d, rows)})`;
}

/**
 * Won or lost in the window (the population of win_rate: "won_deals / (won_deals + lost_deals)"),
 * existing, filtered.
 */
export function closedInWindow(win: TimeWindow, filters: KpiFilters, d = "d", rows: DealRows = "deals"): SQL {
  return sql`(${closedStage(d)} and ${closedIn(win, d)} and ${dealExists(win.asOf, d, rows)} and ${dealFilters(filters, d, rows)})`;
}

/** How a predicate checks that a deal exists at as_of: the same truth value, two query shapes. */
export type DealExistence = "anti-join" | "lookup";

/**
 * `open_pipeline` / `open_deals` (§2): "deals open at as_of (created_at ≤ as_of, and not closed
 * by as_of)" — an open stage, or a closed stage with closed_at after as_of — existing at as_of,
 * with the deal filters. `existence` picks the shape of the existence check on `deals`
 * (dealExists, the default, or dealExistsByLookup); the deals are the same either way. With
 * `rows: "facts"` (`d` a row of kpi_deal_facts) both read the facts' columns.
 */
export function openAtAsOf(
  asOf: string,
  filters: KpiFilters,
  d = "d",
  opts: { existence?: DealExistence; rows?: DealRows } = {},
): SQL {
  const rows = opts.rows ?? "deals";
  const exists = rows === "deals" && opts.existence === "lookup" ? dealExistsByLookup(asOf, d) : dealExists(asOf, d, rows);
  return sql`(${exists}
    and (${openStage(d)} or (${closedStage(d)} and ${col(d, "closed_at")} > ${ts(asOf)}))
    and ${dealFilters(filters, d, rows)})`;
}

/**
 * An open deal `d` is overdue at as_of: its expected close date (deals.expected_close_on,
 * data-contract.md §1 "date, open deals") is before as_of's date (`asOfDate`, YYYY-MM-DD in the
 * organisation's time zone; with as_of = now, before today). Null when it has none. For a deal
 * already known to be open at as_of (openAtAsOf).
 */
export function openDealOverdue(asOfDate: string, d = "d"): SQL {
  return sql`(${col(d, "expected_close_on")} < ${dt(asOfDate)})`;
}

/**
 * Deal `d` is won at as_of: stage `closed_won` with closed_at ≤ as_of ("a deal with closed_at >
 * as_of is open", §1). For a deal already known to exist at as_of (a flag on a row of a deal
 * population); wonByAsOf also checks the creation.
 */
export function wonAt(asOf: string, d = "d"): SQL {
  return sql`(${wonStage(d)} and ${col(d, "closed_at")} <= ${ts(asOf)})`;
}

/**
 * Deal `d` is won by as_of, at any close date, and was created by then (closing_efficiency:
 * "the primary lead of at least one deal won by as_of (any close date; that deal is not
 * filtered)"). Not filtered.
 */
export function wonByAsOf(asOf: string, d = "d"): SQL {
  return sql`(${wonAt(asOf, d)} and ${col(d, "created_at")} <= ${ts(asOf)})`;
}

/**
 * `marketing_sourced_revenue` (§2): deals "whose primary lead's source_channel is a marketing
 * channel (data-contract.md)" — every channel but `outbound`, `partner` and `unknown`. A deal
 * without a primary lead has no known source (data-contract.md §1): the look-up finds no lead
 * and the deal is not marketing-sourced.
 */
export function marketingSourced(d = "d", rows: DealRows = "deals"): SQL {
  if (rows === "facts") {
    // The facts' copy of the primary lead's source channel (null without one: not sourced).
    return sql`coalesce(${col(d, "source_channel")} in (${enumList(MARKETING_CHANNELS)}), false)`;
  }
  return sql`exists (select 1 from leads pl where pl.lead_id = ${col(d, "primary_lead_id")}
                      and pl.source_channel in (${enumList(MARKETING_CHANNELS)}))`;
}

/**
 * `marketing_influenced_revenue` (§2): deals "that have at least one touchpoint on a marketing
 * channel, on any of the deal's contacts (primary lead and deal_contacts), with occurred_at ≤
 * closed_at". A deal_contacts link to a lead created after as_of does not exist yet (§1), so its
 * touchpoints do not count. A deal without a primary lead is influenced only through its
 * deal_contacts (data-contract.md §1): the first probe finds nothing for a null primary_lead_id.
 */
export function marketingInfluenced(asOf: string, d = "d", rows: DealRows = "deals"): SQL {
  if (rows === "facts") {
    // marketing_from: the earliest as_of at which this holds (db/schema/kpi.ts), null: never.
    return sql`coalesce(${col(d, "marketing_from")} <= ${ts(asOf)}, false)`;
  }
  return sql`(exists (select 1 from touchpoints t
                      where t.lead_id = ${col(d, "primary_lead_id")} and t.occurred_at <= ${col(d, "closed_at")}
                        and t.channel in (${enumList(MARKETING_CHANNELS)}))
           or exists (select 1 from deal_contacts dc
                        join leads cl on cl.lead_id = dc.lead_id
                        join touchpoints t on t.lead_id = dc.lead_id
                       where dc.deal_id = ${col(d, "deal_id")} and cl.created_at <= ${ts(asOf)}
                         and t.occurred_at <= ${col(d, "closed_at")} and t.channel in (${enumList(MARKETING_CHANNELS)})))`;
}

/**
 * `content_influenced_revenue` (§2): deals "with at least one customer-facing usage whose
 * deal_id is that deal and occurred_at ≤ closed_at (at any date, whatever the asset's state)".
 * "Whatever the asset's state" reads as active or archived; a usage of an asset published after
 * as_of hangs on a record that does not exist yet (§1) and does not count.
 */
export function contentInfluenced(asOf: string, d = "d", rows: DealRows = "deals"): SQL {
  if (rows === "facts") {
    // content_from: the earliest as_of at which this holds (db/schema/kpi.ts), null: never.
    return sql`coalesce(${col(d, "content_from")} <= ${ts(asOf)}, false)`;
  }
  return sql`exists (select 1 from content_usage u join content_assets ca on ca.asset_id = u.asset_id
                      where u.deal_id = ${col(d, "deal_id")} and u.occurred_at <= ${col(d, "closed_at")}
                        and ${customerFacing("u")} and ca.published_at <= ${ts(asOf)})`;
}
