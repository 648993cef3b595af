export {
  computeKpis,
  computeKpisWithMonthly,
  computeKpiGroups,
  deriveKpis,
  kpiStatements,
  type KpiResult,
  type KpiGroups,
  type KpiGroupKey,
  type KpiStatement,
  type KpiRunOptions,
} from "./engine";
export { KPI_KEYS, KPI_DEFINITIONS, type KpiKey, type KpiDefinition, type KpiUnit } from "./definitions";
export {
  parseKpiParams,
  formatAsOf,
  kpiParamsToSearchParams,
  isValidDate,
  parseTimestamp,
  type KpiParams,
  type KpiParamsResult,
} from "./params";
export {
  businessDue,
  businessElapsedMs,
  parseBusinessHours,
  DEFAULT_BUSINESS_HOURS,
  type BusinessWindow,
  type SlaSettings,
} from "./business-hours";
export { buildContext, readOrgSettings, type KpiContext, type OrgSettings, type TimeWindow, type KpiFilters } from "./context";
export {
  salesSlaGroup,
  marketingSlaGroup,
  listSlaLeads,
  type SalesSla,
  type SlaLead,
  type SlaStatus,
  type MarketingSla,
  type MarketingSlaMonth,
} from "./groups/sla";
export { type DealsMonth } from "./groups/deals";
