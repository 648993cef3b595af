import { createSerializer, type inferParserType } from "nuqs/server";
import { closedLoopSearchParams } from "@/lib/attribution/search-params";
import { dashboardSearchParams, drillSearchParams } from "@/lib/dashboard/search-params";
import { roadmapSearchParams } from "@/lib/roadmap/search-params";
import { contentSearchParams } from "@/lib/content/search-params";
import { tableSearchParams } from "./table";

/**
 * Every URL parameter a link of the app may carry, area by area (each key belongs to exactly
 * one area; lib/url-state/links.test.ts checks that). A later area adds its parser map here,
 * and its links then go through the one serializer below.
 */
export const LINK_PARAMETER_GROUPS = {
  drill: drillSearchParams,
  dashboard: dashboardSearchParams,
  table: tableSearchParams,
  roadmap: roadmapSearchParams,
  closedLoop: closedLoopSearchParams,
  content: contentSearchParams,
} as const;

export const linkSearchParams = {
  ...drillSearchParams,
  ...dashboardSearchParams,
  ...tableSearchParams,
  ...roadmapSearchParams,
  ...closedLoopSearchParams,
  ...contentSearchParams,
};

/** Typed values of a link: any subset of the parameters; null removes one from the base. */
export type LinkValues = Partial<{ [K in keyof typeof linkSearchParams]: inferParserType<(typeof linkSearchParams)[K]> | null }>;

const serialize = createSerializer(linkSearchParams);

/**
 * The one serializer for links (nuqs `createSerializer`): drill-downs, chart links,
 * pagination, sort headers, the export link, filter forms and the roadmap filter.
 * `base` is a path (`/dashboard/records`), a path with a query, or a query; its other
 * parameters are kept. Parameters are written in the order of linkSearchParams, lists as
 * repeated parameters (`segment=a&segment=b`) or comma lists (`hide=a,b`); null and empty
 * lists are left out.
 */
export function linkTo(base: string, values: LinkValues): string {
  return serialize(base, values);
}

/** The query of a link as URLSearchParams (for forms' hidden fields and for tests). */
export function linkQuery(values: LinkValues, base = ""): URLSearchParams {
  const href = serialize(base.startsWith("?") || base === "" ? base : `?${base}`, values);
  return new URLSearchParams(href.startsWith("?") ? href.slice(1) : href);
}

type StringKeys = {
  [K in keyof typeof linkSearchParams]: NonNullable<inferParserType<(typeof linkSearchParams)[K]>> extends string | readonly string[] ? K : never;
}[keyof typeof linkSearchParams];

/**
 * Link values from raw text the app has not validated: what a user chose in a form, or a
 * parameter of an invalid URL that a form keeps. They go into the URL as they are (every
 * text parameter's parser writes its value unchanged) and are validated, with a message at
 * the field, when the link is followed. Only text parameters can be given this way.
 */
export function uncheckedLinkValues(raw: Partial<Record<StringKeys, string | readonly string[] | null>>): LinkValues {
  return raw as LinkValues;
}
