/**
 * The closed-loop engine (kpi-definitions.md §3): paths, milestones, the seven attribution
 * models, customers by source, conversion assists, a deal's journey. Server code.
 */
export * from "./models";
export { allocateCents, centsToNumber, fractionOfDouble } from "./allocate";
export { computeAttribution, type AttributionResult, type AttributionRow } from "./report";
export { computeClosedLoop, type ClosedLoopResult, type SourceRow, type AssistRow } from "./closed-loop";
export { attributionHandler, closedLoopHandler, parseAttributionParams, withReport } from "./api";
export { attributionSql, barePathSql } from "./sql";
