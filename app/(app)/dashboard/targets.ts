import type { KpiKey, KpiParams, OrgSettings } from "@/lib/kpi";
import { targetsInForce, targetStatus, type KpiTargetSetting, type TargetStatus } from "@/lib/dashboard/target-rules";
import { addDays, dateInZone } from "@/lib/time";

/**
 * The targets of the KPIs for a dashboard period: leadership's stored targets (kpi_targets,
 * lib/dashboard/targets.ts), else the documented defaults (lib/dashboard/target-rules.ts:
 * MQLs from the organisation's monthly MQL target, win rate 25 %, closing efficiency 25 %,
 * marketing-sourced share 40 %, SLA compliance 90 %, revenue a year earlier + 10 %), each with
 * its status at the period's as_of (on track or behind; monthly targets scaled to the period
 * and judged at the pace of its elapsed part).
 */
export interface TileTarget {
  setting: KpiTargetSetting;
  status: TargetStatus | null;
}

export function kpiTargets(
  stored: readonly KpiTargetSetting[],
  settings: Pick<OrgSettings, "mqlMonthlyTarget" | "timeZone">,
  params: Pick<KpiParams, "from" | "to" | "asOf">,
  values: Partial<Record<KpiKey, number | null>>,
): Partial<Record<KpiKey, TileTarget>> {
  const months = periodMonths(params.from, params.to);
  const asOfDay = dateInZone(params.asOf, settings.timeZone);
  // Days up to and including as_of's day (the whole period once as_of is past it; none before it starts).
  const lastDay = asOfDay < params.to ? asOfDay : params.to;
  const elapsed = lastDay < params.from ? 0 : periodMonths(params.from, lastDay);
  const settingsInForce = targetsInForce(stored, {
    mqlMonthlyTarget: settings.mqlMonthlyTarget,
    prevYearRevenue: values.revenue_prev_year ?? null,
    periodMonths: months,
  });
  const out: Partial<Record<KpiKey, TileTarget>> = {};
  for (const [key, setting] of Object.entries(settingsInForce) as [KpiKey, KpiTargetSetting][]) {
    out[key] = { setting, status: targetStatus(values[key] ?? null, setting, months, elapsed) };
  }
  return out;
}

/**
 * The length of a period of calendar days (YYYY-MM-DD, both included) in months: whole
 * calendar months from its first day, plus the days left over as a fraction of an average
 * month (365.25 / 12 days). A year is 12, a quarter 3.
 */
export function periodMonths(from: string, to: string): number {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${addDays(to, 1)}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) return 0;
  let whole = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + (end.getUTCMonth() - start.getUTCMonth());
  const shifted = (n: number) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, start.getUTCDate()));
  if (shifted(whole) > end) whole -= 1;
  const rest = (end.getTime() - shifted(whole).getTime()) / 86_400_000;
  return whole + rest / (365.25 / 12);
}
