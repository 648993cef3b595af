import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { closedInWindow, customerFacingUsageIn, dealExists, dealFilters, inWindow, ts, wonInWindow, wonStage, type KpiFilters, type TimeWindow } from "@/lib/kpi";

/**
 * The content report read from the content usage facts (migration 0014, db/schema/content.ts)
 * instead of every usage of the period: the same numbers as the definitions over content_usage
 * (kpi-definitions.md §1–2; proven equal in metrics-facts.test.ts), from small tables.
 *
 * - Usage counts of a window: its whole UTC days from content_usage_days, plus the raw usages
 *   of its partial first and last days (the organisation's time zone need not be UTC, and
 *   as_of may cut a day). Two index ranges of at most a day each.
 * - "Has a usage in the window" for a pair (asset, user) or (asset, deal): yes when its first
 *   or last usage lies in the window; no when the last is before it or the first after it;
 *   otherwise (the window lies strictly between them) one index probe decides.
 */

/** The first whole UTC day of the window (its start rounded up to a UTC midnight), as a date. */
function loDay(win: TimeWindow): SQL {
  const s = sql`(${ts(win.start)} at time zone 'UTC')`;
  return sql`(date_trunc('day', ${s}) + case when date_trunc('day', ${s}) = ${s} then interval '0 day' else interval '1 day' end)::date`;
}

/** The day after the last whole UTC day: min(end, as_of) rounded down to a UTC midnight, as a date. */
function hiDay(win: TimeWindow): SQL {
  return sql`date_trunc('day', least(${ts(win.end)}, ${ts(win.asOf)}) at time zone 'UTC')::date`;
}

const utcMidnight = (day: SQL): SQL => sql`(${day}::timestamp at time zone 'UTC')`;

/**
 * Per asset with a usage in the window (≤ as_of): usages by action. One row per asset_id
 * (columns shared, sent, presented, viewed, downloaded; int). Equal to grouping the usages of
 * content_usage with inWindow(occurred_at): every usage in the window lies either in a whole UTC
 * day [lo, hi) of it (counted by content_usage_days) or before lo or at/after max(lo, hi) (read
 * raw) — exactly one of them.
 */
export function usageCountsSql(win: TimeWindow): SQL {
  const lo = loDay(win);
  const hi = hiDay(win);
  const raw = (range: SQL) => sql`
    select u.asset_id, (u.action = 'shared')::int as shared, (u.action = 'sent')::int as sent,
           (u.action = 'presented')::int as presented, (u.action = 'viewed')::int as viewed,
           (u.action = 'downloaded')::int as downloaded
      from content_usage u
     where ${inWindow(sql`u.occurred_at`, win)} and ${range}`;
  return sql`
    select x.asset_id, sum(x.shared)::int as shared, sum(x.sent)::int as sent, sum(x.presented)::int as presented,
           sum(x.viewed)::int as viewed, sum(x.downloaded)::int as downloaded
      from (
        select f.asset_id, f.shared, f.sent, f.presented, f.viewed, f.downloaded
          from content_usage_days f
         where f.day >= ${lo} and f.day < ${hi}
        union all ${raw(sql`u.occurred_at < ${utcMidnight(lo)}`)}
        union all ${raw(sql`u.occurred_at >= greatest(${utcMidnight(lo)}, ${utcMidnight(hi)})`)}
      ) x
     group by x.asset_id`;
}

/** `column` in the window and ≤ as_of (a bound of a pair), as a term. */
const inW = (column: SQL, win: TimeWindow) => inWindow(column, win);

/**
 * The number of distinct user e-mails with any usage of asset `a` in the window (≤ as_of): the
 * pairs of content_asset_users that have a usage in it (see the module comment).
 */
export function usersInWindowSql(win: TimeWindow, a = "a"): SQL {
  return sql`(select count(*)::int from content_asset_users cu
      where cu.asset_id = ${sql.raw(a)}.asset_id and cu.last_at >= ${ts(win.start)}
        and cu.first_at < ${ts(win.end)} and cu.first_at <= ${ts(win.asOf)}
        and (${inW(sql`cu.first_at`, win)} or ${inW(sql`cu.last_at`, win)}
             or exists (select 1 from content_usage pu
                         where pu.asset_id = cu.asset_id and pu.user_email = cu.user_email
                           and ${inWindow(sql`pu.occurred_at`, win)})))`;
}

/**
 * deals_touched of asset `a`: distinct deals (existing at as_of, with the deal filters) with a
 * customer-facing usage of the asset in the window — the pairs of content_asset_deals with such
 * a usage in it (see the module comment). A pair carries its deal's columns, so the deal
 * predicates apply to it directly.
 */
export function dealsTouchedSql(win: TimeWindow, filters: KpiFilters, a = "a"): SQL {
  return sql`(select count(*)::int from content_asset_deals cd
      where cd.asset_id = ${sql.raw(a)}.asset_id and cd.last_cf_at >= ${ts(win.start)}
        and cd.first_cf_at < ${ts(win.end)} and cd.first_cf_at <= ${ts(win.asOf)}
        and (${inW(sql`cd.first_cf_at`, win)} or ${inW(sql`cd.last_cf_at`, win)}
             or exists (select 1 from content_usage pu
                         where pu.deal_id = cd.deal_id and pu.asset_id = cd.asset_id and ${customerFacingUsageIn(win, "pu")}))
        and ${dealExists(win.asOf, "cd")} and ${dealFilters(filters, "cd")})`;
}

/**
 * Per asset: the deals closed in the window (won or lost, existing, with the deal filters) with a
 * customer-facing usage of the asset at or before their close — closed_with, won_with and the
 * won ones' revenue (kpi-definitions §2: "usage with that deal_id and occurred_at ≤ closed_at").
 * From content_asset_deals alone (a pair carries its deal's columns).
 */
export function dealStatsSql(win: TimeWindow, filters: KpiFilters): SQL {
  return sql`
    select cf.asset_id, count(*)::int as closed_with, (count(*) filter (where ${wonStage("cf")}))::int as won_with,
           coalesce(sum(cf.amount) filter (where ${wonStage("cf")}), 0) as revenue
      from content_asset_deals cf
     where ${closedInWindow(win, filters, "cf")} and cf.first_cf_at <= cf.closed_at
     group by cf.asset_id`;
}

/**
 * content_influenced_revenue (kpi-definitions §2) from content_asset_deals alone: Σ amount of the
 * deals won in the window (existing, with the deal filters) with a customer-facing usage at or
 * before the close of an asset existing at as_of — each deal once, however many assets it had.
 * The same deals as wonInWindow ∧ contentInfluenced over deals (a pair carries its deal's
 * columns; a pair exists exactly when the deal has a customer-facing usage of the asset, and its
 * first one is ≤ closed_at exactly when one of them is). Rounded to cents, as text.
 */
export function influencedRevenueSql(win: TimeWindow, filters: KpiFilters): SQL {
  return sql`
    select round(coalesce(sum(x.amount), 0), 2)::text as revenue
      from (select distinct on (cf.deal_id) cf.deal_id, cf.amount
              from content_asset_deals cf join content_assets ca on ca.asset_id = cf.asset_id
             where ${wonInWindow(win, filters, "cf")} and cf.first_cf_at <= cf.closed_at and ca.published_at <= ${ts(win.asOf)}) x`;
}
