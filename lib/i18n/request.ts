import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, localeFromAcceptLanguage } from "./config";
import { loadMessages } from "./messages";

/**
 * The request's locale: the signed-in user's own choice, else the locale cookie (set by the
 * switcher), else the browser's Accept-Language, else English.
 */
export async function resolveLocale() {
  const user = await getCurrentUser().catch(() => null);
  if (user) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
