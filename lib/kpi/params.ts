import { CHANNELS, SEGMENTS, type Channel } from "@/lib/enums";
import { MAX_PERIOD_DAYS } from "@/lib/limits";
// lib/time/iso only: its zone-free part, so this module stays client-safe (no luxon).
import { formatInstant, isIsoDate, parseOffsetTimestamp } from "@/lib/time/iso";

/**
 * The common report parameters (data-contract.md §2): `from`, `to` (inclusive dates in the
 * organisation's time zone), `as_of` (default now) and the repeatable filters. The same
 * parameters back the dashboard's URL state.
 */
export type Segment = (typeof SEGMENTS)[number];

export interface KpiParams {
  /** YYYY-MM-DD, first day of P (organisation time zone). */
  from: string;
  /** YYYY-MM-DD, last day of P, inclusive. */
  to: string;
  /** The moment the report is taken at (kpi-definitions.md §1). */
  asOf: Date;
  /**
   * `as_of` was not given: it is the moment of the request ("now"), or that moment shifted by a
   * comparison period. The result cache (lib/cache) may then serve a result computed up to its
   * TTL earlier (whose own as_of the result shows); a given as_of is always computed exactly.
   */
  asOfNow?: boolean;
  /** Any of these segments (the deal's / lead's own account). Empty or absent = no filter. */
  segment?: string[];
  /** Any of these owners (deal owner for deal metrics, lead owner for lead metrics); case-insensitive. */
  ownerEmail?: string[];
  /** Any of these source channels (the lead's, or the deal's primary lead's). */
  sourceChannel?: string[];
}

export type KpiParamsResult = { ok: true; params: KpiParams } | { ok: false; field: string; message: string };

const EMAIL_RE = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[^\s@,;<>()".]+$/;

/** Is `text` a real calendar date in YYYY-MM-DD (years 1900–9999)? lib/time's date grammar. */
export function isValidDate(text: string): boolean {
  return isIsoDate(text, 1900);
}

/**
 * Parses an `as_of` timestamp (lib/time parseOffsetTimestamp). An explicit offset is required: a
 * bare local time would be ambiguous here (this parser does not know the organisation's time
 * zone), so it is rejected rather than silently read as UTC. Years from 1900; offsets up to
 * ±23:59. Precision beyond milliseconds is truncated.
 */
export function parseTimestamp(text: string): Date | null {
  return parseOffsetTimestamp(text, 1900);
}

/** Days from `from` to `to`, both included (two valid YYYY-MM-DD dates). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Values of a repeatable parameter: every occurrence, trimmed, empty ones dropped, de-duplicated. */
function values(sp: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const raw of sp.getAll(name)) {
    const v = raw.trim();
    if (v !== "" && !out.includes(v)) out.push(v);
  }
  return out;
}

function single(sp: URLSearchParams, name: string): { value: string | null; repeated: boolean } {
  const vs = values(sp, name);
  return { value: vs[0] ?? null, repeated: vs.length > 1 };
}

const fail = (field: string, message: string): KpiParamsResult => ({ ok: false, field, message });

/**
 * Validates the query string of a KPI request. Every bad input is reported with the name of
 * its parameter: a missing or invalid `from`/`to`, `from` after `to`, a bad `as_of`, an unknown
 * `segment` or `source_channel` value, an `owner_email` that is not an e-mail. Empty values
 * count as absent. Unknown parameters are ignored (other endpoints add their own).
 * `now` is the default `as_of` (injectable for tests).
 */
