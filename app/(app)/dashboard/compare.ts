import type { Direction, KpiComparison, Tone } from "@/components/kpi-tile/kpi-tile";
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

/** The words a tile's comparison needs: the dashboard's `card.*` messages and the unit formatter. */
export interface ComparisonWords {
  /** A message of the dashboard namespace (`card.comparedWith`, `card.better`, …). */
  t: (key: string, values?: Record<string, string>) => string;
  /** A value in its unit, as a tile ("tile", optionally signed) or in running text ("kpi"). */
  show: (unit: KpiUnit, value: number | null, style: "tile" | "kpi", signed?: boolean) => string;
  /** A relative change, signed ("+9.8%"). */
  signedPercent: (value: number) => string;
}

/**
 * A KPI tile's comparison with another period, in words (the dashboard's and the content page's
 * tiles): the change and its relative change from readChange, the tone and direction for screen
 * readers, and the compared value; "no comparison" when either value is undefined.
 */
export function describeComparison(
  words: ComparisonWords,
  def: { unit: KpiUnit; higherIsBetter: boolean },
  current: number | null,
  label: string,
  compared: number | null,
): KpiComparison {
  const { t, show } = words;
  const reading = readChange(current, compared, def.unit, def.higherIsBetter);
  const comparedText = t("card.comparedWith", { label, value: show(def.unit, compared, "kpi") });
  if (!reading) return { label, change: t("card.noComparison"), direction: "none", tone: "none", toneLabel: "", compared: comparedText };
  const tone = reading.tone === "good" ? t("card.better") : reading.tone === "bad" ? t("card.worse") : t("card.unchanged");
  return {
    label,
    change: show(def.unit, reading.delta, "tile", true),
    pct: reading.pct === null ? undefined : words.signedPercent(reading.pct),
    direction: reading.direction,
    tone: reading.tone,
    toneLabel: reading.direction === "flat" ? tone : `${t(`card.${reading.direction}`)}, ${tone}`,
    compared: comparedText,
  };
}
