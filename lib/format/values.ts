import type { Formatter, UnitWords } from "./formatter";
import { formatCount, formatMoney, formatNumber, formatPercent } from "./numbers";
import { formatDateTime, formatDay } from "./dates";
import { NO_VALUE, type CellKind, type Unit } from "./units";

/**
 * A value of a Unit, in the style of the place that shows it (pure). The same unit reads a
 * little differently on a KPI card (with its unit word), on a chart axis (short) and as a
 * roadmap target (whole money, "3 days"); each style is named here so every place of the same
 * kind formats alike.
 */
export type UnitStyle =
  /** KPI cards: money with cents only when present, money per day "€12.50/day", ratios as %, days "12.5 days". */
  | "kpi"
  /**
   * KPI tiles: like kpi, but short enough never to wrap — money and large counts in compact
   * notation with 3 significant digits ("$2.22M", "12.3K", "$6.66K/day"); the exact value
   * (kpi style) goes in the tile's definition and in exports.
   */
  | "tile"
  /** Chart tooltips and data tables: bare numbers, days with at most one decimal. */
  | "plain"
  /** Chart axes: like plain, money and counts short ("€1.2M", "3.4K"). */
  | "compact"
  /** Roadmap KPI targets and values: money in whole units, days as "3 days". */
  | "target";

export interface UnitOptions {
  currency: string;
  style: UnitStyle;
  /** Unit words (needed by the kpi and target styles). */
  words?: UnitWords;
  /** A change of the value (kpi style): "+€6,000", "+2.5 pp", "−1.0 days". */
  signed?: boolean;
}

function needWords(words: UnitWords | undefined, style: UnitStyle): UnitWords {
  if (!words) throw new Error(`lib/format: the ${style} style needs the unit words (unitWords(t))`);
  return words;
}

/** A value of `unit`; null and non-finite values read as NO_VALUE. */
export function formatUnit(format: Formatter, unit: Unit, value: number | null | undefined, opts: UnitOptions): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return NO_VALUE;
  const { currency, style, signed } = opts;
  switch (style) {
    case "kpi": {
      const words = needWords(opts.words, style);
      switch (unit) {
        case "money":
          return formatMoney(format, value, { currency, signed });
        case "money_per_day":
          return words.perDay(formatMoney(format, value, { currency, precision: "cents", signed }));
        case "ratio":
          return signed ? words.points(formatNumber(format, value * 100, { decimals: 1, signed: true })) : formatPercent(format, value);
        case "days":
          return words.days(formatNumber(format, value, { fixedDecimals: 1, signed }));
        case "count":
          return formatCount(format, value, { signed });
      }
      break;
    }
    case "tile": {
      const words = needWords(opts.words, style);
      const short = { compact: true, significantDigits: 3, signed } as const;
      switch (unit) {
        case "money":
          return Math.abs(value) < 1000 ? formatMoney(format, Math.round(value), { currency, signed }) : formatMoney(format, value, { currency, ...short });
        case "money_per_day":
          return words.perDay(Math.abs(value) < 1000 ? formatMoney(format, Math.round(value), { currency, signed }) : formatMoney(format, value, { currency, ...short }));
        case "count":
          return Math.abs(value) < 10_000 ? formatCount(format, value, { signed }) : formatCount(format, value, short);
        case "ratio":
        case "days":
          return formatUnit(format, unit, value, { ...opts, style: "kpi" });
      }
      break;
    }
    case "plain":
    case "compact": {
      const compact = style === "compact";
      switch (unit) {
        case "money":
          return formatMoney(format, value, { currency, compact });
        case "money_per_day":
          return formatMoney(format, value, { currency, precision: "cents", compact });
        case "ratio":
          return formatPercent(format, value);
        case "days":
          return formatNumber(format, value, { decimals: 1 });
        case "count":
          return formatCount(format, value, { compact });
      }
      break;
    }
    case "target": {
      const words = needWords(opts.words, style);
      switch (unit) {
        case "money":
        case "money_per_day":
          return formatMoney(format, value, { currency, precision: "whole" });
        case "ratio":
          return formatPercent(format, value);
        case "days":
          return words.dayCount(value);
        case "count":
          return formatNumber(format, value);
      }
      break;
    }
  }
  return NO_VALUE;
}

/** Change of a value against a comparison value: absolute and relative (null when that is undefined), or null when either is undefined. */
export function change(current: number | null, compared: number | null): { delta: number; pct: number | null } | null {
  if (current === null || compared === null) return null;
  let delta = current - compared;
  if (Math.abs(delta) < 1e-12) delta = 0;
  return { delta, pct: compared === 0 ? null : delta / Math.abs(compared) };
}

/** What a table cell may hold (numbers may come as numeric text, exact from the database). */
export type CellValue = string | number | boolean | null;

export interface CellOptions {
  currency: string;
  /** The organisation's time zone, for date-times. */
  timeZone: string;
  words: Pick<UnitWords, "yes" | "no">;
  /** Display labels of enum / status values (e.g. stage names). */
  valueLabels?: Record<string, string>;
}

/** A table cell by its column's kind; empty values read as NO_VALUE. */
export function formatCell(format: Formatter, kind: CellKind, value: CellValue, opts: CellOptions): string {
  if (value === null || value === "") return NO_VALUE;
  switch (kind) {
    case "money":
    case "count":
    case "days":
    case "ratio":
      return formatUnit(format, kind, Number(value), { currency: opts.currency, style: "plain" });
    case "datetime":
      return formatDateTime(format, String(value), opts.timeZone);
    case "date":
      return formatDay(format, String(value));
    case "bool":
      return value === true ? opts.words.yes : opts.words.no;
    case "enum":
    case "status":
      return opts.valueLabels?.[String(value)] ?? String(value);
    case "id":
    case "text":
      return String(value);
  }
}

/**
 * A value as an export writes it: raw and exact, never localised (numbers as the database
 * gave them, booleans as true/false, empty for null), so a spreadsheet reads it back as it is.
 */
export function rawValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}
