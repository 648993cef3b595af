"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { setUserLocale } from "@/lib/users/manage";

/**
 * Switches the interface language: stored on the user when signed in, and in a cookie. Not
 * wrapped in action(): it works without a session too (the cookie alone).
 */
export async function setLocale(locale: string): Promise<{ error?: string }> {
  if (!isLocale(locale)) return { error: "locale: unsupported language" };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  const user = await getCurrentUser();
  if (user) await setUserLocale(await getDb(), user.id, locale);
  revalidatePath("/", "layout");
  return {};
}
