import { createParser, parseAsStringLiteral } from "nuqs/server";
import { CHANNELS, SEGMENTS } from "@/lib/enums";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import { isValidDate, parseKpiParams } from "@/lib/kpi/params";
import { parseAsList, parseAsText } from "@/lib/url-state/parsers";

/**
 * The dashboard's URL parameters as nuqs parsers (pure: shared by the server pages, the
 * filter form and the link serializer). lib/dashboard/url-state.ts reads them with reasons
 * (checked readings) and turns them into the KPI engine's parameters.
 *
 * - `preset`: this_month | last_month | this_quarter | last_quarter | this_year |
 *   last_12_months | custom.
 * - `from`, `to`: YYYY-MM-DD (organisation calendar), with `preset=custom`.
 * - `as_of`: an ISO 8601 timestamp with offset, or a wall-clock time without offset read in
 *   the organisation's time zone (checked in url-state.ts, which knows the zone).
 * - `segment`, `owner_email`, `source_channel`: repeatable, case-insensitive, as in the API.
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

/** A calendar day YYYY-MM-DD that the KPI engine accepts (lib/kpi/params isValidDate). */
export const parseAsDay = createParser<string>({
  parse: (value) => (isValidDate(value.trim()) ? value.trim() : null),
  serialize: (value) => value,
});

/** Any day will do for asking the engine whether a filter value is acceptable on its own. */
const PROBE = { from: "2000-01-01", to: "2000-01-01" } as const;

/**
 * An owner e-mail as the KPI engine accepts it: the engine's own check (parseKpiParams on the
 * value alone), so the dashboard and /api/v1/kpis can never disagree on what an e-mail is.
 */
export const parseAsOwnerEmail = createParser<string>({
  parse: (value) => (parseKpiParams(new URLSearchParams({ ...PROBE, owner_email: value }), new Date(0)).ok ? value : null),
  serialize: (value) => value,
});

export const dashboardSearchParams = {
  preset: parseAsStringLiteral(PRESETS),
  from: parseAsDay,
  to: parseAsDay,
  as_of: parseAsText,
  segment: parseAsList(parseAsStringLiteral(SEGMENTS), { lowercase: true }),
  owner_email: parseAsList(parseAsOwnerEmail, { lowercase: true }),
  source_channel: parseAsList(parseAsStringLiteral(CHANNELS), { lowercase: true }),
};

/** What the drill-down's `?kpi=` may name: every KPI, plus the funnel's first stage. */
export const DRILL_KEYS = [...KPI_KEYS, "leads_created"] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];

/** The drill-down's own parameter (its table's are lib/url-state/table.ts). */
export const drillSearchParams = {
  kpi: parseAsStringLiteral(DRILL_KEYS),
};

/** The filters as a form shows and submits them: the URL's values as given (valid or not). */
export interface RawFilters {
  preset: string;
  from: string;
  to: string;
  /** The datetime-local input's wall-clock value ("" = now). */
  asOf: string;
  segment: string[];
  ownerEmail: string[];
  sourceChannel: string[];
}
