import { sql, type SQL } from "drizzle-orm";
import { calendarSpanDays, type SlaSettings } from "@/lib/time";
import { monthlyObjects, num, text, textOrNull } from "../decode";
import type { KpiFilters } from "../filters";
import {
  happenedIn,
  leadExists,
  leadInWindow,
  slaAtRisk,
  slaFirstResponse,
  slaStatus,
  slaStatusIs,
  SLA_STATUSES,
  type SlaStatus,
  type SlaTimes,
} from "../predicates";
import { monthLabel, monthStartOf, ts, type SqlExecutor } from "../sql-fragments";
import type { TimeWindow } from "../windows";

export type { SlaStatus };

export interface SlaLead {
  leadId: string;
  /** lower-case, null when the lead has no owner */
  ownerEmail: string | null;
  mqlAt: Date;
  /** mql_at + N business hours; null only when the schedule has no business time at all */
  dueAt: Date | null;
  firstResponseAt: Date | null;
  status: SlaStatus;
  atRisk: boolean;
}

export interface SlaCounts {
  mqls: number;
  met: number;
  breached: number;
  pending: number;
  atRisk: number;
}

export interface SalesSla extends SlaCounts {
  /** met / (met + breached); null when both are 0. */
  compliance: number | null;
  byOwner: (SlaCounts & { ownerEmail: string | null; compliance: number | null })[];
}

/**
 * The per-MQL sales-response SLA (kpi-definitions.md §4) as one SQL statement:
 *
 * "every MQL gets a first sales response within N business hours of mql_at. The first response
 * is the earliest of: a sales activity on the lead (any type, by anyone) at or after mql_at,
 * its sql_at, its rejected_at (all ≤ as_of); an sql_at or rejected_at earlier than mql_at
 * counts as a response at mql_at." met: first response at or before the due time; breached:
 * after it, or none and the due time is before as_of; pending: none and the due time is at or
 * after as_of; at_risk: pending with at least 75% of the window's business time used up.
 *
 * The MQLs come from kpi_lead_facts (db/schema/kpi.ts), which holds each lead's earliest sales
 * activity at or after mql_at (`first_activity_at`, kept by triggers): the first activity
 * ≤ as_of is that one when it is ≤ as_of, else there is none — no look-up per MQL.
 *
 * Due-time arithmetic without per-lead loops: a business calendar is built once for the
 * period (one row per business day: window start, length, and the business microseconds
 * before it, `cb`) and folded into three arrays. A moment's business position is
 * `cb[i] + min(t − start[i], len[i])` with i = width_bucket(t, starts) (a binary search); the
 * due time is the position + N, mapped back through width_bucket over `cb` (the last day whose
 * cumulative start is strictly below the target, so a due time on a window's end stays on that
 * day: Tue 13:00 + 4 h = Tue 17:00). Windows are wall-clock times converted with
 * `at time zone` per day, so DST days are right. N = 0 → due = mql_at.
 */
export function slaLeadsSql(win: TimeWindow, filters: KpiFilters, sla: SlaSettings): SQL {
  const history = sla.history ?? [];
  if (history.length === 0) return slaLeadsOfPolicy(win, filters, sla, {});
  // Policy history (docs/sla.md): each MQL is judged by the policy in force at its mql_at — the
  // earlier policies up to their `validUntil`, the current one from the last change on. One
  // statement per policy over its own span of mql_at, the same arithmetic in each.
  const parts: SQL[] = [];
  let since: string | undefined;
  for (const h of history) {
    parts.push(slaLeadsOfPolicy(win, filters, h.sla, { since, until: h.validUntil }));
    since = h.validUntil;
  }
  parts.push(slaLeadsOfPolicy(win, filters, sla, { since }));
  return sql.join(
    parts.map((p) => sql`(${p})`),
    sql` union all `,
  );
}

