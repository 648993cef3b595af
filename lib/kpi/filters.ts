import type { KpiParams } from "./params";

/**
 * The report filters of kpi-definitions.md §1: "Filters narrow the population before any
 * formula: `segment`, `owner_email`, `source_channel`. Several values of one filter mean any of
 * them; different filters all apply. E-mails compare case-insensitively." Empty = no filter.
 * Their SQL is in ./predicates/filters.ts.
 */
export interface KpiFilters {
  segment: string[];
  /** lower-case */
  ownerEmail: string[];
  sourceChannel: string[];
}

/** The filters of the report parameters (e-mails in lower case). */
export function kpiFilters(params: Pick<KpiParams, "segment" | "ownerEmail" | "sourceChannel">): KpiFilters {
  return {
    segment: params.segment ?? [],
    ownerEmail: (params.ownerEmail ?? []).map((e) => e.toLowerCase()),
    sourceChannel: params.sourceChannel ?? [],
  };
}
