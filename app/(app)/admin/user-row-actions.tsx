"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/enums";
import { changeRoleAction, resetPasswordAction, setDisabledAction } from "./actions";
import { FormStatus } from "@/components/form-status";
import { RoleOptions, useField, useFormError } from "./form-parts";

type Props = { userId: number; email: string; role: Role; disabled: boolean; isSelf: boolean; roles: readonly Role[] };

function RoleForm({ userId, email, role, roles }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(changeRoleAction, {});
  const field = useField(state, `role-${userId}`, "role");
  const error = useFormError(state);
  return (
    <form action={formAction} className="form-row">
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor={field.inputProps.id} className="visually-hidden">
          {t("users.roleFor", { email })}
        </label>
        <select {...field.inputProps} key={role} defaultValue={role}>
          <RoleOptions roles={roles} />
        </select>
        {field.error}
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? t("pending") : t("users.changeRole")}
      </button>
      {field.error ? null : <FormStatus error={error} success={state.ok ? t("users.roleChanged") : null} />}
    </form>
  );
}

function DisableForm({ userId, email, disabled, isSelf }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(setDisabledAction, {});
  const error = useFormError(state);
  const next = !disabled;
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={String(next)} />
      <button
        type="submit"
        className={next ? "btn btn-danger" : "btn"}
        disabled={pending || (next && isSelf)}
        aria-label={next ? t("users.disableLabel", { email }) : t("users.enableLabel", { email })}
      >
        {pending ? t("pending") : next ? t("users.disable") : t("users.enable")}
      </button>
      <FormStatus error={error} />
    </form>
  );
}

function PasswordForm({ userId, email }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(resetPasswordAction, {});
  const field = useField(state, `password-${userId}`, "password");
  const error = useFormError(state);
  return (
    <details>
      <summary>{t("users.resetPassword")}</summary>
      <form action={formAction} noValidate>
        <input type="hidden" name="userId" value={userId} />
        <div className="field">
          <label htmlFor={field.inputProps.id}>{t("users.newPasswordFor", { email })}</label>
          <input {...field.inputProps} type="password" autoComplete="new-password" minLength={10} required />
          {field.error}
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {pending ? t("pending") : t("users.setPassword")}
        </button>
        {field.error ? null : <FormStatus error={error} success={state.ok ? t("users.passwordReset") : null} />}
      </form>
    </details>
  );
}

/** The per-user controls in the users table: role, disable/enable, password reset. */
export function UserRowActions(props: Props) {
  return (
    <div className="form-row">
      <RoleForm {...props} />
      <DisableForm {...props} />
      <PasswordForm {...props} />
    </div>
  );
}
