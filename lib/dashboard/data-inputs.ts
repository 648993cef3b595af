import type { KpiKey } from "@/lib/kpi/definitions";

/**
 * Which imported sources each KPI is computed from (pure; no database). A KPI whose inputs
 * were never imported would show a misleading number — revenue 0 without deals, SLA
 * compliance judged on SQL dates alone without sales activities, usage 0 % without usage
 * records — so the dashboard shows "no data" with the missing sources instead (issue 14 item
 * 7). The API keeps its values as kpi-definitions.md defines them; only the UI explains.
 */

/** The contract's import files (data-contract.md §1), by table, in import order. */
export const SOURCE_TABLES = [
  "team_members",
  "campaigns",
  "accounts",
  "leads",
  "touchpoints",
  "deals",
  "deal_contacts",
  "sales_activities",
  "content_assets",
  "content_usage",
] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

const DEALS: SourceTable[] = ["deals"];

/**
 * The sources a KPI cannot be read without (kpi-definitions.md §2): the tables its population
 * and its flags come from. Tables that only narrow it (accounts for a segment filter) or that
 * may legitimately be empty (deal_contacts, campaigns, team_members) are not listed.
 */
export const KPI_INPUTS: Record<KpiKey, readonly SourceTable[]> = {
  revenue: DEALS,
  revenue_prev_year: DEALS,
  revenue_growth_yoy: DEALS,
  won_deals: DEALS,
  lost_deals: DEALS,
  win_rate: DEALS,
  average_deal_size: DEALS,
  sales_cycle_days_median: DEALS,
  sales_cycle_days_mean: DEALS,
  mqls: ["leads"],
  sqls: ["leads"],
  mql_to_sql_rate: ["leads"],
  lead_rejection_rate: ["leads"],
  // "the primary lead of at least one deal won by as_of"
  closing_efficiency: ["leads", "deals"],
  // "whose primary lead's source_channel is a marketing channel"
  marketing_sourced_revenue: ["deals", "leads"],
  marketing_sourced_share: ["deals", "leads"],
  // "at least one touchpoint on a marketing channel"
  marketing_influenced_revenue: ["deals", "touchpoints"],
  open_pipeline: DEALS,
  open_deals: DEALS,
  pipeline_velocity_per_day: DEALS,
  customer_retention_rate: ["accounts"],
  customer_lifetime_value: ["deals", "accounts"],
  content_usage_rate: ["content_assets", "content_usage"],
  content_unused_share: ["content_assets", "content_usage"],
  content_influenced_revenue: ["deals", "content_usage"],
  // the first response is "a sales activity on the lead …, its sql_at, its rejected_at"
  sla_compliance: ["leads", "sales_activities"],
};

/** The KPI's inputs that hold no record at all (never imported), in KPI_INPUTS order; [] when it can be read. */
export function missingInputs(key: KpiKey, hasData: (table: SourceTable) => boolean): SourceTable[] {
  return KPI_INPUTS[key].filter((table) => !hasData(table));
}
