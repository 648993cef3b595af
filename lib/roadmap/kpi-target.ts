import { kpiUnit, type KpiKey } from "./kpi";

/**
 * KPI targets as people type them and as cards store them. A share (ratio KPI) is stored as
 * 0..1 and entered in forms as a percentage 0..100; the conversion shifts the decimal point in
 * the text, so "12.5" % is exactly "0.125" (no floating-point noise). Plain values only:
 * client components import this module.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Shifts the decimal point of a non-negative decimal text by `places` (negative: to the left). */
function shiftDecimal(text: string, places: number): string {
  const m = DECIMAL.exec(text.trim());
  if (!m) return text;
  const whole = m[1]!;
  const frac = m[2] ?? "";
  const digits = whole + frac;
  let point = whole.length + places;
  let padded = digits;
  if (point <= 0) {
    padded = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    padded = digits + "0".repeat(point - digits.length);
  }
  const int = padded.slice(0, point).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(point).replace(/0+$/, "");
  return rest === "" ? int : `${int}.${rest}`;
}

/** "12.5" (percent) → "0.125" (share). Texts that are not a non-negative decimal come back unchanged. */
export function percentToRatio(percent: string): string {
  return shiftDecimal(percent, -2);
}

/** "0.125" (share) → "12.5" (percent). Texts that are not a non-negative decimal come back unchanged. */
export function ratioToPercent(ratio: string): string {
  return shiftDecimal(ratio, 2);
}

/** How a form shows a stored target: a share as a percentage, anything else as stored. */
export function targetForInput(key: KpiKey | null, stored: string | null): string {
  if (stored === null) return "";
  return key !== null && kpiUnit(key) === "ratio" ? ratioToPercent(stored) : stored;
}

/**
 * The validation code of a target for a KPI (as stored: a share is 0..1), or null when it fits:
 * shares 0..1, counts and money ≥ 0, days > 0.
 */
export function targetProblem(key: KpiKey, stored: string): TargetProblem | null {
  const n = Number(stored);
  if (!Number.isFinite(n)) return "invalid_number";
  switch (kpiUnit(key)) {
    case "ratio":
      return n < 0 || n > 1 ? "kpi_target_ratio_range" : null;
    case "days":
      return n <= 0 ? "kpi_target_days_positive" : null;
    default:
      return n < 0 ? "kpi_target_negative" : null;
  }
}

export type TargetProblem = "invalid_number" | "kpi_target_ratio_range" | "kpi_target_days_positive" | "kpi_target_negative";
