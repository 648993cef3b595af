"use client";

import { useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { signInErrorFromCode, type SignInError } from "./error-code";

/** E-mail + password form; calls next-auth's credentials provider without a full-page redirect. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<SignInError | null>(() => signInErrorFromCode(initialError));
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError({ kind: "missing" });
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { redirect: false, email, password, callbackUrl });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        router.refresh();
        return;
      }
      setError(signInErrorFromCode(result?.error ?? "generic"));
    } catch {
      setError({ kind: "generic" });
    }
    setPending(false);
    if (passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }

  const message =
    error?.kind === "rate_limited"
      ? t("errors.rateLimited", { minutes: error.minutes })
      : error?.kind === "invalid"
        ? t("errors.invalid")
        : error?.kind === "missing"
          ? t("errors.missing")
          : error
          ? t("errors.generic")
          : "";

  return (
    <form onSubmit={onSubmit} noValidate>
      <div id="signin-error" aria-live="assertive" aria-atomic="true">
        {message ? <p className="form-error">{message}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="signin-email">{t("email")}</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={message ? "signin-error" : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="signin-password">{t("password")}</label>
        <input
          id="signin-password"
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={message ? "signin-error" : undefined}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending} aria-disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
