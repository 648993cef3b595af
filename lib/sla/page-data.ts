import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cachedReport } from "@/lib/cache";
import {
  marketingSlaGroup,
  parseSalesSla,
  kpiReportSpec,
  salesSlaAggregate,
  slaLeadsSql,
  num,
  text,
  textOrNull,
  type KpiContext,
  type KpiParams,
  type SalesSla,
  type SqlExecutor,
} from "@/lib/kpi";
import { businessSpansBetween, slaPolicyAt, type BusinessSpan } from "@/lib/time";
import { decisionConflicts, rejectionsByBoth, type RejectionGroup } from "./decisions";
import { inSlaSnapshot, type SlaSides } from "./report";

/**
 * Everything the SLA page shows besides the marketing side, in ONE statement over the KPI
 * engine's per-MQL SLA statement (slaLeadsSql: the same due times, first responses and statuses
 * as GET /api/v1/sla), materialised once and summarised several ways in SQL:
 *
 * - the pending queue: the MQLs without a response whose due time is still ahead, sorted by
 *   business time left (at-risk first — they are the ones with the least left), the first
 *   QUEUE_LIMIT of them plus the full count;
 * - the breached list: breached MQLs, most recent due time first, with how late the response
 *   was in business time (first response − due; without a response yet: as_of − due);
 * - the distribution of time to first response in business hours over the MQLs that have a
 *   response (met or breached), with its median (percentile_cont(0.5): the mean of the two
 *   middle values for an even count, as kpi-definitions.md §1 says) and 90th percentile
 *   (percentile_cont(0.9), linear between neighbours);
 * - compliance per team (team_members.team of the lead owner; none for owners not on a team);
 * - the sales side (the sales SLA group's own aggregation, salesSlaAggregate, over the same rows:
 *   equal to GET /api/v1/sla's);
 * - the sales trend: met / breached / pending per week of mql_at (periods up to 92 days) or
 *   per month, on the organisation's calendar.
 */

/** How many rows the queue and the breached list show (the counts say how many there are). */
export const LIST_LIMIT = 50;

/** Upper bounds (hours, exclusive) of the response-time buckets; the last bucket is open. */
export const RESPONSE_BUCKETS_HOURS = [0.5, 1, 2, 4, 8, 16] as const;

export interface SlaQueueRow {
  leadId: string;
  name: string | null;
  ownerEmail: string | null;
  sourceChannel: string;
  mqlAt: string;
  dueAt: string | null;
  atRisk: boolean;
  /** Business milliseconds left until the due time (N − used), at as_of. */
  leftMs: number;
  /**
   * The business time between as_of and the due time as spans of instants (lib/time
   * businessSpansBetween, on the policy the MQL is judged by): the live countdown counts the
   * part of them after "now" (lib/time/business-spans), so it needs no calendar in the browser.
   */
  spans: BusinessSpan[];
  /** N of the MQL's policy in business milliseconds (at risk: ≤ 25 % of it left). */
  windowMs: number;
}

export interface SlaBreachedRow {
  leadId: string;
  name: string | null;
  ownerEmail: string | null;
  sourceChannel: string;
  mqlAt: string;
  dueAt: string | null;
  firstResponseAt: string | null;
  /** Business milliseconds after the due time (to the response, or to as_of without one). */
  lateMs: number;
}

export interface SlaTrendPoint {
  /** First day of the week or month (YYYY-MM-DD). */
  start: string;
  met: number;
  breached: number;
  pending: number;
  compliance: number | null;
}

export interface SlaTeamRow {
  team: "sales" | "marketing" | null;
  mqls: number;
  met: number;
  breached: number;
  pending: number;
  compliance: number | null;
}

export interface SlaPageData extends Omit<SlaSides, "context"> {
  /** The as_of the data was computed at (ISO): the request's, or a cached one at most the cache's TTL older. */
  asOf: string;
  queue: SlaQueueRow[];
  queueTotal: number;
  breached: SlaBreachedRow[];
  breachedTotal: number;
  /** Count per bucket of RESPONSE_BUCKETS_HOURS (one more than the bounds: the open last bucket). */
  distribution: number[];
  responded: number;
  medianHours: number | null;
  p90Hours: number | null;
  trendGrain: "week" | "month";
  trend: SlaTrendPoint[];
  teams: SlaTeamRow[];
  /** The response window N in business milliseconds. */
  windowMs: number;
}

