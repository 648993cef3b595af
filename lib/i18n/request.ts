import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { isValidTimeZone } from "@/lib/time";
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

/**
 * The time zone dates and times are shown in: the organisation's (its `time_zone` setting), so
 * "today", a comment's time and a report's as_of read the same for everyone, whatever the
 * browser's zone. UTC when the setting cannot be read or is not a valid IANA zone (a page
 * still renders). NextIntlClientProvider (app/layout.tsx) passes it on to client components.
 */
export async function resolveTimeZone(): Promise<string> {
  try {
    const { timeZone } = await getOrgSettings(await getDb());
    return isValidTimeZone(timeZone) ? timeZone : "UTC";
  } catch (err) {
    console.error("[i18n] organisation time zone unavailable, using UTC", err);
    return "UTC";
  }
}

export default getRequestConfig(async () => {
  const [locale, timeZone] = await Promise.all([resolveLocale(), resolveTimeZone()]);
  return { locale, messages: await loadMessages(locale), timeZone };
});
