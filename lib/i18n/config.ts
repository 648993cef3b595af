import { LOCALES, type Locale } from "@/lib/enums";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Message catalogue namespaces: one JSON file per namespace and locale in messages/. */
export const NAMESPACES = ["common", "nav", "auth", "admin", "importPage", "roadmap", "dashboard", "kpi", "sla", "closedLoop", "content", "workspace"] as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { lang: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? null;
}
