import en from "@/messages/en/kpi.json";
import { KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import type { OwningTeam } from "@/lib/enums";
import type { FunnelStageSlug } from "./constants";

/**
 * What the glossary starts with (written once by syncGlossary, never over an edit): the funnel
 * stages with their qualification criteria, and one term per KPI from the one definitions
 * source (KPI_KEYS / KPI_DEFINITIONS and the KPI catalogue messages/en/kpi.json). The stored
 * wording is the organisation's own from then on (English until someone edits it); KPI names
 * and exact rules are always shown from the catalogue in the reader's language.
 */
export type StarterTerm = {
  slug: string;
  kind: "stage" | "kpi";
  term: string;
  definition: string;
  criteria: string;
  ownerTeam: OwningTeam;
  kpiKey: KpiKey | null;
  position: number;
};

export const STAGE_TERMS: Record<FunnelStageSlug, { term: string; definition: string; criteria: string; ownerTeam: OwningTeam }> = {
  lead: {
    term: "Lead",
    definition: "A person who has given us their contact details or been added by sales, and whom we may contact.",
    criteria: "A known person with a valid work e-mail.\nConsent to be contacted, or added by a sales rep.",
    ownerTeam: "marketing",
  },
  mql: {
    term: "Marketing-qualified lead (MQL)",
    definition: "A lead that marketing judges ready for a sales conversation, handed over with a timestamp (mql_at).",
    criteria: "Fits the ideal customer profile (segment, role).\nShowed buying intent (demo request, pricing page, webinar attendance).",
    ownerTeam: "marketing",
  },
  sql: {
    term: "Sales-qualified lead (SQL)",
    definition: "An MQL that sales has accepted after a first conversation as a real opportunity to pursue (sql_at).",
    criteria: "Budget, authority, need and timing confirmed in a first call.\nAccepted by a sales rep within the SLA.",
    ownerTeam: "sales",
  },
  opportunity: {
    term: "Opportunity",
    definition: "A deal in the CRM with an amount and an expected close date, from qualification until it is won or lost.",
    criteria: "A named buying account and a primary contact.\nAn amount and a next step agreed with the buyer.",
    ownerTeam: "sales",
  },
  customer: {
    term: "Customer",
    definition: "An account with at least one won deal (customer_at).",
    criteria: "A signed contract (deal in stage closed won).",
    ownerTeam: "joint",
  },
};

/** Which team owns each KPI's definition. */
const KPI_OWNER: Partial<Record<KpiKey, OwningTeam>> = {
  mqls: "marketing",
  marketing_sourced_revenue: "marketing",
  marketing_sourced_share: "marketing",
  marketing_influenced_revenue: "marketing",
  content_usage_rate: "marketing",
  content_unused_share: "marketing",
  content_influenced_revenue: "marketing",
  mql_to_sql_rate: "joint",
  lead_rejection_rate: "joint",
  closing_efficiency: "joint",
  customer_retention_rate: "joint",
  customer_lifetime_value: "joint",
};

const catalogue: Record<string, { name: string; description: string }> = en;

export function starterTerms(): StarterTerm[] {
  const stages: StarterTerm[] = (Object.keys(STAGE_TERMS) as FunnelStageSlug[]).map((slug, i) => ({
    slug,
    kind: "stage",
    ...STAGE_TERMS[slug],
    kpiKey: null,
    position: i,
  }));
  const kpis: StarterTerm[] = KPI_KEYS.map((key, i) => {
    const entry = catalogue[key];
    if (!entry) throw new Error(`messages/en/kpi.json has no entry for ${key}`);
    return {
      slug: key,
      kind: "kpi",
      term: entry.name,
      definition: entry.description,
      criteria: "",
      ownerTeam: KPI_OWNER[key] ?? "sales",
      kpiKey: key,
      position: i,
    };
  });
  return [...stages, ...kpis];
}
