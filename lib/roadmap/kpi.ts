/**
 * The KPIs a roadmap card may be linked to: every key of kpi-definitions.md §2 (the keys of
 * /api/v1/kpis), so a card names the same number the dashboard shows. Kept here (pure, safe for
 * client components); kpi.test.ts checks it equals the KPI engine's list.
 */
export const KPI_KEYS = [
  "revenue",
  "revenue_prev_year",
  "revenue_growth_yoy",
  "won_deals",
  "lost_deals",
  "win_rate",
  "average_deal_size",
  "sales_cycle_days_median",
  "sales_cycle_days_mean",
  "mqls",
  "sqls",
  "mql_to_sql_rate",
  "lead_rejection_rate",
  "closing_efficiency",
  "marketing_sourced_revenue",
  "marketing_sourced_share",
  "marketing_influenced_revenue",
  "open_pipeline",
  "open_deals",
  "pipeline_velocity_per_day",
  "customer_retention_rate",
  "customer_lifetime_value",
  "content_usage_rate",
  "content_unused_share",
  "content_influenced_revenue",
  "sla_compliance",
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** How a KPI's value reads: a share (0.3 = 30%), money, days, or a plain count. */
export type KpiUnit = "ratio" | "money" | "days" | "count";

const RATIO: readonly KpiKey[] = [
  "revenue_growth_yoy",
  "win_rate",
  "mql_to_sql_rate",
  "lead_rejection_rate",
  "closing_efficiency",
  "marketing_sourced_share",
  "customer_retention_rate",
  "content_usage_rate",
  "content_unused_share",
  "sla_compliance",
];
const MONEY: readonly KpiKey[] = [
  "revenue",
  "revenue_prev_year",
  "average_deal_size",
  "marketing_sourced_revenue",
  "marketing_influenced_revenue",
  "open_pipeline",
  "pipeline_velocity_per_day",
  "customer_lifetime_value",
  "content_influenced_revenue",
];
const DAYS: readonly KpiKey[] = ["sales_cycle_days_median", "sales_cycle_days_mean"];

export function isKpiKey(value: unknown): value is KpiKey {
  return typeof value === "string" && (KPI_KEYS as readonly string[]).includes(value);
}

export function kpiUnit(key: KpiKey): KpiUnit {
  if (RATIO.includes(key)) return "ratio";
  if (MONEY.includes(key)) return "money";
  if (DAYS.includes(key)) return "days";
  return "count";
}
