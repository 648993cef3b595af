"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { authenticate } from "@/lib/auth/authenticate";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { createSessionCookie } from "@/lib/auth/sign-in";
import { clientAddress } from "@/lib/security/client-address";
import type { SignInError } from "./error-code";

export type SignInState = { error: SignInError | null; email: string };

const text = (value: FormDataEntryValue | null, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

/**
 * The sign-in form's server action: a POST with or without JavaScript (React submits it with
 * fetch once hydrated; before that the browser posts the form itself, so the password never goes
 * into a URL). Next.js checks that the post comes from this origin. On success it sets
 * next-auth's session cookie and redirects to the (sanitised) callback URL; otherwise it answers
 * the error for the form, never throwing to the user.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = text(form.get("email"), 320).trim();
  const password = text(form.get("password"), 1000);
  const callbackUrl = safeCallbackUrl(text(form.get("callbackUrl"), 4096), process.env.NEXTAUTH_URL) ?? "/dashboard";
  if (!email || !password) return { error: { kind: "missing" }, email };
  let cookie: Awaited<ReturnType<typeof createSessionCookie>>;
  try {
    const result = await authenticate(await getDb(), { email, password, ip: clientAddress(await headers()) });
    if (!result.ok) {
      return {
        error: result.reason === "rate_limited" ? { kind: "rate_limited", minutes: result.retryAfterMinutes } : { kind: "invalid" },
        email,
      };
    }
    cookie = await createSessionCookie(result.user, result.sessionVersion);
  } catch (err) {
    console.error("sign-in failed", err);
    return { error: { kind: "generic" }, email };
  }
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  redirect(callbackUrl);
}