/** slaLeadsSql for one policy, over the MQLs with mql_at in [since, until) (each bound optional). */
function slaLeadsOfPolicy(win: TimeWindow, filters: KpiFilters, sla: SlaSettings, mqlSpan: { since?: string; until?: string }): SQL {
  const asOf = ts(win.asOf);
  const inSpan = sql`${mqlSpan.since === undefined ? sql`` : sql` and l.mql_at >= ${ts(mqlSpan.since)}`}${mqlSpan.until === undefined ? sql`` : sql` and l.mql_at < ${ts(mqlSpan.until)}`}`;
  const times: SlaTimes = { firstResponse: sql`first_response`, dueAt: sql`due_at` };
  const nMicros = BigInt(Math.round(sla.slaResponseHours * 3_600_000_000));
  const n = sql`${nMicros.toString()}::bigint`;
  const span = calendarSpanDays(sla);
  const weekRows =
    sla.week.length > 0
      ? sql.join(
          sla.week.map((w) => sql`(${w.isoDow}::int, ${w.startMinute}::int, ${w.endMinute}::int)`),
          sql`, `,
        )
      : sql`(0, 0, 0)`;
  const holidays =
    sla.holidays.length > 0
      ? sql`g.day not in (${sql.join(
          sla.holidays.map((h) => sql`${h}::date`),
          sql`, `,
        )})`
      : sql`true`;
  return sql`
    with wk(isodow, s_min, e_min) as (values ${weekRows}),
    days as (
      select g::date as day
        from generate_series(${win.fromDate}::date,
                             greatest(${win.toDate}::date + ${span}::int, (${asOf} at time zone ${sla.timeZone})::date + 1),
                             interval '1 day') g
    ),
    win as (
      select ((g.day + make_interval(mins => wk.s_min))::timestamp at time zone ${sla.timeZone}) as ws,
             ((g.day + make_interval(mins => wk.e_min))::timestamp at time zone ${sla.timeZone}) as we
        from days g join wk on wk.isodow = extract(isodow from g.day)::int
       where ${holidays}
    ),
    lens as (
      select ws, (extract(epoch from we - ws) * 1000000)::bigint as len from win where we > ws
    ),
    cal as (
      select c.*,
             case when ia = 0 then 0::bigint
                  else cb_arr[ia] + least(round(date_part('epoch', ${asOf} - ws_arr[ia]) * 1000000)::bigint, len_arr[ia])
             end as p_as_of
        from (select c0.*, coalesce(width_bucket(${asOf}, c0.ws_arr), 0) as ia
                from (select array_agg(ws order by ws) as ws_arr,
                             array_agg(cb order by ws) as cb_arr,
                             array_agg(len order by ws) as len_arr
                        from (select ws, len, (sum(len) over (order by ws) - len)::bigint as cb from lens) x) c0) c
    ),
    mql as (
      select l.lead_id, lower(l.owner_email) as owner_email, l.mql_at,
             ${slaFirstResponse(win.asOf)} as first_response
        from kpi_lead_facts l
       where ${leadInWindow("mql_at", win, filters)}${inSpan}
    ),
    -- Each step below is fenced with OFFSET 0 so PostgreSQL evaluates it once per row instead
    -- of flattening the chain and repeating the array look-ups inside every later expression.
    idx as (
      select m.*, coalesce(width_bucket(m.mql_at, c.ws_arr), 0) as i,
             coalesce(width_bucket(m.first_response, c.ws_arr), 0) as j
        from mql m cross join cal c
      offset 0
    ),
    pos as (
      select idx.*,
             case when i = 0 then 0::bigint
                  else c.cb_arr[i] + least(round(date_part('epoch', mql_at - c.ws_arr[i]) * 1000000)::bigint, c.len_arr[i])
             end as p_mql,
             case when first_response is null then null
                  when j = 0 then 0::bigint
                  else c.cb_arr[j] + least(round(date_part('epoch', first_response - c.ws_arr[j]) * 1000000)::bigint, c.len_arr[j])
             end as p_first
        from idx cross join cal c
      offset 0
    ),
    due as (
      select pos.*, p_mql + ${n} as target, coalesce(width_bucket(p_mql + ${n} - 1, c.cb_arr), 0) as e
        from pos cross join cal c
      offset 0
    ),
    due_at as (
      select lead_id, owner_email, mql_at, first_response, p_mql, p_first, c.p_as_of,
             case when ${n} = 0 then mql_at
                  when e = 0 or target > c.cb_arr[e] + c.len_arr[e] then null
                  else c.ws_arr[e] + interval '1 microsecond' * (target - c.cb_arr[e])
             end as due_at
        from due cross join cal c
      offset 0
    )
    select lead_id, owner_email, mql_at, first_response, due_at,
           ${slaStatus(win.asOf, times)} as status,
           ${slaAtRisk(win.asOf, times, sql`(p_as_of - p_mql)`, n)} as at_risk,
           greatest(coalesce(p_first, p_as_of) - p_mql, 0)::bigint as used_us
      from due_at`;
}

