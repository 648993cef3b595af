import type { Direction, Tone } from "@/components/kpi-tile/kpi-tile";
import type { KpiUnit } from "@/lib/kpi/definitions";
import { change } from "@/lib/format";

/** How a change reads on a tile: which way it moved, whether that is good news, whether a % is shown. */
export interface ChangeReading {
  delta: number;
  /** Relative change; null when undefined or meaningless (a change of a ratio is shown in pp only). */
  pct: number | null;
  direction: Direction;
  tone: Tone;
}

/**
 * Reads the change of a KPI against a compared value: the arrow is the direction of the change
 * (up or down), the colour whether that is good news (from higherIsBetter). A ratio (a rate, a
 * share, a growth rate) changes in percentage points only: never a percentage of a percentage.
 * Null when either value is undefined.
 */
export function readChange(current: number | null, compared: number | null, unit: KpiUnit, higherIsBetter: boolean): ChangeReading | null {
  const c = change(current, compared);
  if (!c) return null;
  const direction: Direction = c.delta === 0 ? "flat" : c.delta > 0 ? "up" : "down";
  const tone: Tone = c.delta === 0 ? "neutral" : c.delta > 0 === higherIsBetter ? "good" : "bad";
  return { delta: c.delta, pct: unit === "ratio" ? null : c.pct, direction, tone };
}

/**
 * Whether the two comparisons of a tile coincide (e.g. for "last 12 months" the previous period
 * is the same period last year): then the tile shows one line for both.
 */
export function comparisonsCoincide(samePeriods: boolean, previous: number | null, yearAgo: number | null): boolean {
  return samePeriods || previous === yearAgo;
}
