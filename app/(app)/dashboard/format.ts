import type { getFormatter } from "next-intl/server";
import type { KpiUnit } from "@/lib/kpi";

/**
 * Formatting of KPI values and their changes for the cards (server side, with next-intl's
 * formatter for the request's locale). Money in the organisation's currency (cents only when
 * the value has them), ratios as %, days with one decimal.
 */
export type Formatter = Awaited<ReturnType<typeof getFormatter>>;
type Translate = (key: "card.days" | "card.perDay" | "card.pp", values: { value: string }) => string;

export function formatKpi(format: Formatter, t: Translate, unit: KpiUnit, value: number, currency: string, signed = false): string {
  const signDisplay = signed ? ("exceptZero" as const) : ("auto" as const);
  switch (unit) {
    case "money":
      return format.number(value, { style: "currency", currency, maximumFractionDigits: Number.isInteger(value) ? 0 : 2, signDisplay });
    case "money_per_day":
      return t("card.perDay", {
        value: format.number(value, { style: "currency", currency, maximumFractionDigits: 2, signDisplay }),
      });
    case "ratio":
      return signed
        ? t("card.pp", { value: format.number(value * 100, { maximumFractionDigits: 1, signDisplay }) })
        : format.number(value, { style: "percent", maximumFractionDigits: 1 });
    case "days":
      return t("card.days", { value: format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay }) });
    case "count":
      return format.number(value, { maximumFractionDigits: 0, signDisplay });
  }
}

/** Change of a KPI against a comparison value: absolute and relative, or null when undefined. */
export function change(current: number | null, compared: number | null): { delta: number; pct: number | null } | null {
  if (current === null || compared === null) return null;
  let delta = current - compared;
  if (Math.abs(delta) < 1e-12) delta = 0;
  return { delta, pct: compared === 0 ? null : delta / Math.abs(compared) };
}