function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = textOrNull(v);
  if (s === null) throw new Error("expected a timestamp");
  return new Date(s);
}

function slaStatusOf(v: unknown): SlaStatus {
  const status = SLA_STATUSES.find((st) => st === v);
  if (status === undefined) throw new Error(`unknown SLA status ${String(v)}`);
  return status;
}

/** Every MQL of the window with its due time, first response and status (drill-down, tests). */
export async function listSlaLeads(
  db: SqlExecutor,
  win: TimeWindow,
  filters: KpiFilters,
  sla: SlaSettings,
): Promise<SlaLead[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`select * from (${slaLeadsSql(win, filters, sla)}) s order by mql_at, lead_id`,
  );
  return rows.map((r) => ({
    leadId: String(r.lead_id),
    ownerEmail: textOrNull(r.owner_email),
    mqlAt: toDate(r.mql_at),
    dueAt: r.due_at === null ? null : toDate(r.due_at),
    firstResponseAt: r.first_response === null ? null : toDate(r.first_response),
    status: slaStatusOf(r.status),
    atRisk: r.at_risk === true,
  }));
}

const ratio = (met: number, breached: number): number | null =>
  met + breached === 0 ? null : met / (met + breached);

/**
 * `sla_compliance` = "met / (met + breached) over leads with mql_at in P" with the counts per
 * status, overall and per lead owner (one aggregation with grouping sets). Filters apply to the
 * sales side's leads (owner_email = lead owner). `byOwner` is ordered by MQL count descending,
 * then e-mail, with the owner-less row after named owners with the same count.
 */
export async function salesSlaGroup(
  db: SqlExecutor,
  win: TimeWindow,
  filters: KpiFilters,
  sla: SlaSettings,
): Promise<SalesSla> {
  return parseSalesSla(await db.execute<Record<string, unknown>>(salesSlaSql(win, filters, sla)));
}

/**
 * The single statement of the sales SLA group (exported for EXPLAIN and the benchmark).
 * `byOwner: false` computes the totals only (one plain aggregation; `byOwner` is then empty):
 * the KPI engine needs only `sla_compliance`. `monthTimeZone` (with `byOwner: false` only) also
 * returns the counts by month of mql_at (see SalesSlaOptions).
 */
export function salesSlaSql(win: TimeWindow, filters: KpiFilters, sla: SlaSettings, opts: SalesSlaOptions = {}): SQL {
  return salesSlaAggregate(sql`(${slaLeadsSql(win, filters, sla)})`, opts);
}

/** Options of the sales SLA group's aggregation. */
export interface SalesSlaOptions {
  /** false: the totals only (`byOwner` empty). Default: also per lead owner. */
  byOwner?: boolean;
  /**
   * Also return, by calendar month of mql_at in this time zone, the MQLs met and breached
   * (column `monthly`, see parseSlaMonthly): sla_compliance month by month. Months without an
   * MQL are left out. Only with `byOwner: false`.
   */
  monthTimeZone?: string;
}

