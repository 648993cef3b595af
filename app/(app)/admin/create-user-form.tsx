"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { Locale, Role } from "@/lib/enums";
import { createUserAction } from "./actions";
import { FormStatus } from "@/components/form-status";
import { RoleOptions, useField, useFormError } from "./form-parts";

/** `roles`/`locales` come from the server page (keeps the schema module out of the client bundle). */
export function CreateUserForm({ roles, locales }: { roles: readonly Role[]; locales: readonly Locale[] }) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const [state, formAction, pending] = useActionState(createUserAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);
  const email = useField(state, "new-user", "email");
  const name = useField(state, "new-user", "name");
  const role = useField(state, "new-user", "role");
  const locale = useField(state, "new-user", "locale");
  const password = useField(state, "new-user", "password");
  const error = useFormError(state);
  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="new-user-heading">
      <h3 id="new-user-heading">{t("users.createHeading")}</h3>
      <FormStatus error={error} success={state.ok && state.data ? t("users.created", { email: state.data.email }) : null} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={email.inputProps.id}>{t("users.email")}</label>
          <input {...email.inputProps} type="email" autoComplete="off" required />
          {email.error}
        </div>
        <div className="field">
          <label htmlFor={name.inputProps.id}>{t("users.name")}</label>
          <input {...name.inputProps} type="text" autoComplete="off" required />
          {name.error}
        </div>
        <div className="field">
          <label htmlFor={role.inputProps.id}>{t("users.role")}</label>
          <select {...role.inputProps} defaultValue="sales" required>
            <RoleOptions roles={roles} />
          </select>
          {role.error}
        </div>
        <div className="field">
          <label htmlFor={locale.inputProps.id}>{t("users.locale")}</label>
          <select {...locale.inputProps} defaultValue="en">
            {locales.map((l) => (
              <option key={l} value={l}>
                {common(`languages.${l}`)}
              </option>
            ))}
          </select>
          {locale.error}
        </div>
        <div className="field">
          <label htmlFor={password.inputProps.id}>{t("users.password")}</label>
          <input
            {...password.inputProps}
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            aria-describedby={[password.inputProps["aria-describedby"], "new-user-password-hint"].filter(Boolean).join(" ")}
          />
          <small id="new-user-password-hint" className="muted">
            {t("users.passwordHint")}
          </small>
          {password.error}
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("pending") : t("users.create")}
      </button>
    </form>
  );
}
