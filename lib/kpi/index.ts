/**
 * The KPI engine's one entry point for the rest of the application (enforced by the
 * no-restricted-imports rule of eslint.config.mjs). Server code: it reaches the database.
 * Client components import the two plain modules instead: `@/lib/kpi/definitions` (KPI keys,
 * units, written definitions) and `@/lib/kpi/params` (the report parameters).
 */

// Computing the KPIs
export {
  computeKpis,
  computeKpisWithMonthly,
  computeKpiGroups,
  deriveKpis,
  kpiReportSpec,
  kpiStatements,
  type KpiResult,
  type KpiGroups,
  type KpiGroupKey,
  type KpiStatement,
  type KpiRunOptions,
  type KpiRunWithMonthly,
} from "./engine";
export { kpisHandler } from "./api";
export { KPI_KEYS, KPI_DEFINITIONS, type KpiKey, type KpiDefinition, type KpiUnit } from "./definitions";
export {
  parseKpiParams,
  formatAsOf,
  kpiParamsToSearchParams,
  isValidDate,
  parseTimestamp,
  cacheKeyParams,
  cacheAsOf,
  type KpiParams,
  type KpiParamsResult,
} from "./params";

// The sales-response SLA
export {
  businessDue,
  businessElapsedMs,
  parseBusinessHours,
  DEFAULT_BUSINESS_HOURS,
  type BusinessWindow,
  type SlaSettings,
} from "@/lib/time";
export {
  salesSlaGroup,
  marketingSlaGroup,
  listSlaLeads,
  slaLeadsSql,
  salesSlaAggregate,
  parseSalesSla,
  slaByMonth,
  type SalesSla,
  type SlaMonth,
  type SlaLead,
  type MarketingSla,
  type MarketingSlaMonth,
} from "./groups/sla";

// Queries of other areas (dashboard charts and drill-down) that must add up to the cards: the
// report's context, the KPI predicates, the engine's monthly deal sums, row decoding.
export { buildContext, type KpiContext, type TimeWindow } from "./windows";
export type { KpiFilters } from "./filters";
export type { OrgSettings } from "@/lib/settings/org-settings";
export * from "./predicates";
export { dealsByMonth, dealsGroupSql, type DealsGroupOptions, type DealsMonth } from "./groups/deals";
export { leadsByMonth, leadsGroupSql, type LeadsGroupOptions, type LeadsMonth } from "./groups/leads";
export { num, text, textOrNull } from "./decode";
// Exact money (closed-loop attribution splits deals to the cent).
export {
  compare as compareFractions,
  div as divFractions,
  fromDecimal,
  fromInt,
  isZero,
  mul as mulFractions,
  sub as subFractions,
  toNumber,
  toRounded,
  type Fraction,
} from "./decimal";
export { ts, dt, type SqlExecutor } from "./sql-fragments";
