import { DateTime } from "luxon";
import { looksLikeWallClock, parseWallClock } from "@/lib/time";
import type { Channel } from "@/lib/enums";
import { formatAsOf, parseKpiParams, parseTimestamp, periodDays, type KpiParams, type Segment } from "@/lib/kpi/params";
import { MAX_PERIOD_DAYS } from "@/lib/limits";
import { createCheckedCache, createCheckedLoader, type Checked, type CheckedValues } from "@/lib/url-state/checked";
import { linkQuery, type LinkValues } from "@/lib/url-state/links";
import { recordsSearchParams } from "./records-spec";
import { DEFAULT_PRESET, PRESETS, dashboardSearchParams, type Preset, type RawFilters } from "./search-params";

export { DEFAULT_PRESET, PRESETS, type Preset, type RawFilters };

/**
 * The dashboard's URL state: one schema (lib/dashboard/search-params.ts) for the page, the
 * drill-down table and its CSV export, read through one nuqs server cache per request. It is
 * a superset of the KPI API's parameters (data-contract.md §2), turned in the end into
 * KpiParams by the engine's own parseKpiParams, so a dashboard view and an API call with the
 * same state always compute the same numbers.
 *
 * A preset other than `custom` derives from/to from the reference day; `from`/`to` in the
 * URL are then ignored. Absent: `custom` when from or to is given, else the default
 * `last_12_months`. The reference day of the presets is as_of's date in the organisation's
 * time zone (today when as_of is absent), so a bookmarked view with an as_of is stable and
 * "this quarter as of 15 April" means the quarter that contains 15 April. A wall-clock as_of
 * without offset (`2025-04-15T09:30`, what a datetime-local input sends) is read in the
 * organisation's time zone.
 */

/** Every URL parameter of the dashboard's page family (dashboard, drill-down, export). */
export const dashboardFamilySearchParams = { ...dashboardSearchParams, ...recordsSearchParams };

/** The family's server cache: `await dashboardSearchParamsCache.parse(searchParams)` once per page. */
export const dashboardSearchParamsCache = createCheckedCache(dashboardFamilySearchParams);

/** The same readings outside a React render (route handlers, tests). */
export const loadDashboardSearchParams = createCheckedLoader(dashboardFamilySearchParams);

/** Checked readings of the family's parameters. */
export type DashboardReadings = CheckedValues<typeof dashboardFamilySearchParams>;
type FilterReadings = Pick<DashboardReadings, keyof typeof dashboardSearchParams>;

/** Longest period the dashboard (and the API) accepts: lib/limits.ts. */
export { MAX_PERIOD_DAYS };

