/**
 * The KPI predicates: each definition of kpi-definitions.md §1–2, §4 written once as a Drizzle
 * SQL builder, composed by the engine's groups (lib/kpi/groups) and by the dashboard's charts
 * and drill-down (lib/dashboard), so a chart or a table always adds up to its card.
 */
export { happenedBy, happenedIn, inWindow, seenAt } from "./window";
export { accountFilters, dealFilters, leadFilters, type DealRows } from "./filters";
export {
  closedIn,
  closedInWindow,
  closedStage,
  contentInfluenced,
  dealExists,
  dealExistsByLookup,
  lostInWindow,
  lostStage,
  marketingInfluenced,
  marketingSourced,
  openAtAsOf,
  openDealOverdue,
  openStage,
  type DealExistence,
  wonAt,
  wonByAsOf,
  wonInWindow,
  wonStage,
} from "./deals";
export { leadExists, leadInWindow, primaryLeadOfWonDeal, type LeadEvent } from "./leads";
export { churnedBetween, customerAtEndOf, customerAtStartOf, type AccountDates } from "./accounts";
export { assetActiveIn, customerFacing, customerFacingUsageIn } from "./content";
export {
  SLA_STATUSES,
  slaAtRisk,
  slaFirstResponse,
  slaPending,
  slaStatus,
  slaStatusIs,
  type SlaStatus,
  type SlaTimes,
} from "./sla";
