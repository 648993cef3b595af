import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { MARKETING_CHANNELS, CUSTOMER_FACING_ACTIONS } from "@/db/schema/enums";
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours, type SlaSettings } from "./business-hours";
import { formatAsOf, type KpiParams } from "./params";

/**
 * What every KPI group needs: the organisation's settings and the report's time windows,
 * computed once per request. Bounds are computed by PostgreSQL (`(date)::timestamp at time zone
 * tz`) and passed on as exact timestamptz text, so each group's query compares indexed columns
 * with constants (sargable range predicates).
 */
export interface OrgSettings {
  timeZone: string;
  currency: string;
  /** The `business_hours` text as stored. */
  businessHours: string;
  /** Sales response SLA: N business hours, schedule, holidays. */
  sla: SlaSettings;
  mqlMonthlyTarget: number;
}

/** One reporting window seen as of some moment. All timestamps are timestamptz text. */
export interface TimeWindow {
  /** First day (YYYY-MM-DD, organisation calendar). */
  fromDate: string;
  /** Last day, inclusive. */
  toDate: string;
  /** `fromDate` 00:00 in the organisation's time zone (inclusive). */
  start: string;
  /** The day after `toDate`, 00:00 (exclusive upper bound). */
  end: string;
  /** The as_of applying to this window. */
  asOf: string;
  /** as_of's date in the organisation's time zone (for dates without time). */
  asOfDate: string;
}

export interface KpiContext {
  settings: OrgSettings;
  /** Period P, as of as_of. */
  p: TimeWindow;
  /** PY: the same dates one year earlier (29 Feb → 28 Feb), as of as_of − 1 year on the wall clock. */
  py: TimeWindow;
  /** W: the 365 days ending with `to` (customer_lifetime_value), as of as_of. */
  w: TimeWindow;
  filters: KpiFilters;
}

export interface KpiFilters {
  segment: string[];
  /** lower-case */
  ownerEmail: string[];
  sourceChannel: string[];
}

export const DEFAULT_SLA_RESPONSE_HOURS = 4;

/** Anything that runs SQL: the database or a transaction of it. */
export type SqlExecutor = Pick<Db, "execute">;

/** Reads organisation_settings (id = 1); the documented defaults when the row is missing. An
 * unparsable `business_hours` falls back to the default schedule rather than failing reports. */
export async function readOrgSettings(db: SqlExecutor): Promise<OrgSettings> {
  const rows = await db.execute<{
    time_zone: string;
    currency: string;
    sla_response_hours: string;
    business_hours: string;
    holidays: string;
    mql_monthly_target: number;
  }>(sql`
    select time_zone, currency, sla_response_hours::text as sla_response_hours, business_hours,
           array_to_string(holidays, ',') as holidays, mql_monthly_target
      from organisation_settings where id = 1`);
  const row = rows[0];
  const businessHours = row?.business_hours ?? DEFAULT_BUSINESS_HOURS;
  const week = parseBusinessHours(businessHours) ?? parseBusinessHours(DEFAULT_BUSINESS_HOURS) ?? [];
  const hours = row ? Number(row.sla_response_hours) : DEFAULT_SLA_RESPONSE_HOURS;
  const timeZone = row?.time_zone || "UTC";
  return {
    timeZone,
    currency: row?.currency ?? "USD",
    businessHours,
    mqlMonthlyTarget: row?.mql_monthly_target ?? 100,
    sla: {
      timeZone,
      slaResponseHours: Number.isFinite(hours) && hours >= 0 ? hours : DEFAULT_SLA_RESPONSE_HOURS,
      week,
      holidays: (row?.holidays ?? "").split(",").filter((d) => d !== ""),
    },
  };
}

