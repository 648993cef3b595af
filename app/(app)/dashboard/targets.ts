import type { KpiKey, OrgSettings } from "@/lib/kpi";

/**
 * The targets of the KPIs for a period, by KPI: the extension point for targets set by
 * leadership. Today the only stored target is the organisation's monthly MQL target
 * (organisation_settings.mql_monthly_target), scaled to the length of the period in months (a year is 12). Per-KPI
 * targets, stored and audited, will need their own table (a later step): read them here and
 * every tile that has a target shows its progress, with no change to the tiles.
 */
export function kpiTargets(settings: Pick<OrgSettings, "mqlMonthlyTarget">, period: { from: string; to: string }): Partial<Record<KpiKey, number>> {
  const targets: Partial<Record<KpiKey, number>> = {};
  const months = periodMonths(period.from, period.to);
  if (settings.mqlMonthlyTarget > 0 && months > 0) targets.mqls = Math.round(settings.mqlMonthlyTarget * months);
  return targets;
}

/**
 * The length of a period of calendar days (YYYY-MM-DD, both included) in months: whole
 * calendar months from its first day, plus the days left over as a fraction of an average
 * month (365.25 / 12 days). A year is 12, a quarter 3.
 */
export function periodMonths(from: string, to: string): number {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) return 0;
  let whole = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + (end.getUTCMonth() - start.getUTCMonth());
  const shifted = (n: number) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, start.getUTCDate()));
  if (shifted(whole) > end) whole -= 1;
  const rest = (end.getTime() - shifted(whole).getTime()) / 86_400_000;
  return whole + rest / (365.25 / 12);
}
