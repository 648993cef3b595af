import { describe, expect, it } from "vitest";
import { createFormatter, createTranslator } from "next-intl";
import enCommon from "@/messages/en/common.json";
import esCommon from "@/messages/es/common.json";
import {
  NO_VALUE,
  change,
  formatCell,
  formatDateTime,
  formatDay,
  formatMonth,
  formatUnit,
  rawValue,
  unitWords,
  type FormatTranslator,
} from "./index";

const setup = (locale: "en" | "es") => {
  const common = locale === "en" ? enCommon : esCommon;
  const format = createFormatter({ locale, timeZone: "UTC" });
  const t = createTranslator({ locale, messages: { format: common.format }, namespace: "format" }) as unknown as FormatTranslator;
  return { format, words: unitWords(t) };
};

describe("lib/format", () => {
  it("formats KPI card values with their unit words", () => {
    const { format, words } = setup("en");
    const kpi = (unit: Parameters<typeof formatUnit>[1], v: number | null, signed = false) =>
      formatUnit(format, unit, v, { currency: "EUR", style: "kpi", words, signed });
    expect(kpi("money", 67_000)).toBe("€67,000");
    expect(kpi("money", 1234.5)).toBe("€1,234.50");
    expect(kpi("money", 6000, true)).toBe("+€6,000");
    expect(kpi("money", 0, true)).toBe("€0");
    expect(kpi("money_per_day", 12.5)).toBe("€12.50/day");
    expect(kpi("ratio", 0.8)).toBe("80%");
    expect(kpi("ratio", 0.025, true)).toBe("+2.5 pp");
    expect(kpi("days", 12.25)).toBe("12.3 days");
    expect(kpi("days", -1, true)).toBe("-1.0 days");
    expect(kpi("count", 1204)).toBe("1,204");
    expect(kpi("count", null)).toBe(NO_VALUE);
  });

  it("formats KPI tile values short (never wider than a tile), exact values elsewhere", () => {
    for (const locale of ["en", "es"] as const) {
      const { format, words } = setup(locale);
      const tile = (unit: Parameters<typeof formatUnit>[1], v: number, signed = false) =>
        formatUnit(format, unit, v, { currency: "USD", style: "tile", words, signed });
      if (locale === "en") {
        expect(tile("money", 2_223_914.7)).toBe("$2.22M");
        expect(tile("money", 612.5)).toBe("$613");
        expect(tile("money_per_day", 6657.01)).toBe("$6.66K/day");
        expect(tile("count", 1204)).toBe("1,204");
        expect(tile("count", 14_380)).toBe("14.4K");
        expect(tile("money", 39_712.76, true)).toBe("+$39.7K");
        expect(tile("ratio", 0.1234)).toBe("12.3%");
        expect(tile("days", 147.0325)).toBe("147.0 days");
      } else {
        expect(tile("money", 2_223_914.7)).toBe("2,22\u00a0M\u00a0US$");
        expect(tile("money", 39_712.76)).toBe("39,7\u00a0mil\u00a0US$");
      }
    }
  });
  it("formats chart values short on axes and in full in tooltips", () => {
    const { format } = setup("en");
    expect(formatUnit(format, "money", 1_234_567, { currency: "EUR", style: "compact" })).toBe("€1.2M");
    expect(formatUnit(format, "money", 1_234_567, { currency: "EUR", style: "plain" })).toBe("€1,234,567");
    expect(formatUnit(format, "count", 3400, { currency: "EUR", style: "compact" })).toBe("3K");
    expect(formatUnit(format, "days", 12.25, { currency: "EUR", style: "plain" })).toBe("12.3");
    expect(formatUnit(format, "ratio", Number.NaN, { currency: "EUR", style: "plain" })).toBe(NO_VALUE);
  });

  it("formats roadmap targets: whole money, days with their plural", () => {
    const { format, words } = setup("es");
    const target = (unit: Parameters<typeof formatUnit>[1], v: number) => formatUnit(format, unit, v, { currency: "EUR", style: "target", words });
    expect(target("money", 1234.56)).toBe("1235\u00a0€");
    expect(target("days", 1)).toBe("1 día");
    expect(target("days", 3)).toBe("3 días");
    expect(target("ratio", 0.3)).toBe("30\u00a0%");
  });

  it("formats table cells, dates and months", () => {
    const { format, words } = setup("en");
    const opts = { currency: "EUR", timeZone: "Europe/Madrid", words, valueLabels: { closed_won: "Won" } };
    expect(formatCell(format, "money", "40000.50", opts)).toBe("€40,000.50");
    expect(formatCell(format, "datetime", "2025-02-14T15:00:00.000Z", opts)).toBe(formatDateTime(format, "2025-02-14T15:00:00.000Z", "Europe/Madrid"));
    expect(formatCell(format, "date", "2025-02-14", opts)).toBe(formatDay(format, "2025-02-14"));
    expect(formatCell(format, "bool", true, opts)).toBe("Yes");
    expect(formatCell(format, "status", "closed_won", opts)).toBe("Won");
    expect(formatCell(format, "text", null, opts)).toBe(NO_VALUE);
    expect(formatDay(format, "2025-02-14")).toBe("Feb 14, 2025");
    expect(formatMonth(format, "2025-02")).toBe("Feb 2025");
  });

  it("computes changes and writes raw export values", () => {
    expect(change(110, 100)).toEqual({ delta: 10, pct: 0.1 });
    expect(change(5, 0)).toEqual({ delta: 5, pct: null });
    expect(change(null, 1)).toBeNull();
    expect([rawValue(12000.5), rawValue(true), rawValue(null), rawValue("40000.10")]).toEqual(["12000.5", "true", "", "40000.10"]);
  });
});
