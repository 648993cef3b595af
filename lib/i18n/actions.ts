"use server";

import { eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { LOCALE_COOKIE, isLocale } from "./config";

/** Switches the interface language: stored on the user when signed in, and in a cookie. */
export async function setLocale(locale: string): Promise<{ error?: string }> {
  if (!isLocale(locale)) return { error: "locale: unsupported language" };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  const user = await getCurrentUser();
  if (user) {
    const db = await getDb();
    await db.update(users).set({ locale, updatedAt: sql`now()` }).where(eq(users.id, user.id));
  }
  revalidatePath("/", "layout");
  return {};
}
