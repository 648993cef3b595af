import en from "@/messages/en/dashboard.json";
import es from "@/messages/es/dashboard.json";
import type { KpiKey } from "@/lib/kpi/definitions";

/**
 * The KPIs' display names and "why is this empty" notes, as the dashboard shows them: read
 * from the message catalogues (messages/{en,es}/dashboard.json) so the reference docs and the
 * OpenAPI document name each KPI exactly as its card does.
 */
export type DocLocale = "en" | "es";

const CATALOGUES = { en, es } as const;

/** The KPI's display name in `locale` (the dashboard card's title). */
export function kpiName(key: KpiKey, locale: DocLocale = "en"): string {
  return CATALOGUES[locale].kpis[key];
}

/** Why the KPI can be empty (null), when the dashboard explains it; null for KPIs that always have a value. */
export function kpiNullReason(key: KpiKey, locale: DocLocale = "en"): string | null {
  const reasons: Record<string, string> = CATALOGUES[locale].nullReasons;
  return Object.hasOwn(reasons, key) ? reasons[key]! : null;
}