export function parseKpiParams(sp: URLSearchParams, now: Date = new Date()): KpiParamsResult {
  const dates: Record<"from" | "to", string> = { from: "", to: "" };
  for (const field of ["from", "to"] as const) {
    const { value, repeated } = single(sp, field);
    if (value === null) return fail(field, `${field} is required (a date, YYYY-MM-DD).`);
    if (repeated) return fail(field, `${field} may be given only once.`);
    if (!isValidDate(value)) return fail(field, `${field} must be a valid date in YYYY-MM-DD form, got "${value}".`);
    dates[field] = value;
  }
  if (dates.from > dates.to) return fail("from", `from (${dates.from}) must not be after to (${dates.to}).`);
  if (periodDays(dates.from, dates.to) > MAX_PERIOD_DAYS) {
    return fail("to", `The period may be at most ${MAX_PERIOD_DAYS} days (10 years) long; ${dates.from} to ${dates.to} is longer.`);
  }

  let asOf = now;
  const asOfParam = single(sp, "as_of");
  if (asOfParam.repeated) return fail("as_of", "as_of may be given only once.");
  if (asOfParam.value !== null) {
    const parsed = parseTimestamp(asOfParam.value);
    if (!parsed) {
      return fail(
        "as_of",
        `as_of must be an ISO 8601 timestamp with a time zone offset (e.g. 2025-04-15T00:00:00Z), got "${asOfParam.value}".`,
      );
    }
    // A year-9999 time with a negative offset is in year 10000 in UTC: out of every range here.
    if (parsed.getUTCFullYear() < 1900 || parsed.getUTCFullYear() > 9999) {
      return fail("as_of", `as_of must lie between the years 1900 and 9999 in UTC, got "${asOfParam.value}".`);
    }
    asOf = parsed;
  }

  const segment = values(sp, "segment").map((v) => v.toLowerCase());
  const badSegment = segment.find((v) => !(SEGMENTS as readonly string[]).includes(v));
  if (badSegment !== undefined) {
    return fail("segment", `Unknown segment "${badSegment}"; expected one of ${SEGMENTS.join(", ")}.`);
  }

  const sourceChannel = values(sp, "source_channel").map((v) => v.toLowerCase());
  const badChannel = sourceChannel.find((v) => !(CHANNELS as readonly string[]).includes(v as Channel));
  if (badChannel !== undefined) {
    return fail("source_channel", `Unknown source_channel "${badChannel}"; expected one of ${CHANNELS.join(", ")}.`);
  }

  const ownerEmail = values(sp, "owner_email").map((v) => v.toLowerCase());
  const badEmail = ownerEmail.find((v) => !EMAIL_RE.test(v));
  if (badEmail !== undefined) return fail("owner_email", `owner_email must be an e-mail address, got "${badEmail}".`);

  const params: KpiParams = { from: dates.from, to: dates.to, asOf };
  if (asOfParam.value === null) params.asOfNow = true;
  if (segment.length > 0) params.segment = [...new Set(segment)];
  if (ownerEmail.length > 0) params.ownerEmail = [...new Set(ownerEmail)];
  if (sourceChannel.length > 0) params.sourceChannel = [...new Set(sourceChannel)];
  return { ok: true, params };
}

/** `as_of` as echoed by the API: UTC with `Z`, milliseconds only when not zero (lib/time formatInstant). */
export const formatAsOf: (asOf: Date) => string = formatInstant;

/** The inverse of parseKpiParams, for building URLs (dashboard state, links to the API). */
export function kpiParamsToSearchParams(params: KpiParams): URLSearchParams {
  const sp = new URLSearchParams();
  sp.set("from", params.from);
  sp.set("to", params.to);
  sp.set("as_of", formatAsOf(params.asOf));
  for (const v of params.segment ?? []) sp.append("segment", v);
  for (const v of params.ownerEmail ?? []) sp.append("owner_email", v);
  for (const v of params.sourceChannel ?? []) sp.append("source_channel", v);
  return sp;
}

/**
 * The report parameters as the result cache keys them (lib/cache cachedReport): the period and
 * the filters, each filter's values sorted (their order means nothing) and owners lower-cased
 * (compared case-insensitively); the as_of is not part of it (the cache keys it on its own).
 */
export function cacheKeyParams(params: KpiParams): { from: string; to: string; segment: string[]; ownerEmail: string[]; sourceChannel: string[] } {
  const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
  return {
    from: params.from,
    to: params.to,
    segment: sorted(params.segment),
    ownerEmail: sorted(params.ownerEmail?.map((e) => e.toLowerCase())),
    sourceChannel: sorted(params.sourceChannel),
  };
}

/** The as_of of the parameters as the result cache takes it (exact when given, "now" within the TTL when not). */
export function cacheAsOf(params: KpiParams): { at: Date; isNow: boolean } {
  return { at: params.asOf, isNow: params.asOfNow === true };
}
