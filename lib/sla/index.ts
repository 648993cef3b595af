/**
 * The SLA area's engine (server code): the report of GET /api/v1/sla and the SLA page's data,
 * both on the KPI engine's SLA statement (lib/kpi/groups/sla.ts). docs/sla.md explains the rules.
 */
export { loadSlaPage, slaDetails, LIST_LIMIT, RESPONSE_BUCKETS_HOURS, type SlaPageData, type SlaFeedbackData, type SlaQueueRow, type SlaBreachedRow, type SlaTrendPoint, type SlaTeamRow } from "./page-data";
export { computeSlaReport, inSlaSnapshot, slaHandler, slaSides, toSlaReport, type SlaReport, type SlaSides } from "./report";
export { loadSlaLead, LEAD_LIST_LIMIT, type SlaLeadView, type SlaLeadTouchpoint, type SlaLeadActivity } from "./lead";
