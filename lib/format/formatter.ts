import type { createFormatter } from "next-intl";

/**
 * next-intl's formatter for the request's locale: `await getFormatter()` on the server,
 * `useFormatter()` in client components, `createFormatter({ locale })` in tests and scripts.
 * Every function of lib/format takes it first, so the same function formats on both sides.
 */
export type Formatter = ReturnType<typeof createFormatter>;

/**
 * The words around formatted numbers, from the common catalogue (messages/<locale>/common.json,
 * `format.*`): build them once with unitWords(useTranslations("common.format")) or
 * unitWords(await getTranslations("common.format")).
 */
export interface UnitWords {
  /** A duration: "12.5 days". */
  days: (value: string) => string;
  /** An amount per day: "€1,234.00/day". */
  perDay: (value: string) => string;
  /** A change of a ratio in percentage points: "+2.5 pp". */
  points: (value: string) => string;
  /** A number of days with the plural the language needs: "1 day", "3 days". */
  dayCount: (count: number) => string;
  yes: string;
  no: string;
}

/** A translator of the catalogue's `common.format` namespace (next-intl's `t`). */
export type FormatTranslator = (key: "days" | "perDay" | "pp" | "dayCount" | "yes" | "no", values?: Record<string, string | number>) => string;

/** The unit words of a locale, from a translator of `common.format`. */
export function unitWords(t: FormatTranslator): UnitWords {
  return {
    days: (value) => t("days", { value }),
    perDay: (value) => t("perDay", { value }),
    points: (value) => t("pp", { value }),
    dayCount: (count) => t("dayCount", { count }),
    yes: t("yes"),
    no: t("no"),
  };
}
