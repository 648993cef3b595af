import { TEXT_LIMITS } from "@/lib/limits";

/** What a glossary entry is: a business term, a funnel stage, or a KPI (plain module). */
export const GLOSSARY_KINDS = ["term", "stage", "kpi"] as const;
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

/** The funnel stages, in order; their slugs are their stable anchors (/glossary#sql). */
export const FUNNEL_STAGE_SLUGS = ["lead", "mql", "sql", "opportunity", "customer"] as const;
export type FunnelStageSlug = (typeof FUNNEL_STAGE_SLUGS)[number];

export const GLOSSARY_LIMITS = {
  term: TEXT_LIMITS.name,
  definition: TEXT_LIMITS.longText,
  examples: TEXT_LIMITS.longText,
  links: 2_000,
  criteria: TEXT_LIMITS.longText,
  search: TEXT_LIMITS.name,
  /** Links a term may carry. */
  linkCount: 10,
} as const;

/** The anchor of a term on /glossary (and the path that opens it). */
export function glossaryHref(slug: string): string {
  return `/glossary#${encodeURIComponent(slug)}`;
}