/** Computes P, PY and W for the parameters in the organisation's time zone. */
export async function buildContext(db: SqlExecutor, params: KpiParams, settings?: OrgSettings): Promise<KpiContext> {
  const s = settings ?? (await readOrgSettings(db));
  const tz = s.timeZone;
  const asOf = formatAsOf(params.asOf);
  const rows = await db.execute<Record<string, string>>(sql`
    with x as (
      select ${params.from}::date as f, ${params.to}::date as t, ${asOf}::timestamptz as a,
             ${tz}::text as tz
    ), y as (
      select x.*, (x.f - interval '1 year')::date as pyf, (x.t - interval '1 year')::date as pyt,
             ((x.a at time zone x.tz) - interval '1 year') at time zone x.tz as pya,
             x.t - 364 as wf
        from x
    )
    select f::text as p_from, t::text as p_to,
           (f::timestamp at time zone tz)::text as p_start,
           ((t + 1)::timestamp at time zone tz)::text as p_end,
           a::text as p_as_of, (a at time zone tz)::date::text as p_as_of_date,
           pyf::text as py_from, pyt::text as py_to,
           (pyf::timestamp at time zone tz)::text as py_start,
           ((pyt + 1)::timestamp at time zone tz)::text as py_end,
           pya::text as py_as_of, (pya at time zone tz)::date::text as py_as_of_date,
           wf::text as w_from, (wf::timestamp at time zone tz)::text as w_start
      from y`);
  const r = rows[0];
  if (!r) throw new Error("could not compute the report's time windows");
  const get = (k: string): string => {
    const v = r[k];
    if (typeof v !== "string") throw new Error(`time window ${k} missing`);
    return v;
  };
  const p: TimeWindow = {
    fromDate: get("p_from"),
    toDate: get("p_to"),
    start: get("p_start"),
    end: get("p_end"),
    asOf: get("p_as_of"),
    asOfDate: get("p_as_of_date"),
  };
  return {
    settings: s,
    p,
    py: {
      fromDate: get("py_from"),
      toDate: get("py_to"),
      start: get("py_start"),
      end: get("py_end"),
      asOf: get("py_as_of"),
      asOfDate: get("py_as_of_date"),
    },
    w: { ...p, fromDate: get("w_from"), start: get("w_start") },
    filters: {
      segment: params.segment ?? [],
      ownerEmail: (params.ownerEmail ?? []).map((e) => e.toLowerCase()),
      sourceChannel: params.sourceChannel ?? [],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SQL fragments shared by the groups

export const ts = (v: string): SQL => sql`${v}::timestamptz`;
export const dt = (v: string): SQL => sql`${v}::date`;

export function textList(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

export const MARKETING_CHANNEL_LIST: SQL = sql.raw(MARKETING_CHANNELS.map((c) => `'${c}'`).join(", "));
export const CUSTOMER_FACING_LIST: SQL = sql.raw(CUSTOMER_FACING_ACTIONS.map((c) => `'${c}'`).join(", "));

/**
 * The deal filters of kpi-definitions.md §1 for a deal `d`: segment of the deal's own account
 * (a deal without account has no segment and is left out), deal owner (case-insensitive),
 * primary lead's source channel (a correlated look-up on the lead's primary key, so no join of
 * the deals with the leads table is needed). Empty → `true`.
 */
export function dealFilterSql(f: KpiFilters, d = "d"): SQL {
  const parts: SQL[] = [];
  if (f.segment.length > 0) {
    parts.push(
      sql`${sql.raw(d)}.account_id in (select a.account_id from accounts a where a.segment::text in (${textList(f.segment)}))`,
    );
  }
  if (f.ownerEmail.length > 0) parts.push(sql`lower(${sql.raw(d)}.owner_email) in (${textList(f.ownerEmail)})`);
  if (f.sourceChannel.length > 0) {
    parts.push(
      sql`exists (select 1 from leads sl where sl.lead_id = ${sql.raw(d)}.primary_lead_id and sl.source_channel::text in (${textList(f.sourceChannel)}))`,
    );
  }
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** The lead filters for a lead `l`: its account's segment, lead owner, its source channel. */
export function leadFilterSql(f: KpiFilters, l = "l"): SQL {
  const parts: SQL[] = [];
  if (f.segment.length > 0) {
    parts.push(
      sql`${sql.raw(l)}.account_id in (select a.account_id from accounts a where a.segment::text in (${textList(f.segment)}))`,
    );
  }
  if (f.ownerEmail.length > 0) parts.push(sql`lower(${sql.raw(l)}.owner_email) in (${textList(f.ownerEmail)})`);
  if (f.sourceChannel.length > 0) parts.push(sql`${sql.raw(l)}.source_channel::text in (${textList(f.sourceChannel)})`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/**
 * A deal `d` exists at `asOf`: it was created by then and so was its primary lead (§1). The
 * lead check is an anti-join on the leads created after as_of (an index range on
 * leads(created_at) that is normally tiny), so no join with the whole leads table is needed.
 */
export function dealExistsSql(asOf: string, d = "d"): SQL {
  return sql`${sql.raw(d)}.created_at <= ${ts(asOf)}
    and not exists (select 1 from leads xl where xl.lead_id = ${sql.raw(d)}.primary_lead_id and xl.created_at > ${ts(asOf)})`;
}

export function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" || typeof v === "bigint") return Number(v);
  throw new Error(`expected a number, got ${String(v)}`);
}

export function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  throw new Error(`expected text, got ${String(v)}`);
}

export function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : text(v);
}
