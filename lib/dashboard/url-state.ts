import { DateTime } from "luxon";
import { z } from "zod";
import { formatAsOf, parseKpiParams, type KpiParams } from "@/lib/kpi/params";

/**
 * The dashboard's URL state: one schema for the page, the drill-down table and its CSV export.
 * It is a superset of the KPI API's parameters (data-contract.md §2), validated in the end by
 * the engine's own parseKpiParams, so a dashboard view and an API call with the same state
 * always compute the same numbers.
 *
 * URL parameters:
 * - `preset`: this_month | last_month | this_quarter | last_quarter | this_year |
 *   last_12_months | custom. A preset other than `custom` derives from/to from the reference
 *   day (see below); `from`/`to` in the URL are then ignored. Absent: `custom` when from or to
 *   is given, else the default `last_12_months`.
 * - `from`, `to`: YYYY-MM-DD (organisation calendar), with `preset=custom`.
 * - `as_of`: an ISO 8601 timestamp with offset (as the API takes it), or a wall-clock time
 *   without offset (`2025-04-15T09:30`, what a datetime-local input sends) read in the
 *   organisation's time zone. Absent: now.
 * - `segment`, `owner_email`, `source_channel`: repeatable, as in the API.
 *
 * The reference day of the presets is as_of's date in the organisation's time zone (today when
 * as_of is absent), so a bookmarked view with an as_of is stable and "this quarter as of
 * 15 April" means the quarter that contains 15 April.
 */
export const PRESETS = [
  "this_month",
  "last_month",
  "this_quarter",
  "last_quarter",
  "this_year",
  "last_12_months",
  "custom",
] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = "last_12_months";
export const presetSchema = z.enum(PRESETS);

/** Longest period the dashboard accepts (its monthly charts would become unreadable beyond). */
export const MAX_PERIOD_DAYS = 3_660;

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
  /** An English explanation (the engine's own wording where it comes from parseKpiParams). */
  message: string;
}

/** What the filter form shows: the values as given in the URL (valid or not). */
export interface RawFilters {
  preset: string;
  from: string;
  to: string;
  asOf: string;
  segment: string[];
  ownerEmail: string[];
  sourceChannel: string[];
}

export interface DashboardState {
  preset: Preset;
  /** The as_of as given ("" when absent, i.e. now). */
  asOfInput: string;
  params: KpiParams;
}

export type DashboardStateResult =
  | { ok: true; state: DashboardState; raw: RawFilters }
  | { ok: false; error: FilterError; raw: RawFilters };

export interface ParseOptions {
  /** Default as_of (injectable for tests); truncated to whole seconds. */
  now?: Date;
  /** The organisation's IANA time zone (presets, wall-clock as_of). */
  timeZone: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A wall-clock time without offset: read in the organisation's time zone. */
const LOCAL_TS_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?$/;

function all(sp: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const raw of sp.getAll(name)) {
    const v = raw.trim();
    if (v !== "" && !out.includes(v)) out.push(v);
  }
  return out;
}

export function readRawFilters(sp: URLSearchParams): RawFilters {
  return {
    preset: all(sp, "preset")[0] ?? "",
    from: all(sp, "from")[0] ?? "",
    to: all(sp, "to")[0] ?? "",
    asOf: all(sp, "as_of")[0] ?? "",
    segment: all(sp, "segment").map((v) => v.toLowerCase()),
    ownerEmail: all(sp, "owner_email").map((v) => v.toLowerCase()),
    sourceChannel: all(sp, "source_channel").map((v) => v.toLowerCase()),
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

function classify(field: string, message: string, raw: RawFilters): FilterError {
  const f = (FILTER_FIELDS as readonly string[]).includes(field) ? (field as FilterField) : "from";
  const quoted = /"([^"]*)"/.exec(message)?.[1] ?? null;
  let code: FilterErrorCode = "invalid";
  if (/is required/.test(message)) code = "required";
  else if (/only once/.test(message)) code = "repeated";
  else if (/must not be after/.test(message)) code = "from_after_to";
  else if (f === "from" || f === "to") code = "invalid_date";
  else if (f === "as_of") code = "invalid_as_of";
  else if (f === "segment" || f === "source_channel") code = "unknown_value";
  else if (f === "owner_email") code = "invalid_email";
  const value = quoted ?? (f === "from" ? raw.from || null : f === "to" ? raw.to || null : null);
  return { field: f, code, value, message };
}

/**
 * Parses the dashboard's URL state. Every problem names its field (so the filter form can show
 * it there); nothing here throws on user input.
 */
