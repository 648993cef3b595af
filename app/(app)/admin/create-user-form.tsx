"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { Locale, Role } from "@/lib/enums";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { createUserAction } from "./actions";
import { RoleOptions } from "./form-parts";

const FIELDS = ["email", "name", "role", "locale", "password"] as const;

/** `roles`/`locales` come from the server page (keeps the schema module out of the client bundle). */
export function CreateUserForm({ roles, locales }: { roles: readonly Role[]; locales: readonly Locale[] }) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const [state, formAction, pending] = useActionState(createUserAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);
  // An e-mail already taken is said once, at the e-mail field (not in the status line too).
  const form = useActionForm(state, { namespace: "admin", id: "new-user", fields: FIELDS });
  const email = form.field("email");
  const name = form.field("name");
  const role = form.field("role");
  const locale = form.field("locale");
  const password = form.field("password", { hint: true });
  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="new-user-heading">
      <h3 id="new-user-heading">{t("users.createHeading")}</h3>
      <FormStatus
        error={form.formError}
        success={state.ok && state.data ? t("users.created", { email: state.data.email }) : null}
      />
      <div className="form-row">
        <div className="field">
          <label htmlFor={email.props.id}>{t("users.email")}</label>
          <input {...email.props} type="email" autoComplete="off" required />
          <FieldError id={email.errorId} message={email.message} />
        </div>
        <div className="field">
          <label htmlFor={name.props.id}>{t("users.name")}</label>
          <input {...name.props} type="text" autoComplete="off" required />
          <FieldError id={name.errorId} message={name.message} />
        </div>
        <div className="field">
          <label htmlFor={role.props.id}>{t("users.role")}</label>
          <select {...role.props} defaultValue="sales" required>
            <RoleOptions roles={roles} />
          </select>
          <FieldError id={role.errorId} message={role.message} />
        </div>
        <div className="field">
          <label htmlFor={locale.props.id}>{t("users.locale")}</label>
          <select {...locale.props} defaultValue="en">
            {locales.map((l) => (
              <option key={l} value={l}>
                {common(`languages.${l}`)}
              </option>
            ))}
          </select>
          <FieldError id={locale.errorId} message={locale.message} />
        </div>
        <div className="field">
          <label htmlFor={password.props.id}>{t("users.password")}</label>
          <input {...password.props} type="password" autoComplete="new-password" minLength={10} required />
          <small id={password.hintId} className="muted">
            {t("users.passwordHint")}
          </small>
          <FieldError id={password.errorId} message={password.message} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("pending") : t("users.create")}
      </button>
    </form>
  );
}
