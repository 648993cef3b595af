import en from "@/messages/en/kpi.json";
import es from "@/messages/es/kpi.json";
import type { KpiKey } from "@/lib/kpi/definitions";

/**
 * The KPIs' display names and "why is this empty" notes, as every screen shows them: read from
 * the one KPI catalogue (messages/{en,es}/kpi.json) so the reference docs and the OpenAPI
 * document name each KPI exactly as its card, the roadmap and the glossary do.
 */
export type DocLocale = "en" | "es";

interface KpiEntry {
  name: string;
  description: string;
  nullReason?: string;
}

const CATALOGUES: Record<DocLocale, Record<string, KpiEntry>> = { en, es };

function entry(key: KpiKey, locale: DocLocale): KpiEntry {
  const found = CATALOGUES[locale][key];
  if (!found) throw new Error(`messages/${locale}/kpi.json has no entry for ${key}`);
  return found;
}

/** The KPI's display name in `locale` (the dashboard card's title). */
export function kpiName(key: KpiKey, locale: DocLocale = "en"): string {
  return entry(key, locale).name;
}

/** Why the KPI can be empty (null), when the catalogue explains it; null for KPIs that always have a value. */
export function kpiNullReason(key: KpiKey, locale: DocLocale = "en"): string | null {
  return entry(key, locale).nullReason ?? null;
}