export function parseDashboardState(sp: URLSearchParams, opts: ParseOptions): DashboardStateResult {
  const raw = readRawFilters(sp);
  const fail = (field: FilterField, code: FilterErrorCode, value: string | null, message: string): DashboardStateResult => ({
    ok: false,
    error: { field, code, value, message },
    raw,
  });
  const now = new Date(Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000);

  // preset
  let preset: Preset;
  if (all(sp, "preset").length > 1) return fail("preset", "repeated", null, "preset may be given only once.");
  if (raw.preset === "") preset = raw.from !== "" || raw.to !== "" ? "custom" : DEFAULT_PRESET;
  else {
    const p = presetSchema.safeParse(raw.preset);
    if (!p.success) {
      return fail("preset", "unknown_preset", raw.preset, `Unknown preset "${raw.preset}"; expected one of ${PRESETS.join(", ")}.`);
    }
    preset = p.data;
  }

  // as_of: a wall-clock time without offset is read in the organisation's time zone.
  if (all(sp, "as_of").length > 1) return fail("as_of", "repeated", null, "as_of may be given only once.");
  let asOfText: string | null = null;
  if (raw.asOf !== "") {
    const local = LOCAL_TS_RE.exec(raw.asOf);
    if (local) {
      const dt = DateTime.fromISO(raw.asOf.replace(" ", "T"), { zone: opts.timeZone });
      const roundTrip = dt.isValid ? dt.toFormat(local[6] === undefined ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss") : "";
      // A wall-clock time skipped by a DST change does not exist in the zone.
      if (!dt.isValid || roundTrip !== raw.asOf.replace(" ", "T").replace("t", "T")) {
        return fail("as_of", "invalid_as_of", raw.asOf, `as_of "${raw.asOf}" is not a valid time in ${opts.timeZone}.`);
      }
      asOfText = formatAsOf(dt.toJSDate());
    } else {
      asOfText = raw.asOf;
    }
  }

  const kp = new URLSearchParams();
  if (preset === "custom") {
    if (raw.from !== "") kp.set("from", raw.from);
    if (raw.to !== "") kp.set("to", raw.to);
    if (all(sp, "from").length > 1) kp.append("from", all(sp, "from")[1] ?? "");
    if (all(sp, "to").length > 1) kp.append("to", all(sp, "to")[1] ?? "");
  } else {
    // The reference day needs a valid as_of first.
    let reference = now;
    if (asOfText !== null) {
      const probe = parseKpiParams(new URLSearchParams({ from: "2000-01-01", to: "2000-01-01", as_of: asOfText }), now);
      if (!probe.ok) return { ok: false, error: classify(probe.field, probe.message, raw), raw };
      reference = probe.params.asOf;
    }
    const range = presetRange(preset, dateInZone(reference, opts.timeZone));
    kp.set("from", range.from);
    kp.set("to", range.to);
  }
  if (asOfText !== null) kp.set("as_of", asOfText);
  for (const v of raw.segment) kp.append("segment", v);
  for (const v of raw.ownerEmail) kp.append("owner_email", v);
  for (const v of raw.sourceChannel) kp.append("source_channel", v);

  const parsed = parseKpiParams(kp, now);
  if (!parsed.ok) return { ok: false, error: classify(parsed.field, parsed.message, raw), raw };
  const { params } = parsed;
  if (DATE_RE.test(params.from) && day(params.to).diff(day(params.from), "days").days + 1 > MAX_PERIOD_DAYS) {
    return fail("to", "period_too_long", null, `The period may be at most ${MAX_PERIOD_DAYS} days long.`);
  }
  return { ok: true, state: { preset, asOfInput: raw.asOf, params }, raw };
}

/** A URLSearchParams as a Next.js page receives its searchParams. */
export function toSearchParams(input: Record<string, string | string[] | undefined> | URLSearchParams): URLSearchParams {
  if (input instanceof URLSearchParams) return new URLSearchParams(input);
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, item);
  }
  return sp;
}

/**
 * The URL state of a view, for links (drill-down, export, back to the dashboard). With
 * `pinAsOf` the resolved as_of is written out, so a link shows exactly the numbers of the page
 * it came from however much later it is followed.
 */
export function stateToSearchParams(state: DashboardState, opts: { pinAsOf?: boolean } = {}): URLSearchParams {
  const sp = new URLSearchParams();
  const { params } = state;
  sp.set("preset", state.preset);
  if (state.preset === "custom") {
    sp.set("from", params.from);
    sp.set("to", params.to);
  }
  if (opts.pinAsOf) sp.set("as_of", formatAsOf(params.asOf));
  else if (state.asOfInput !== "") sp.set("as_of", state.asOfInput);
  for (const v of params.segment ?? []) sp.append("segment", v);
  for (const v of params.ownerEmail ?? []) sp.append("owner_email", v);
  for (const v of params.sourceChannel ?? []) sp.append("source_channel", v);
  return sp;
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
  if (params.segment) out.segment = [...params.segment];
  if (params.ownerEmail) out.ownerEmail = [...params.ownerEmail];
  if (params.sourceChannel) out.sourceChannel = [...params.sourceChannel];
  return out;
}
