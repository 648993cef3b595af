import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import type { Unit } from "@/lib/format";

/**
 * The KPIs a roadmap card may be linked to: every key of kpi-definitions.md §2 (the keys of
 * /api/v1/kpis), taken from the engine's definitions (a pure module, safe for client
 * components), so a card names the same number the dashboard shows.
 */
export { KPI_KEYS, type KpiKey };

/** How a KPI's value reads on a card: a share (0.3 = 30%), money, days, or a plain count (lib/format's Unit, money per day read as money). */
export type KpiUnit = Exclude<Unit, "money_per_day">;

export function isKpiKey(value: unknown): value is KpiKey {
  return typeof value === "string" && (KPI_KEYS as readonly string[]).includes(value);
}

/** The card's unit for a KPI; money per day reads as money. */
export function kpiUnit(key: KpiKey): KpiUnit {
  const unit = KPI_DEFINITIONS[key].unit;
  return unit === "money_per_day" ? "money" : unit;
}
