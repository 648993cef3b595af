/**
 * The SLA area's engine (server code): the report of GET /api/v1/sla and the SLA page's data,
 * both on the KPI engine's SLA statement (lib/kpi/groups/sla.ts). docs/sla.md explains the rules.
 */
export { computeSlaReport, inSlaSnapshot, slaHandler, slaSides, toSlaReport, type SlaReport, type SlaSides } from "./report";
