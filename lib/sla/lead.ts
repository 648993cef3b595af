import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { slaLeadsSql, num, text, textOrNull, type SlaStatus } from "@/lib/kpi";
import { businessSpansBetween, dateInZone, slaPolicyAt, type BusinessSpan } from "@/lib/time";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { currentDecision, type LeadDecision } from "./decisions";
import { inSlaSnapshot } from "./report";

/**
 * One lead as the SLA sees it (the lead's page, issue 10): who owns it and where it came from,
 * its touchpoints and sales activities, its SLA status, due time and first response as of
 * `asOf` — the KPI engine's one SLA statement (slaLeadsSql) over the day of its mql_at, the
 * same row the queue, the breached list and GET /api/v1/sla count — the decision made in the
 * app, and whether the imported values disagree with it (the decision wins; docs/sla.md).
 */

export interface SlaLeadTouchpoint {
  touchpointId: string;
  occurredAt: string;
  channel: string;
  campaignId: string | null;
  type: string | null;
}

export interface SlaLeadActivity {
  activityId: string;
  occurredAt: string;
  type: string;
  repEmail: string | null;
}

export interface SlaLeadView {
  leadId: string;
  name: string | null;
  email: string;
  ownerEmail: string | null;
  ownerName: string | null;
  sourceChannel: string;
  campaignId: string | null;
  campaignName: string | null;
  createdAt: string;
  mqlAt: string | null;
  /** The imported values (never written by the app). */
  imported: { sqlAt: string | null; rejectedAt: string | null; rejectionReason: string | null };
  decision: LeadDecision | null;
  /** The decision and the import disagree (an accepted lead the import rejected, or the other way round). */
  conflict: boolean;
  /** null when the lead is not an MQL at as_of. */
  sla: {
    status: SlaStatus;
    atRisk: boolean;
    dueAt: string | null;
    firstResponseAt: string | null;
    /** Business milliseconds used from mql_at to the first response (or to as_of without one). */
    usedMs: number;
    /** N of the policy the MQL is judged by, in business milliseconds. */
    windowMs: number;
    /** Pending: the business time from as_of to the due time (the live countdown; see SlaQueueRow.spans). */
    spans: BusinessSpan[];
  } | null;
  touchpoints: SlaLeadTouchpoint[];
  activities: SlaLeadActivity[];
  asOf: string;
}

/** How many touchpoints and activities the page lists (latest last; the counts say how many there are). */
export const LEAD_LIST_LIMIT = 200;

const isoOf = (v: unknown): string => new Date(v instanceof Date ? v : text(v)).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoOf(v));

/** The lead's SLA view as of `asOf`, or null when there is no such lead. */
export async function loadSlaLead(db: Db, leadId: string, asOf: Date): Promise<(SlaLeadView & { touchpointTotal: number; activityTotal: number }) | null> {
  const settings = await getOrgSettings(db);
  const head = (await db.execute<Record<string, unknown>>(sql`select mql_at from leads where lead_id = ${leadId}`))[0];
  if (!head) return null;
  const mqlDay = head.mql_at === null ? dateInZone(asOf, settings.timeZone) : dateInZone(new Date(isoOf(head.mql_at)), settings.timeZone);
  return inSlaSnapshot(db, { from: mqlDay, to: mqlDay, asOf }, async (tx, context) => {
    const r = (await tx.execute<Record<string, unknown>>(sql`
      select l.lead_id, l.email, nullif(trim(concat_ws(' ', l.first_name, l.last_name)), '') as name,
             lower(l.owner_email) as owner_email, tm.name as owner_name, l.source_channel::text as source_channel,
             l.campaign_id, c.name as campaign_name, l.created_at, l.mql_at, l.sql_at, l.rejected_at, l.rejection_reason
        from leads l
        left join team_members tm on tm.email = l.owner_email
        left join campaigns c on c.campaign_id = l.campaign_id
       where l.lead_id = ${leadId}`))[0];
    if (!r) return null;
    const s = (await tx.execute<Record<string, unknown>>(sql`
      select s.status::text as status, s.at_risk, s.due_at, s.first_response, s.used_us
        from (${slaLeadsSql(context.p, context.filters, context.settings.sla)}) s
       where s.lead_id = ${leadId}`))[0];
    const touchpoints = await tx.execute<Record<string, unknown>>(sql`
      select touchpoint_id, occurred_at, channel::text as channel, campaign_id, type, count(*) over () as total
        from touchpoints where lead_id = ${leadId}
       order by occurred_at, touchpoint_id limit ${LEAD_LIST_LIMIT}`);
    const activities = await tx.execute<Record<string, unknown>>(sql`
      select activity_id, occurred_at, type::text as type, lower(rep_email) as rep_email, count(*) over () as total
        from sales_activities where lead_id = ${leadId}
       order by occurred_at, activity_id limit ${LEAD_LIST_LIMIT}`);
    const decision = await currentDecision(tx, leadId);
    const imported = { sqlAt: isoOrNull(r.sql_at), rejectedAt: isoOrNull(r.rejected_at), rejectionReason: textOrNull(r.rejection_reason) };
    const conflict =
      decision !== null &&
      ((decision.verdict === "accepted" && imported.rejectedAt !== null) || (decision.verdict === "rejected" && imported.sqlAt !== null));
    const mqlAt = isoOrNull(r.mql_at);
    const policy = mqlAt === null ? context.settings.sla : slaPolicyAt(context.settings.sla, new Date(mqlAt));
    return {
      leadId: text(r.lead_id),
      name: textOrNull(r.name),
      email: text(r.email),
      ownerEmail: textOrNull(r.owner_email),
      ownerName: textOrNull(r.owner_name),
      sourceChannel: text(r.source_channel),
      campaignId: textOrNull(r.campaign_id),
      campaignName: textOrNull(r.campaign_name),
      createdAt: isoOf(r.created_at),
      mqlAt,
      imported,
      decision,
      conflict,
      sla: s
        ? {
            status: s.status === "met" || s.status === "breached" ? s.status : "pending",
            atRisk: s.at_risk === true,
            dueAt: isoOrNull(s.due_at),
            firstResponseAt: isoOrNull(s.first_response),
            usedMs: Math.round(num(s.used_us) / 1000),
            windowMs: Math.round(policy.slaResponseHours * 3_600_000),
            spans: s.status === "pending" && s.due_at !== null ? businessSpansBetween(asOf, new Date(isoOf(s.due_at)), policy) : [],
          }
        : null,
      touchpoints: touchpoints.map((t) => ({
        touchpointId: text(t.touchpoint_id),
        occurredAt: isoOf(t.occurred_at),
        channel: text(t.channel),
        campaignId: textOrNull(t.campaign_id),
        type: textOrNull(t.type),
      })),
      touchpointTotal: num(touchpoints[0]?.total ?? 0),
      activities: activities.map((a) => ({
        activityId: text(a.activity_id),
        occurredAt: isoOf(a.occurred_at),
        type: text(a.type),
        repEmail: textOrNull(a.rep_email),
      })),
      activityTotal: num(activities[0]?.total ?? 0),
      asOf: asOf.toISOString(),
    };
  });
}
