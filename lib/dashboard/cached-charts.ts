import "server-only";
import type { Db } from "@/db/client";
import { cachedReport } from "@/lib/cache";
import { buildContext, kpiReportSpec, type KpiContext, type KpiParams, type OrgSettings } from "@/lib/kpi";

/** The dashboard's charts and sparklines, as report-cache names. */
export type DashboardChart = "revenue" | "trend" | "headline" | "funnel" | "pipeline";

/**
 * A dashboard chart's series through the report cache (lib/cache; issue 15 item 3): keyed like
 * the KPI runs (period, sorted filters, as_of) under `dashboard.<chart>`, valid for the data and
 * settings versions it was computed at, single flight, read from a caught-up replica when there
 * is one. So fifty people on one dashboard cost one computation per chart, as they do per KPI run.
 *
 * `compute` gets the database to read from and the KPI context built on it. Anything else it
 * uses must follow from the parameters (e.g. the period's own KPI run, itself cached), or the key
 * would not say what the result depends on.
 */
export function cachedDashboardChart<T>(
  db: Db,
  chart: DashboardChart,
  params: KpiParams,
  settings: OrgSettings,
  compute: (reader: Db, ctx: KpiContext) => Promise<T>,
): Promise<T> {
  return cachedReport(db, kpiReportSpec(`dashboard.${chart}`, params), async (reader) => compute(reader, await buildContext(reader, params, settings)));
}