export const FILTER_FIELDS = ["preset", "from", "to", "as_of", "segment", "owner_email", "source_channel"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type FilterErrorCode =
  | "unknown_preset"
  | "required"
  | "repeated"
  | "invalid_date"
  | "from_after_to"
  | "period_too_long"
  | "invalid_as_of"
  | "unknown_value"
  | "invalid_email"
  | "invalid";

export interface FilterError {
  field: FilterField;
  code: FilterErrorCode;
  /** The offending value when there is one (for the message). */
  value: string | null;
  /** An English explanation for logs and tests, made from the code; users see the catalogue's text for the code. */
  message: string;
}

export interface DashboardState {
  preset: Preset;
  /** The as_of as given ("" when absent, i.e. now). */
  asOfInput: string;
  params: KpiParams;
  /** The filters as typed values (the same as params' filters), for links. */
  filters: { segment: Segment[]; ownerEmail: string[]; sourceChannel: Channel[] };
}

export type DashboardStateResult =
  | { ok: true; state: DashboardState; raw: RawFilters }
  | { ok: false; error: FilterError; raw: RawFilters };

export interface ParseOptions {
  /** Default as_of: the app's clock, `now()` of lib/clock.ts (tests pass their own); truncated to whole seconds. */
  now: Date;
  /** The organisation's IANA time zone (presets, wall-clock as_of). */
  timeZone: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as given in the URL (valid or not), for the filter form. */
export function rawFilters(r: FilterReadings): RawFilters {
  return {
    preset: r.preset.input[0] ?? "",
    from: r.from.input[0] ?? "",
    to: r.to.input[0] ?? "",
    asOf: r.as_of.input[0] ?? "",
    segment: r.segment.input,
    ownerEmail: r.owner_email.input,
    sourceChannel: r.source_channel.input,
  };
}

/** A calendar day (YYYY-MM-DD) as a luxon date at UTC midnight (pure calendar arithmetic). */
function day(text: string): DateTime {
  return DateTime.fromISO(text, { zone: "utc" });
}
const iso = (d: DateTime): string => d.toFormat("yyyy-MM-dd");

/** from/to of a preset for a reference day (YYYY-MM-DD). */
export function presetRange(preset: Exclude<Preset, "custom">, today: string): { from: string; to: string } {
  const t = day(today);
  switch (preset) {
    case "this_month":
      return { from: iso(t.startOf("month")), to: iso(t.endOf("month")) };
    case "last_month": {
      const m = t.startOf("month").minus({ months: 1 });
      return { from: iso(m), to: iso(m.endOf("month")) };
    }
    case "this_quarter":
      return { from: iso(t.startOf("quarter")), to: iso(t.endOf("quarter")) };
    case "last_quarter": {
      const q = t.startOf("quarter").minus({ months: 3 });
      return { from: iso(q), to: iso(q.endOf("quarter")) };
    }
    case "this_year":
      return { from: iso(t.startOf("year")), to: iso(t.endOf("year")) };
    case "last_12_months":
      return { from: iso(t.minus({ years: 1 }).plus({ days: 1 })), to: iso(t) };
  }
}

/** as_of's calendar date in the time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM-dd");
}

/** The English explanation of an error code (for logs and tests; never parsed back). */
function explain(field: FilterField, code: FilterErrorCode, value: string | null, timeZone: string): string {
  switch (code) {
    case "unknown_preset":
      return `Unknown preset "${value ?? ""}"; expected one of ${PRESETS.join(", ")}.`;
    case "required":
      return `${field} is required (a date, YYYY-MM-DD).`;
    case "repeated":
      return `${field} may be given only once.`;
    case "invalid_date":
      return `${field} must be a valid date in YYYY-MM-DD form, got "${value ?? ""}".`;
    case "from_after_to":
      return "from must not be after to.";
    case "period_too_long":
      return `The period may be at most ${MAX_PERIOD_DAYS} days long.`;
    case "invalid_as_of":
      return `as_of "${value ?? ""}" is not a valid time (ISO 8601 with offset, or a wall-clock time in ${timeZone}).`;
    case "unknown_value":
      return `Unknown ${field} "${value ?? ""}".`;
    case "invalid_email":
      return `owner_email must be an e-mail address, got "${value ?? ""}".`;
    case "invalid":
      return `${field} is not valid.`;
  }
}

/** The code of a parameter the engine refused (should the checks above ever let one through): by field, never by message. */
const ENGINE_FIELD_CODES: Record<FilterField, FilterErrorCode> = {
  preset: "invalid",
  from: "invalid_date",
  to: "invalid_date",
  as_of: "invalid_as_of",
  segment: "unknown_value",
  source_channel: "unknown_value",
  owner_email: "invalid_email",
};

function isFilterField(field: string): field is FilterField {
  return (FILTER_FIELDS as readonly string[]).includes(field);
}

/**
 * Parses the dashboard's URL state from a URL's query (tests, route handlers). Pages read
 * their `searchParams` through dashboardSearchParamsCache and call resolveDashboardState.
 */
export function parseDashboardState(sp: URLSearchParams, opts: ParseOptions): DashboardStateResult {
  return resolveDashboardState(loadDashboardSearchParams(sp), opts);
}

/**
 * The dashboard state of checked readings. Every problem names its field and a code (so the
 * filter form can show the catalogue's message there); nothing here throws on user input.
 * The checks run in the order the engine's own validation would meet them, then the engine's
 * parseKpiParams makes the KpiParams.
 */
export function resolveDashboardState(r: FilterReadings, opts: ParseOptions): DashboardStateResult {
  const raw = rawFilters(r);
  const fail = (field: FilterField, code: FilterErrorCode, value: string | null): DashboardStateResult => ({
    ok: false,
    error: { field, code, value, message: explain(field, code, value, opts.timeZone) },
    raw,
  });
  const now = new Date(Math.floor(opts.now.getTime() / 1000) * 1000);

  // preset
  const presetIssue = r.preset.issue;
  if (presetIssue?.code === "repeated") return fail("preset", "repeated", null);
  if (presetIssue?.code === "invalid") return fail("preset", "unknown_preset", presetIssue.value);
  const preset: Preset = r.preset.value ?? (raw.from !== "" || raw.to !== "" ? "custom" : DEFAULT_PRESET);

  // as_of: a wall-clock time without offset is read in the organisation's time zone.
  if (r.as_of.issue?.code === "repeated") return fail("as_of", "repeated", null);
  let asOfText: string | null = null;
  if (raw.asOf !== "") {
    if (looksLikeWallClock(raw.asOf)) {
      // lib/time's reading: a time skipped by a DST change does not exist; a repeated one is the first.
      const local = parseWallClock(raw.asOf, opts.timeZone);
      if (local === null) return fail("as_of", "invalid_as_of", raw.asOf);
      asOfText = formatAsOf(local);
    } else {
      asOfText = raw.asOf;
    }
  }

  // from/to of a custom period: required, once, real dates, in order.
  if (preset === "custom") {
    for (const field of ["from", "to"] as const) {
      const reading: Checked<string> = r[field];
      if (reading.issue?.code === "repeated") return fail(field, "repeated", raw[field] || null);
      if (reading.issue?.code === "invalid") return fail(field, "invalid_date", reading.issue.value);
      if (reading.value === null) return fail(field, "required", null);
    }
    if (raw.from > raw.to) return fail("from", "from_after_to", raw.from);
  }

  // The reference day of a preset needs a valid as_of first.
  const asOf = asOfText === null ? null : parseTimestamp(asOfText);
  if (asOfText !== null && asOf === null) return fail("as_of", "invalid_as_of", asOfText);
  const range = preset === "custom" ? { from: raw.from, to: raw.to } : presetRange(preset, dateInZone(asOf ?? now, opts.timeZone));

  // The filters, in the engine's order.
  for (const [field, code] of [
    ["segment", "unknown_value"],
    ["source_channel", "unknown_value"],
    ["owner_email", "invalid_email"],
  ] as const) {
    const issue = r[field].issue;
    if (issue?.code === "invalid") return fail(field, code, issue.value);
  }
  const filters = { segment: r.segment.value ?? [], ownerEmail: r.owner_email.value ?? [], sourceChannel: r.source_channel.value ?? [] };

  // The engine refuses a longer period too; checked here first to report the dashboard's own code.
  if (DATE_RE.test(range.from) && DATE_RE.test(range.to) && periodDays(range.from, range.to) > MAX_PERIOD_DAYS) {
    return fail("to", "period_too_long", null);
  }
  const kp = new URLSearchParams({ from: range.from, to: range.to });
  if (asOfText !== null) kp.set("as_of", asOfText);
  for (const v of filters.segment) kp.append("segment", v);
  for (const v of filters.ownerEmail) kp.append("owner_email", v);
  for (const v of filters.sourceChannel) kp.append("source_channel", v);
  const parsed = parseKpiParams(kp, now);
  if (!parsed.ok) {
    const field = isFilterField(parsed.field) ? parsed.field : "from";
    return fail(field, ENGINE_FIELD_CODES[field], null);
  }
  const { params } = parsed;
  return { ok: true, state: { preset, asOfInput: raw.asOf, params, filters }, raw };
}

/**
 * The link values of a view (drill-down, export, back to the dashboard), for the link
 * serializer (lib/url-state/links.ts). With `pinAsOf` the resolved as_of is written out, so a
 * link shows exactly the numbers of the page it came from however much later it is followed.
 */
export function dashboardLinkValues(state: DashboardState, opts: { pinAsOf?: boolean } = {}): LinkValues {
  const custom = state.preset === "custom";
  return {
    preset: state.preset,
    from: custom ? state.params.from : null,
    to: custom ? state.params.to : null,
    as_of: opts.pinAsOf ? formatAsOf(state.params.asOf) : state.asOfInput || null,
    segment: state.filters.segment,
    owner_email: state.filters.ownerEmail,
    source_channel: state.filters.sourceChannel,
  };
}

/** The URL state of a view as a query (see dashboardLinkValues). */
export function stateToSearchParams(state: DashboardState, opts: { pinAsOf?: boolean } = {}): URLSearchParams {
  return linkQuery(dashboardLinkValues(state, opts));
}

export type Comparison = "previous" | "year_ago";

/**
 * The comparison periods of a view (kpi-definitions.md §1 for PY):
 * - `previous`: the same length immediately before. A period of whole calendar months
 *   (from = the 1st, to = a month's last day) moves back by its number of months (March →
 *   February, Q2 → Q1); any other period by its number of days. as_of moves back by the same
 *   amount on the organisation's wall clock, so a period in progress is compared with the
 *   same stretch of the one before.
 * - `year_ago`: from/to − 1 year (29 February → 28 February), as_of − 1 year on the wall clock.
 */
export function comparisonParams(params: KpiParams, kind: Comparison, timeZone: string): KpiParams {
  const from = day(params.from);
  const to = day(params.to);
  const asOf = DateTime.fromJSDate(params.asOf, { zone: timeZone });
  let shifted: { from: DateTime; to: DateTime; asOf: DateTime };
  if (kind === "year_ago") {
    shifted = { from: from.minus({ years: 1 }), to: to.minus({ years: 1 }), asOf: asOf.minus({ years: 1 }) };
  } else if (from.day === 1 && to.equals(to.endOf("month").startOf("day"))) {
    const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
    shifted = { from: from.minus({ months }), to: from.minus({ days: 1 }), asOf: asOf.minus({ months }) };
  } else {
    const days = Math.round(to.diff(from, "days").days) + 1;
    shifted = { from: from.minus({ days }), to: from.minus({ days: 1 }), asOf: asOf.minus({ days }) };
  }
  const out: KpiParams = { from: iso(shifted.from), to: iso(shifted.to), asOf: shifted.asOf.toJSDate() };
  if (params.asOfNow) out.asOfNow = true;
  if (params.segment) out.segment = [...params.segment];
  if (params.ownerEmail) out.ownerEmail = [...params.ownerEmail];
  if (params.sourceChannel) out.sourceChannel = [...params.sourceChannel];
  return out;
}
