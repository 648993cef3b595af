import type { Formatter } from "./formatter";
import { NO_VALUE } from "./units";

/**
 * Numbers, money and percentages (pure: next-intl's formatter does the locale's digits,
 * separators and currency symbol). Values that are not finite numbers read as NO_VALUE.
 */

/** How many decimals an amount of money shows. */
export type MoneyPrecision =
  /** Cents only when the amount has them ("€40,000", "€1,234.56"): cards, tables, charts. */
  | "auto"
  /** Always the currency's cents ("€1,234.50"): amounts per day. */
  | "cents"
  /** Rounded to whole units ("€1,235"): roadmap targets. */
  | "whole";

export interface MoneyOptions {
  currency: string;
  precision?: MoneyPrecision;
  /** A change: "+€6,000", "−€500", "€0". */
  signed?: boolean;
  /** Short axis labels: "€1.2M". */
  compact?: boolean;
  /** With `compact`: significant digits instead of one decimal ("€2.22M" with 3). */
  significantDigits?: number;
}

const sign = (signed: boolean | undefined) => (signed ? ("exceptZero" as const) : ("auto" as const));
const finite = (value: number | null | undefined): value is number => typeof value === "number" && Number.isFinite(value);

/** An amount of money in `currency` (an ISO 4217 code). */
export function formatMoney(format: Formatter, value: number | null | undefined, opts: MoneyOptions): string {
  if (!finite(value)) return NO_VALUE;
  if (opts.compact) {
    const digits = opts.significantDigits ? { maximumSignificantDigits: opts.significantDigits } : { maximumFractionDigits: 1 };
    return format.number(value, { style: "currency", currency: opts.currency, notation: "compact", ...digits, signDisplay: sign(opts.signed) });
  }
  const precision = opts.precision ?? "auto";
  const maximumFractionDigits = precision === "whole" ? 0 : precision === "cents" ? 2 : Number.isInteger(value) ? 0 : 2;
  return format.number(value, { style: "currency", currency: opts.currency, maximumFractionDigits, signDisplay: sign(opts.signed) });
}

/** A whole number of things ("1,204"; compact "1.2K"; compact with 3 significant digits "12.3K"). */
export function formatCount(
  format: Formatter,
  value: number | null | undefined,
  opts: { signed?: boolean; compact?: boolean; significantDigits?: number } = {},
): string {
  if (!finite(value)) return NO_VALUE;
  const digits = opts.compact && opts.significantDigits ? { maximumSignificantDigits: opts.significantDigits } : { maximumFractionDigits: 0 };
  return format.number(value, { ...digits, notation: opts.compact ? "compact" : "standard", signDisplay: sign(opts.signed) });
}

/**
 * A plain decimal number. `decimals` is the most it shows (trailing zeros dropped);
 * `fixedDecimals` shows exactly that many. Without either: the locale's default (up to 3).
 */
export function formatNumber(
  format: Formatter,
  value: number | null | undefined,
  opts: { decimals?: number; fixedDecimals?: number; signed?: boolean } = {},
): string {
  if (!finite(value)) return NO_VALUE;
  const digits =
    opts.fixedDecimals !== undefined
      ? { minimumFractionDigits: opts.fixedDecimals, maximumFractionDigits: opts.fixedDecimals }
      : opts.decimals !== undefined
        ? { maximumFractionDigits: opts.decimals }
        : {};
  return format.number(value, opts.signed ? { ...digits, signDisplay: "exceptZero" } : digits);
}

/** A share as a percentage with at most one decimal (0.3 → "30%", 0.1234 → "12.3%"); `signed` for changes. */
export function formatPercent(format: Formatter, ratio: number | null | undefined, opts: { signed?: boolean } = {}): string {
  if (!finite(ratio)) return NO_VALUE;
  return format.number(ratio, opts.signed ? { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" } : { style: "percent", maximumFractionDigits: 1 });
}
