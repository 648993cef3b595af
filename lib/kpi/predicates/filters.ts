import { sql, type SQL } from "drizzle-orm";
import type { KpiFilters } from "../filters";
import { CHANNELS, SEGMENTS } from "@/lib/enums";
import { col, enumList, textList } from "../sql-fragments";

/**
 * The filters' SQL (kpi-definitions.md §1): "`segment` (a deal's own account's segment; a lead's
 * account's segment), `owner_email` (deal owner for deal metrics, lead owner for lead metrics),
 * `source_channel` (the source channel of the lead, or of the deal's primary lead). Several
 * values of one filter mean any of them; different filters all apply. E-mails compare
 * case-insensitively. A lead or deal without an account has no segment: a `segment` filter
 * leaves it out." No filter → `true`.
 */

function all(parts: SQL[]): SQL {
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;
}

/**
 * `column in ('a', 'b')` on an enum column, compared as the enum (issue 15 item 1): the
 * planner then uses the column's statistics for each value, where `column::text in (…)` hides
 * them behind a cast and its estimate (a flat guess) could turn a join quadratic. Only labels
 * of the enum are written into the statement (enumList accepts plain labels only); a value
 * that is not one of them matches nothing, as before — so a filter of only such values is
 * `false`, never an SQL error.
 */
function enumIn(column: SQL, values: readonly string[], labels: readonly string[]): SQL {
  const known = values.filter((v) => labels.includes(v));
  return known.length === 0 ? sql`false` : sql`${column} in (${enumList(known)})`;
}

/** `alias.account_id` is an account of one of the segments (a null account_id is left out). */
function accountInSegments(segments: readonly string[], alias: string): SQL {
  return sql`${col(alias, "account_id")} in (select a.account_id from accounts a where ${enumIn(col("a", "segment"), segments, SEGMENTS)})`;
}

/**
 * Where a deal row `d` of a predicate comes from: `deals` (or a set of rows with its columns
 * under the same names, such as content_asset_deals), or `kpi_deal_facts` (db/schema/kpi.ts),
 * which also carries the primary lead's created_at and source channel and the influence dates.
 * A predicate gives the same truth value for a deal either way (lib/kpi/deal-facts.test.ts).
 */
export type DealRows = "deals" | "facts";

/**
 * The deal filters for a deal `d`: segment of the deal's own account, deal owner, primary lead's
 * source channel (on `deals`, a correlated look-up on the lead's primary key, so the deals need no
 * join with the leads table; on the facts, their copy of it). A deal without a primary lead has no
 * source channel: a `source_channel` filter leaves it out, whatever the channels chosen (also
 * `unknown`, which is a lead's recorded source, not the absence of one), as a `segment` filter
 * leaves out a deal without an account (the facts' source_channel is null then).
 */
export function dealFilters(f: KpiFilters, d = "d", rows: DealRows = "deals"): SQL {
  const parts: SQL[] = [];
  if (f.segment.length > 0) parts.push(accountInSegments(f.segment, d));
  if (f.ownerEmail.length > 0) parts.push(sql`lower(${col(d, "owner_email")}) in (${textList(f.ownerEmail)})`);
  if (f.sourceChannel.length > 0) {
    parts.push(
      rows === "facts"
        ? sql`coalesce(${enumIn(col(d, "source_channel"), f.sourceChannel, CHANNELS)}, false)`
        : sql`exists (select 1 from leads sl where sl.lead_id = ${col(d, "primary_lead_id")} and ${enumIn(col("sl", "source_channel"), f.sourceChannel, CHANNELS)})`,
    );
  }
  return all(parts);
}

/**
 * The lead filters for a lead `l` (a row of leads or of kpi_lead_facts): its account's segment,
 * lead owner, its source channel.
 */
export function leadFilters(f: KpiFilters, l = "l"): SQL {
  const parts: SQL[] = [];
  if (f.segment.length > 0) parts.push(accountInSegments(f.segment, l));
  if (f.ownerEmail.length > 0) parts.push(sql`lower(${col(l, "owner_email")}) in (${textList(f.ownerEmail)})`);
  if (f.sourceChannel.length > 0) parts.push(enumIn(col(l, "source_channel"), f.sourceChannel, CHANNELS));
  return all(parts);
}

/**
 * The account filter for an account `a`: "Account-level figures (retention, the churn part of
 * lifetime value) are narrowed by `segment` only."
 */
export function accountFilters(f: KpiFilters, a = "a"): SQL {
  return f.segment.length > 0 ? enumIn(col(a, "segment"), f.segment, SEGMENTS) : sql`true`;
}
