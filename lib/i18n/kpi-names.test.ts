import { describe, expect, it } from "vitest";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import { LOCALES, NAMESPACES } from "./config";
import { loadMessages } from "./messages";

/**
 * One name per KPI in each language: the `kpi` catalogue (messages/<locale>/kpi.json) holds a
 * name and a short description for every key of KPI_KEYS, and nothing else; the dashboard,
 * the roadmap, exports and the glossary all take the names from there. No other catalogue
 * keeps a table of KPI names (an object mapping two or more KPI keys to texts) — that is how
 * the dashboard and the roadmap came to disagree.
 */

type Tree = Record<string, unknown>;

function tablesOfKpiTexts(node: unknown, path: string): string[] {
  if (node === null || typeof node !== "object") return [];
  const entries = Object.entries(node as Tree);
  const kpiTexts = entries.filter(([k, v]) => (KPI_KEYS as readonly string[]).includes(k) && typeof v === "string");
  const here = kpiTexts.length >= 2 ? [`${path} (${kpiTexts.map(([k]) => k).join(", ")})`] : [];
  return [...here, ...entries.flatMap(([k, v]) => tablesOfKpiTexts(v, path ? `${path}.${k}` : k))];
}

describe("KPI names", () => {
  it.each(LOCALES)("%s: every KPI key has exactly one non-empty name and description, and the names differ", async (locale) => {
    const { kpi } = (await loadMessages(locale)) as Record<string, Tree>;
    expect(Object.keys(kpi ?? {}).sort()).toEqual([...KPI_KEYS].sort());
    const names = KPI_KEYS.map((key) => {
      const entry = kpi?.[key] as Tree | undefined;
      expect(typeof entry?.name, `${locale} ${key}.name`).toBe("string");
      expect(typeof entry?.description, `${locale} ${key}.description`).toBe("string");
      expect(String(entry?.name).trim(), `${locale} ${key}.name`).not.toBe("");
      expect(String(entry?.description).trim(), `${locale} ${key}.description`).not.toBe("");
      return String(entry?.name);
    });
    expect(new Set(names).size).toBe(names.length);
  });

  it("recognises a table of KPI names", () => {
    const old = { kpis: { revenue: "Revenue", win_rate: "Win rate" }, groups: { revenue: "Revenue", deals: "Deals" } };
    expect(tablesOfKpiTexts(old, "dashboard")).toEqual(["dashboard.kpis (revenue, win_rate)"]);
  });

  it.each(LOCALES)("%s: no other catalogue defines KPI names", async (locale) => {
    const messages = (await loadMessages(locale)) as Record<string, Tree>;
    const others = NAMESPACES.filter((ns) => ns !== "kpi");
    expect(others.flatMap((ns) => tablesOfKpiTexts(messages[ns], ns))).toEqual([]);
  });
});
