import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Channel } from "@/lib/enums";
import {
  dealExists,
  divFractions,
  fromDecimal,
  fromInt,
  num,
  text,
  toNumber,
  toRounded,
  wonAt,
  wonInWindow,
  type KpiContext,
  type SqlExecutor,
} from "@/lib/kpi";
import { pathCtes, wonDealsInPeriod } from "./sql";
import { assistsSummarySql } from "./summary";

/** The channel of "source not recorded" (data-contract.md §1), also a deal's without a primary lead. */
const UNKNOWN_CHANNEL: Channel = "unknown";

/** GET /api/v1/closed-loop (data-contract.md §2). */
export interface ClosedLoopResult {
  by_source: SourceRow[];
  assists: AssistRow[];
}

export interface SourceRow {
  channel: string;
  won_deals: number;
  revenue: number;
  new_customers: number;
}

export interface AssistRow {
  channel: string;
  assisted_conversions: number;
  last_touch_conversions: number;
  /** assisted / last_touch; null when last_touch is 0. */
  ratio: number | null;
}

/**
 * Customers by source (kpi-definitions.md §3): the deals won in P grouped by the primary lead's
 * source_channel (a deal without a primary lead has no known source, data-contract.md §1: it is
 * grouped under `unknown`, "source not recorded", with the deals whose lead's source is
 * `unknown` — one row for every won deal whose source nobody recorded, so the rows add up to
 * won_deals and revenue), with won_deals, revenue and new_customers = the accounts whose first won deal
 * ever is one of the group's deals. "Ever" is seen at as_of (a deal won after as_of is not won
 * yet, one created after it does not exist) and over all of the account's deals, unfiltered;
 * ties on closed_at are broken by deal_id compared as text (byte order), the same order as the
 * paths' touchpoint ids. A deal without an account makes no customer.
 */
export function bySourceSql(ctx: KpiContext): SQL {
  const { p, filters } = ctx;
  return sql`select coalesce(pl.source_channel::text, ${UNKNOWN_CHANNEL}) as channel, count(*) as won_deals, sum(d.amount)::text as revenue,
           count(*) filter (where d.account_id is not null and not exists (
             select 1 from deals e
              where e.account_id = d.account_id and e.deal_id <> d.deal_id
                and ${wonAt(p.asOf, "e")} and ${dealExists(p.asOf, "e")}
                and (e.closed_at < d.closed_at
                     or (e.closed_at = d.closed_at and e.deal_id collate "C" < d.deal_id collate "C")))) as new_customers
      from deals d left join leads pl on pl.lead_id = d.primary_lead_id
     where ${wonInWindow(p, filters, "d")}
     group by 1`;
}

/**
 * Conversion assists (kpi-definitions.md §3): per channel, the deals won in P whose path has the
 * channel at a position other than the last (assisted), and those whose last touch is on it; a
 * deal counts once per channel and column.
 */
export function assistsSql(ctx: KpiContext): SQL {
  const { p, filters } = ctx;
  return sql`with ${pathCtes(wonDealsInPeriod(p, filters), p.asOf)}
    select p.channel::text as channel,
           count(distinct p.deal_id) filter (where p.pos < p.n) as assisted,
           count(*) filter (where p.pos = p.n) as last_touch
      from path_m p
     group by 1`;
}

const byThenKey = <T>(value: (r: T) => number, key: (r: T) => string) => (a: T, b: T) =>
  value(b) - value(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Customers by source and conversion assists. `source`: "summary" (default) reads the assists from
 * the attribution summary where it holds (./summary.ts assistsSummarySql), "scratch" builds every
 * path (assistsSql, the reference); both give the same rows.
 */
export async function computeClosedLoop(
  db: SqlExecutor,
  ctx: KpiContext,
  source: "summary" | "scratch" = "summary",
): Promise<ClosedLoopResult> {
  const sources = await db.execute<Record<string, unknown>>(bySourceSql(ctx));
  const assists = await db.execute<Record<string, unknown>>(
    source === "summary" ? assistsSummarySql(ctx.p, ctx.filters) : assistsSql(ctx),
  );
  return {
    by_source: sources
      .map((r) => ({
        channel: text(r.channel),
        won_deals: num(r.won_deals),
        revenue: toRounded(fromDecimal(text(r.revenue))),
        new_customers: num(r.new_customers),
      }))
      .sort(byThenKey((r) => r.won_deals, (r) => r.channel)),
    assists: assists
      .map((r) => {
        const assisted = num(r.assisted);
        const last = num(r.last_touch);
        return {
          channel: text(r.channel),
          assisted_conversions: assisted,
          last_touch_conversions: last,
          ratio: last === 0 ? null : toNumber(divFractions(fromInt(assisted), fromInt(last))),
        };
      })
      .filter((r) => r.assisted_conversions > 0 || r.last_touch_conversions > 0)
      .sort(byThenKey((r) => r.assisted_conversions, (r) => r.channel)),
  };
}
