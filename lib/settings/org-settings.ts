import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours as parseSlaWeek, type DateOrder, type SlaSettings } from "@/lib/time";

/**
 * The one reader of organisation_settings (one row, id = 1) and the one set of its defaults.
 * Everything that needs a setting — the KPI engine, the dashboard, the roadmap, the settings
 * command and page — goes through getOrgSettings (or getSettings in lib/settings/settings.ts,
 * the same values under the data contract's snake_case keys).
 */

/** The stored settings under the data contract's keys (the settings command, page and API). */
export type Settings = {
  time_zone: string;
  currency: string;
  sla_response_hours: number;
  mql_monthly_target: number;
  business_hours: string;
  holidays: string[];
  /** How the organisation writes ambiguous dates in its CRM exports: mdy, dmy or ymd. */
  date_order: DateOrder;
};

/**
 * The documented defaults, used when the row is missing (and equal to the column defaults of
 * organisation_settings in db/schema/app.ts): time zone `UTC` (kpi-definitions.md §1), USD, and
 * the SLA policies of §4 — a first sales response within 4 business hours, Monday–Friday
 * 09:00–17:00, no holidays, a monthly target of 100 MQLs.
 */
export const SETTINGS_DEFAULTS: Readonly<Settings> = Object.freeze({
  time_zone: "UTC",
  currency: "USD",
  sla_response_hours: 4,
  mql_monthly_target: 100,
  business_hours: DEFAULT_BUSINESS_HOURS,
  holidays: [],
  date_order: "mdy",
});

/** The organisation's settings as the application uses them. */
export interface OrgSettings {
  /** IANA time zone (the default when the stored one is blank). */
  timeZone: string;
  currency: string;
  /** The `business_hours` text as stored. */
  businessHours: string;
  /** `sla_response_hours` as stored. */
  slaResponseHours: number;
  mqlMonthlyTarget: number;
  /** Holidays (YYYY-MM-DD), ascending. */
  holidays: string[];
  /** The default date order of CRM exports (lib/import/mapping; docs/crm-import.md). */
  dateOrder: DateOrder;
  /**
   * The sales-response SLA as computed: N business hours, the parsed weekly schedule and the
   * holidays. An unparsable `business_hours` falls back to the default schedule, and a negative
   * or non-numeric N to the default N, rather than failing every report.
   */
  sla: SlaSettings;
}

/** Anything that runs SQL: the database or a transaction of it. */
export type SettingsReader = Pick<Db, "execute">;

/**
 * Reads organisation_settings (id = 1); the defaults when the row is missing. `forUpdate` locks
 * the row (the settings writer, inside its transaction).
 */
export async function getOrgSettings(db: SettingsReader, opts: { forUpdate?: boolean } = {}): Promise<OrgSettings> {
  const rows = await db.execute<{
    time_zone: string;
    currency: string;
    sla_response_hours: string;
    mql_monthly_target: number | string;
    business_hours: string;
    holidays: string;
    date_order: string;
  }>(sql`
    select s.time_zone, s.currency, s.sla_response_hours::text as sla_response_hours, s.mql_monthly_target,
           s.business_hours, s.date_order,
           (select coalesce(string_agg(to_char(h, 'YYYY-MM-DD'), ',' order by h), '') from unnest(s.holidays) h)
             as holidays
      from organisation_settings s
     where s.id = 1
     ${opts.forUpdate ? sql`for update` : sql``}`);
  const row = rows[0];
  const history = await slaPolicyHistory(db);
  const withHistory = (s: OrgSettings): OrgSettings => (history.length === 0 ? s : { ...s, sla: { ...s.sla, history } });
  if (!row) return withHistory(orgSettingsFrom(SETTINGS_DEFAULTS));
  return withHistory(orgSettingsFrom({
    time_zone: row.time_zone,
    currency: row.currency,
    sla_response_hours: Number(row.sla_response_hours),
    mql_monthly_target: Number(row.mql_monthly_target),
    business_hours: row.business_hours,
    holidays: row.holidays.split(",").filter((d) => d !== ""),
    date_order: isDateOrder(row.date_order) ? row.date_order : SETTINGS_DEFAULTS.date_order,
  }));
}

const DATE_ORDERS: readonly DateOrder[] = ["mdy", "dmy", "ymd"];
export const isDateOrder = (v: string): v is DateOrder => (DATE_ORDERS as readonly string[]).includes(v);

/**
 * The earlier SLA policies (sla_policy_history, written by updateSettings on a change of an
 * SLA setting made with effective "now"), oldest first, each as the SLA it computed (the same fallbacks as the current one).
 */
async function slaPolicyHistory(db: SettingsReader): Promise<{ validUntil: string; sla: SlaSettings; mqlMonthlyTarget: number }[]> {
  const rows = await db.execute<{
    valid_until: string;
    time_zone: string;
    sla_response_hours: string;
    mql_monthly_target: number | string;
    business_hours: string;
    holidays: string;
  }>(sql`
    select h.valid_until::text as valid_until, h.time_zone, h.sla_response_hours::text as sla_response_hours,
           h.mql_monthly_target, h.business_hours,
           (select coalesce(string_agg(to_char(d, 'YYYY-MM-DD'), ',' order by d), '') from unnest(h.holidays) d) as holidays
      from sla_policy_history h
     order by h.valid_until, h.id`);
  return rows.map((r) => ({
    validUntil: r.valid_until,
    mqlMonthlyTarget: Number(r.mql_monthly_target),
    sla: orgSettingsFrom({
      time_zone: r.time_zone,
      currency: SETTINGS_DEFAULTS.currency,
      sla_response_hours: Number(r.sla_response_hours),
      mql_monthly_target: Number(r.mql_monthly_target),
      business_hours: r.business_hours,
      holidays: r.holidays.split(",").filter((d) => d !== ""),
      date_order: SETTINGS_DEFAULTS.date_order,
    }).sla,
  }));
}

/** OrgSettings of stored values (see OrgSettings for the fallbacks of the computed SLA). */
export function orgSettingsFrom(stored: Readonly<Settings>): OrgSettings {
  const timeZone = stored.time_zone.trim() === "" ? SETTINGS_DEFAULTS.time_zone : stored.time_zone;
  const hours = stored.sla_response_hours;
  const holidays = [...stored.holidays].sort();
  return {
    timeZone,
    currency: stored.currency,
    businessHours: stored.business_hours,
    slaResponseHours: hours,
    mqlMonthlyTarget: stored.mql_monthly_target,
    holidays,
    dateOrder: stored.date_order,
    sla: {
      timeZone,
      slaResponseHours: Number.isFinite(hours) && hours >= 0 ? hours : SETTINGS_DEFAULTS.sla_response_hours,
      week: parseSlaWeek(stored.business_hours) ?? parseSlaWeek(SETTINGS_DEFAULTS.business_hours) ?? [],
      holidays,
    },
  };
}

/** The same settings under the data contract's keys. */
export function contractSettings(s: OrgSettings): Settings {
  return {
    time_zone: s.timeZone,
    currency: s.currency,
    sla_response_hours: s.slaResponseHours,
    mql_monthly_target: s.mqlMonthlyTarget,
    business_hours: s.businessHours,
    holidays: [...s.holidays],
    date_order: s.dateOrder,
  };
}
