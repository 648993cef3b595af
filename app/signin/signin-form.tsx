"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "./actions";
import { signInErrorFromCode } from "./error-code";

/**
 * E-mail + password form, posted to the sign-in server action (app/signin/actions.ts). React
 * renders it as `method="POST"`, so it works before (or without) JavaScript too and the password
 * never ends up in a URL or a server log.
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const t = useTranslations("auth");
  const [initial] = useState<SignInState>(() => ({ error: signInErrorFromCode(initialError), email: "" }));
  const [state, formAction, pending] = useActionState(signInAction, initial);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { error } = state;

  // After a refused attempt (not on first render): empty the password and put the focus there.
  useEffect(() => {
    if (state !== initial && state.error && passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }, [state, initial]);

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
    <form action={formAction} noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
          defaultValue={state.email}
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