/**
 * The sales SLA group's aggregation over any relation with slaLeadsSql's rows (`source`: the
 * statement in parentheses, or the name of a CTE holding it — the SLA page aggregates the rows it
 * has already materialised instead of computing them twice). Parse with parseSalesSla.
 */
export function salesSlaAggregate(source: SQL, opts: SalesSlaOptions = {}): SQL {
  const counts = sql`count(*)::int as mqls,
           ${sql.join(
             SLA_STATUSES.map((st) => sql`count(*) filter (where ${slaStatusIs(st, sql`s.status`)})::int as ${sql.identifier(st)}`),
             sql`,\n           `,
           )},
           count(*) filter (where s.at_risk)::int as at_risk`;
  if (opts.monthTimeZone !== undefined) {
    if (opts.byOwner !== false) throw new Error("the SLA counts by month are computed without the per-owner counts");
    // The same counts by month of mql_at (grouped by the month's first moment, labelled after:
    // monthOf's months), in one aggregation of a few groups; the totals are the sums of the
    // months' counts — the same numbers as the plain aggregation below. Only the columns the
    // counts read are taken from the source.
    const total = (c: string) => sql`coalesce(sum(g.${sql.identifier(c)}), 0)::int as ${sql.identifier(c)}`;
    return sql`
    with g as (
      select ${monthLabel(sql`s.month_start`)} as month,
             ${counts}
        from (select s.status, s.at_risk, ${monthStartOf(sql`s.mql_at`, opts.monthTimeZone)} as month_start from ${source} s) s
       group by s.month_start
    )
    select true as total, null::text as owner_email,
           ${sql.join(
             ["mqls", ...SLA_STATUSES, "at_risk"].map((c) => total(c)),
             sql`, `,
           )},
           coalesce(json_agg(json_build_object('month', g.month, 'mqls', g.mqls, 'met', g.met, 'breached', g.breached)
                             order by g.month), '[]')::text as monthly
      from g`;
  }
  if (opts.byOwner === false) {
    return sql`
    select true as total, null::text as owner_email,
           ${counts}
      from ${source} s`;
  }
  return sql`
    select grouping(s.owner_email) = 1 as total, s.owner_email,
           ${counts}
      from ${source} s
     group by grouping sets ((), (s.owner_email))`;
}

/** The MQLs of P in one calendar month by SLA outcome: sla_compliance's terms. */
export interface SlaMonth {
  /** YYYY-MM */
  month: string;
  mqls: number;
  met: number;
  breached: number;
}

/**
 * The MQLs of the window met and breached by calendar month of mql_at in `timeZone` (the sales
 * SLA group's own statement with `monthTimeZone`, so the months add up to the cards).
 */
export async function slaByMonth(
  db: SqlExecutor,
  win: TimeWindow,
  filters: KpiFilters,
  sla: SlaSettings,
  timeZone: string,
): Promise<SlaMonth[]> {
  return parseSlaMonthly(await db.execute<Record<string, unknown>>(salesSlaSql(win, filters, sla, { byOwner: false, monthTimeZone: timeZone })));
}

/** The `monthly` column of a sales SLA statement run with `monthTimeZone`. */
export function parseSlaMonthly(rows: readonly Record<string, unknown>[]): SlaMonth[] {
  return monthlyObjects(rows, "SLA group").map((o): SlaMonth => {
    return { month: text(o.month), mqls: num(o.mqls), met: num(o.met), breached: num(o.breached) };
  });
}

