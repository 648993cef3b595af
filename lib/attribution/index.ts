/**
 * The closed-loop engine (kpi-definitions.md §3): paths, milestones, the seven attribution
 * models, customers by source, conversion assists, a deal's journey. Server code.
 */
export * from "./models";
export { canViewJourney } from "./access";
export { allocateCents, centsToNumber, fractionOfDouble } from "./allocate";
export { computeAttribution, dealsOfKey, type AttributionResult, type AttributionRow, type KeyDeal } from "./report";
export { dealJourney, type DealJourney, type JourneyTouch } from "./journey";
export { computeClosedLoop, type ClosedLoopResult, type SourceRow, type AssistRow } from "./closed-loop";
export {
  attributionHandler,
  cachedAttribution,
  cachedClosedLoop,
  cachedDealsOfKey,
  closedLoopHandler,
  parseAttributionParams,
  withReport,
  REPORT_TX_SETTINGS,
  type AsOfResult,
} from "./api";
export { attributionSql, barePathSql } from "./sql";
export { listCampaigns, type CampaignInfo } from "./campaigns";
