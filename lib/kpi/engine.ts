import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { buildContext, readOrgSettings, type KpiContext } from "./context";
import {
  div,
  fromDecimal,
  fromInt,
  isZero,
  min,
  mul,
  sub,
  toNumber,
  toRounded,
  type Fraction,
} from "./decimal";
import { KPI_KEYS, type KpiKey } from "./definitions";
import { accountsGroup, type AccountsGroup } from "./groups/accounts";
import { contentGroup, type ContentGroup } from "./groups/content";
import { dealsGroup, type DealsGroup } from "./groups/deals";
import { leadsGroup, type LeadsGroup } from "./groups/leads";
import { salesSlaGroup, type SalesSla } from "./groups/sla";
import { formatAsOf, type KpiParams } from "./params";

export interface KpiResult {
  period: { from: string; to: string; as_of: string };
  kpis: Record<KpiKey, number | null>;
}

/** The raw group results behind one KpiResult (for pages that show more than the numbers). */
export interface KpiGroups {
  context: KpiContext;
  deals: DealsGroup;
  dealsPrevYear: DealsGroup;
  leads: LeadsGroup;
  accounts: AccountsGroup;
  content: ContentGroup;
  sla: SalesSla;
}

/** Runs every KPI group (sequentially: the embedded database serialises anyway). */
export async function computeKpiGroups(db: Db, params: KpiParams): Promise<KpiGroups> {
  // One read-only, repeatable-read transaction: every group sees the same snapshot (an import
  // running meanwhile cannot make the numbers disagree with each other). JIT is off for it: the
  // statements are cheap per row but have high planner costs (per-row EXISTS), and LLVM
  // compilation would cost more than the queries themselves.
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const settings = await readOrgSettings(tx);
      const context = await buildContext(tx, params, settings);
      const { p, py, w, filters } = context;
      const deals = await dealsGroup(tx, p, filters);
      const dealsPrevYear = await dealsGroup(tx, py, filters, { revenueOnly: true });
      const leads = await leadsGroup(tx, p, filters);
      const accounts = await accountsGroup(tx, p, w, filters);
      const content = await contentGroup(tx, p);
      const sla = await salesSlaGroup(tx, p, filters, settings.sla);
      return { context, deals, dealsPrevYear, leads, accounts, content, sla };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

const SECONDS_PER_DAY = fromInt(86_400);
const LIFETIME_CAP_YEARS = fromInt(5);

/** a / b as a JSON number; null when b is 0. */
function ratio(a: number, b: number): number | null {
  return b === 0 ? null : toNumber(div(fromInt(a), fromInt(b)));
}

function fracRatio(a: Fraction, b: Fraction): number | null {
  return isZero(b) ? null : toNumber(div(a, b));
}

/**
 * Derives every KPI of kpi-definitions.md §2 from the group results, in one place. Money is
 * derived on exact fractions and rounded half away from zero to cents only here; ratios over a
 * zero denominator are null.
 *
 * - `average_deal_size` = revenue / won_deals (null when no deal was won).
 * - `pipeline_velocity_per_day` = open_deals × win_rate × average_deal_size /
 *   sales_cycle_days_mean, computed from the unrounded factors
 *   (= open × revenue × won × 86,400 / ((won + lost) × Σ cycle seconds)); null when a factor is
 *   null or the mean cycle is 0. With open_deals = 0 it is 0 (no factor is null).
 * - `customer_lifetime_value` = arpa_12m × min(1 / churn_12m, 5); churn 0 or undefined (no
 *   customers at the start of W) → 5; null when no deal with an account was won in W.
 * - `content_unused_share` = 1 − content_usage_rate (null when there is no active asset).
 */
export function deriveKpis(g: KpiGroups): Record<KpiKey, number | null> {
  const { deals, dealsPrevYear: prev, leads, accounts, content, sla } = g;
  const revenue = fromDecimal(deals.revenue);
  const revenuePrev = fromDecimal(prev.revenue);
  const won = deals.wonDeals;
  const lost = deals.lostDeals;
  const cycleSum = fromDecimal(deals.cycleSecondsSum);

  const averageDealSize = won === 0 ? null : div(revenue, fromInt(won));
  const meanCycleDays = won === 0 ? null : div(cycleSum, mul(fromInt(won), SECONDS_PER_DAY));
  const medianCycleDays =
    deals.cycleSecondsMedian === null ? null : div(fromDecimal(deals.cycleSecondsMedian), SECONDS_PER_DAY);

  let velocity: number | null = null;
  if (won + lost > 0 && averageDealSize !== null && meanCycleDays !== null && !isZero(meanCycleDays)) {
    const winRate = div(fromInt(won), fromInt(won + lost));
    velocity = toRounded(div(mul(fromInt(deals.openDeals), winRate, averageDealSize), meanCycleDays));
  }

  let ltv: number | null = null;
  if (accounts.windowAccounts > 0) {
    const arpa = div(fromDecimal(accounts.windowRevenue), fromInt(accounts.windowAccounts));
    const lifetime =
      accounts.churnedInWindow === 0 || accounts.customersAtWindowStart === 0
        ? LIFETIME_CAP_YEARS
        : min(div(fromInt(accounts.customersAtWindowStart), fromInt(accounts.churnedInWindow)), LIFETIME_CAP_YEARS);
    ltv = toRounded(mul(arpa, lifetime));
  }

  const usageRate = ratio(content.usedAssets, content.activeAssets);
  const unusedShare =
    content.activeAssets === 0
      ? null
      : toNumber(div(fromInt(content.activeAssets - content.usedAssets), fromInt(content.activeAssets)));

  const kpis: Record<KpiKey, number | null> = {
    revenue: toRounded(revenue),
    revenue_prev_year: toRounded(revenuePrev),
    revenue_growth_yoy: isZero(revenuePrev) ? null : toNumber(div(sub(revenue, revenuePrev), revenuePrev)),
    won_deals: won,
    lost_deals: lost,
    win_rate: ratio(won, won + lost),
    average_deal_size: averageDealSize === null ? null : toRounded(averageDealSize),
    sales_cycle_days_median: medianCycleDays === null ? null : toNumber(medianCycleDays),
    sales_cycle_days_mean: meanCycleDays === null ? null : toNumber(meanCycleDays),
    mqls: leads.mqls,
    sqls: leads.sqls,
    mql_to_sql_rate: ratio(leads.mqlsWithSql, leads.mqls),
    lead_rejection_rate: ratio(leads.mqlsRejected, leads.mqls),
    closing_efficiency: ratio(leads.sqlsClosed, leads.sqls),
    marketing_sourced_revenue: toRounded(fromDecimal(deals.marketingSourcedRevenue)),
    marketing_sourced_share: fracRatio(fromDecimal(deals.marketingSourcedRevenue), revenue),
    marketing_influenced_revenue: toRounded(fromDecimal(deals.marketingInfluencedRevenue)),
    open_pipeline: toRounded(fromDecimal(deals.openPipeline)),
    open_deals: deals.openDeals,
    pipeline_velocity_per_day: velocity,
    customer_retention_rate: ratio(accounts.retained, accounts.customersAtStart),
    customer_lifetime_value: ltv,
    content_usage_rate: usageRate,
    content_unused_share: unusedShare,
    content_influenced_revenue: toRounded(fromDecimal(deals.contentInfluencedRevenue)),
    sla_compliance: sla.compliance,
  };
  // Keep the key order of KPI_KEYS in the JSON.
  return Object.fromEntries(KPI_KEYS.map((k) => [k, kpis[k]])) as Record<KpiKey, number | null>;
}

/**
 * Computes every KPI of kpi-definitions.md §2 for the parameters (data-contract.md §2 shape).
 * The heavy work is SQL aggregation, one statement per group; see the groups' doc comments
 * for the definitions each implements.
 */
export async function computeKpis(db: Db, params: KpiParams): Promise<KpiResult> {
  const groups = await computeKpiGroups(db, params);
  return {
    period: { from: params.from, to: params.to, as_of: formatAsOf(params.asOf) },
    kpis: deriveKpis(groups),
  };
}