export function parseSalesSla(rows: readonly Record<string, unknown>[]): SalesSla {
  const counts = (r: Record<string, unknown>): SlaCounts => ({
    mqls: num(r.mqls),
    met: num(r.met),
    breached: num(r.breached),
    pending: num(r.pending),
    atRisk: num(r.at_risk),
  });
  const totalRow = rows.find((r) => r.total === true);
  const total = totalRow ? counts(totalRow) : { mqls: 0, met: 0, breached: 0, pending: 0, atRisk: 0 };
  const byOwner = rows
    .filter((r) => r.total !== true)
    .map((r) => {
      const c = counts(r);
      return { ownerEmail: textOrNull(r.owner_email), ...c, compliance: ratio(c.met, c.breached) };
    })
    .sort(
      (a, b) =>
        b.mqls - a.mqls ||
        (a.ownerEmail === null ? 1 : 0) - (b.ownerEmail === null ? 1 : 0) ||
        ((a.ownerEmail ?? "") < (b.ownerEmail ?? "") ? -1 : (a.ownerEmail ?? "") > (b.ownerEmail ?? "") ? 1 : 0),
    );
  return { ...total, compliance: ratio(total.met, total.breached), byOwner };
}

export interface MarketingSlaMonth {
  /** YYYY-MM */
  month: string;
  target: number;
  delivered: number;
  met: boolean;
}

export interface MarketingSla {
  months: MarketingSlaMonth[];
  /** months met / months counted; null when no month is counted. */
  compliance: number | null;
}

/**
 * Marketing delivery SLA (kpi-definitions.md §4): "marketing delivers at least a monthly MQL
 * target … to sales. … neither the target nor the delivered count is narrowed by the filters.
 * Counted months are the calendar months that lie wholly inside P and have ended by as_of; for
 * each, delivered = leads with mql_at in the month; met = delivered ≥ target. Marketing
 * compliance = months met / months counted (null when none is counted). Months are listed
 * chronologically." Months are the organisation's calendar months; a month has ended when the
 * next month's first instant is at or before as_of; MQLs after as_of and leads created after
 * as_of do not count. The target of a month is the one in force at the month's first instant
 * (docs/sla.md): a policy changed "from now on" (sla.history) keeps its target for the months
 * that began before the change, so a past period's marketing numbers do not change.
 */
export async function marketingSlaGroup(
  db: SqlExecutor,
  win: TimeWindow,
  settings: { timeZone: string; mqlMonthlyTarget: number; sla?: Pick<SlaSettings, "history"> },
): Promise<MarketingSla> {
  const asOf = ts(win.asOf);
  const rows = await db.execute<Record<string, unknown>>(sql`
    with months as (
      select m::date as first_day,
             (m::date::timestamp at time zone ${settings.timeZone}) as m_start,
             ((m::date + interval '1 month')::date::timestamp at time zone ${settings.timeZone}) as m_end
        from generate_series(date_trunc('month', ${win.fromDate}::date), ${win.toDate}::date, interval '1 month') m
       where m::date >= ${win.fromDate}::date
         and (m::date + interval '1 month')::date - 1 <= ${win.toDate}::date
    )
    select to_char(first_day, 'YYYY-MM') as month, extract(epoch from mo.m_start)::float8 as start_s,
           (select count(*) from leads l
             where ${happenedIn(sql`l.mql_at`, sql`mo.m_start`, sql`mo.m_end`, asOf)}
               and ${leadExists(win.asOf)})::int as delivered
      from months mo
     where mo.m_end <= ${asOf}
     order by first_day`);
  const months = rows.map((r) => {
    const delivered = num(r.delivered);
    const target = monthlyTargetAt(settings, num(r.start_s) * 1000);
    return { month: String(r.month), target, delivered, met: delivered >= target };
  });
  const met = months.filter((m) => m.met).length;
  return { months, compliance: months.length === 0 ? null : met / months.length };
}

/**
 * The monthly MQL target in force at `atMs` (epoch milliseconds): that of the first earlier
 * policy (sla.history, oldest first) still valid then (`atMs` < its validUntil), else the current
 * target. History rows without a target (none are written so) fall back to the current one.
 */
export function monthlyTargetAt(
  settings: { mqlMonthlyTarget: number; sla?: Pick<SlaSettings, "history"> },
  atMs: number,
): number {
  for (const h of settings.sla?.history ?? []) {
    if (atMs < Date.parse(h.validUntil)) return h.mqlMonthlyTarget ?? settings.mqlMonthlyTarget;
  }
  return settings.mqlMonthlyTarget;
}
