import { describe, expect, it } from "vitest";
import { LOCALES, NAMESPACES } from "./config";
import { localeFromAcceptLanguage } from "./config";
import { loadMessages } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  it("every namespace has the same keys in every language, and no empty strings", async () => {
    const [en, ...others] = await Promise.all(LOCALES.map((l) => loadMessages(l)));
    expect(Object.keys(en!).sort()).toEqual([...NAMESPACES].sort());
    const reference = keys(en).sort();
    for (const messages of others) expect(keys(messages).sort()).toEqual(reference);
    for (const messages of [en, ...others]) {
      const blank = keys(messages).filter((k) => {
        const v = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], messages);
        return typeof v !== "string" || v.trim() === "";
      });
      expect(blank).toEqual([]);
    }
  });

  it("picks the best supported language from Accept-Language", () => {
    expect(localeFromAcceptLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("de")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });
});
