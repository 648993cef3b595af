import { NAMESPACES, type Locale } from "./config";

type Messages = Record<string, Record<string, unknown>>;

/** Loads every namespace's catalogue for a locale into one messages object. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => {
      const mod = (await import(`../../messages/${locale}/${ns}.json`)) as { default: Record<string, unknown> };
      return [ns, mod.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