/** The page's marketing view of the decisions (lib/sla/decisions.ts). */
export interface SlaFeedbackData {
  rejectionsByChannel: RejectionGroup[];
  rejectionsByCampaign: RejectionGroup[];
  conflicts: Awaited<ReturnType<typeof decisionConflicts>>;
}

const ratio = (met: number, breached: number): number | null => (met + breached === 0 ? null : met / (met + breached));

type JsonRow = Record<string, unknown>;
function rowsOf(v: unknown): JsonRow[] {
  const parsed: unknown = typeof v === "string" ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? (parsed as JsonRow[]) : [];
}
const teamOf = (v: unknown): SlaTeamRow["team"] => (v === "sales" || v === "marketing" ? v : null);

/** The page's lists, distribution, teams and trend (see the module comment) in one statement. */
export async function slaDetails(db: SqlExecutor, context: KpiContext, asOf: Date): Promise<Omit<SlaPageData, "marketing" | "asOf">> {
  const { p, filters, settings } = context;
  const nMicros = Math.round(settings.sla.slaResponseHours * 3_600_000_000);
  const n = sql`${String(nMicros)}::bigint`;
  const tz = settings.timeZone;
  const trendGrain: "week" | "month" = periodDaysOf(p.fromDate, p.toDate) <= 92 ? "week" : "month";
  const buckets = sql.raw(`array[${RESPONSE_BUCKETS_HOURS.map((h) => String(h * 3_600_000_000)).join(", ")}]::bigint[]`);
  const rows = await db.execute<Record<string, unknown>>(sql`
    with s as materialized (${slaLeadsSql(p, filters, settings.sla)}),
    -- the first LIST_LIMIT rows first, then their names and channels (not a join of every row)
    q as (
      select q0.*, l.source_channel::text as source_channel, nullif(trim(concat_ws(' ', l.first_name, l.last_name)), '') as name
        from (select s.lead_id, s.owner_email, s.mql_at, s.due_at, s.at_risk, (${n} - s.used_us) as left_us
                from s where s.status = 'pending'
               order by s.at_risk desc, left_us, s.lead_id
               limit ${LIST_LIMIT}) q0
        join leads l on l.lead_id = q0.lead_id
    ),
    b as (
      select b0.*, l.source_channel::text as source_channel, nullif(trim(concat_ws(' ', l.first_name, l.last_name)), '') as name
        from (select s.lead_id, s.owner_email, s.mql_at, s.due_at, s.first_response, (s.used_us - ${n}) as late_us
                from s where s.status = 'breached'
               order by s.due_at desc nulls last, s.lead_id
               limit ${LIST_LIMIT}) b0
        join leads l on l.lead_id = b0.lead_id
    ),
    sales as (${salesSlaAggregate(sql`s`)}),
    r as (select used_us from s where first_response is not null),
    tr as (
      select date_trunc(${trendGrain}, s.mql_at at time zone ${tz})::date as start,
             count(*) filter (where s.status = 'met')::int as met,
             count(*) filter (where s.status = 'breached')::int as breached,
             count(*) filter (where s.status = 'pending')::int as pending
        from s group by 1
    ),
    tm as (
      select tmb.team::text as team, count(*)::int as mqls,
             count(*) filter (where s.status = 'met')::int as met,
             count(*) filter (where s.status = 'breached')::int as breached,
             count(*) filter (where s.status = 'pending')::int as pending
        from s left join team_members tmb on tmb.email = s.owner_email
       group by tmb.team
    )
    select
      (select json_agg(sales)::text from sales) as sales,
      (select count(*) from s where status = 'pending')::int as queue_total,
      (select count(*) from s where status = 'breached')::int as breached_total,
      (select coalesce(json_agg(json_build_object(
                'lead_id', lead_id, 'owner_email', owner_email, 'mql_at', mql_at, 'due_at', due_at,
                'at_risk', at_risk, 'left_us', left_us, 'source_channel', source_channel, 'name', name)
              order by at_risk desc, left_us, lead_id), '[]'::json)::text from q) as queue,
      (select coalesce(json_agg(json_build_object(
                'lead_id', lead_id, 'owner_email', owner_email, 'mql_at', mql_at, 'due_at', due_at,
                'first_response', first_response, 'late_us', late_us, 'source_channel', source_channel, 'name', name)
              order by due_at desc nulls last, lead_id), '[]'::json)::text from b) as breached,
      (select count(*) from r)::int as responded,
      (select percentile_cont(0.5) within group (order by used_us) from r) as median_us,
      (select percentile_cont(0.9) within group (order by used_us) from r) as p90_us,
      (select coalesce(json_agg(json_build_object('bucket', k, 'count', c)), '[]'::json)::text
         from (select width_bucket(used_us, ${buckets}) as k, count(*)::int as c from r group by 1) d) as distribution,
      (select coalesce(json_agg(json_build_object('start', to_char(start, 'YYYY-MM-DD'), 'met', met, 'breached', breached, 'pending', pending)
              order by start), '[]'::json)::text from tr) as trend,
      (select coalesce(json_agg(json_build_object('team', team, 'mqls', mqls, 'met', met, 'breached', breached, 'pending', pending)
              order by mqls desc, team nulls last), '[]'::json)::text from tm) as teams`);
  const r = rows[0] ?? {};
  const iso = (v: unknown): string => new Date(text(v)).toISOString();
  const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
  const hours = (v: unknown): number | null => (v === null || v === undefined ? null : num(v) / 3_600_000_000);
  const distribution = new Array<number>(RESPONSE_BUCKETS_HOURS.length + 1).fill(0);
  for (const d of rowsOf(r.distribution)) {
    // width_bucket over the bounds: 0 = below the first bound … length = at or above the last
    const k = num(d.bucket);
    distribution[k] = (distribution[k] ?? 0) + num(d.count);
  }
  return {
    sales: parseSalesSla(rowsOf(r.sales)) satisfies SalesSla,
    queue: rowsOf(r.queue).map((x) => {
      const mqlAt = iso(x.mql_at);
      const dueAt = isoOrNull(x.due_at);
      const policy = slaPolicyAt(settings.sla, new Date(mqlAt));
      return {
        leadId: text(x.lead_id),
        name: textOrNull(x.name),
        ownerEmail: textOrNull(x.owner_email),
        sourceChannel: text(x.source_channel),
        mqlAt,
        dueAt,
        atRisk: x.at_risk === true,
        leftMs: Math.round(num(x.left_us) / 1000),
        spans: dueAt === null ? [] : businessSpansBetween(asOf, new Date(dueAt), policy),
        windowMs: Math.round(policy.slaResponseHours * 3_600_000),
      };
    }),
    queueTotal: num(r.queue_total),
    breached: rowsOf(r.breached).map((x) => ({
      leadId: text(x.lead_id),
      name: textOrNull(x.name),
      ownerEmail: textOrNull(x.owner_email),
      sourceChannel: text(x.source_channel),
      mqlAt: iso(x.mql_at),
      dueAt: isoOrNull(x.due_at),
      firstResponseAt: isoOrNull(x.first_response),
      lateMs: Math.round(num(x.late_us) / 1000),
    })),
    breachedTotal: num(r.breached_total),
    distribution,
    responded: num(r.responded),
    medianHours: hours(r.median_us),
    p90Hours: hours(r.p90_us),
    trendGrain,
    trend: rowsOf(r.trend).map((x) => {
      const met = num(x.met);
      const breached = num(x.breached);
      return { start: text(x.start), met, breached, pending: num(x.pending), compliance: ratio(met, breached) };
    }),
    teams: rowsOf(r.teams).map((x) => {
      const met = num(x.met);
      const breached = num(x.breached);
      return { team: teamOf(x.team), mqls: num(x.mqls), met, breached, pending: num(x.pending), compliance: ratio(met, breached) };
    }),
    windowMs: Math.round(nMicros / 1000),
  };
}

function periodDaysOf(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The whole SLA page's data for the parameters, in one read-only snapshot, through the report
 * cache (lib/cache; keyed like the KPIs, valid for the data and settings versions it was
 * computed at: a decision or a settings change is seen by the next request).
 */
export async function loadSlaPage(db: Db, params: KpiParams): Promise<SlaPageData & SlaFeedbackData> {
  return cachedReport(db, kpiReportSpec("sla.page", params), (reader) =>
    inSlaSnapshot(reader, params, async (tx, context) => {
      // the sales side comes with the details, from the same materialised SLA rows
      const details = await slaDetails(tx, context, params.asOf);
      const marketing = await marketingSlaGroup(tx, context.p, context.settings);
      const rejections = await rejectionsByBoth(tx, context);
      const conflicts = await decisionConflicts(tx);
      return { asOf: params.asOf.toISOString(), marketing, ...details, rejectionsByChannel: rejections.channel, rejectionsByCampaign: rejections.campaign, conflicts };
    }),
  );
}
