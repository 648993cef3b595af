"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/enums";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { changeRoleAction, resetPasswordAction, setDisabledAction } from "./actions";
import { RoleOptions } from "./form-parts";

type Props = { userId: number; email: string; role: Role; disabled: boolean; isSelf: boolean; roles: readonly Role[] };

function RoleForm({ userId, email, role, roles }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(changeRoleAction, {});
  const form = useActionForm(state, { namespace: "admin", id: `role-${userId}`, fields: ["role"] });
  const field = form.field("role");
  return (
    <form action={formAction} className="form-row">
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor={field.props.id} className="visually-hidden">
          {t("users.roleFor", { email })}
        </label>
        <select {...field.props} key={role} defaultValue={role}>
          <RoleOptions roles={roles} />
        </select>
        <FieldError id={field.errorId} message={field.message} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? t("pending") : t("users.changeRole")}
      </button>
      {/* One field: its message says it all, without the status line's "correct the fields". */}
      <FormStatus error={field.message ? null : form.formError} success={state.ok ? t("users.roleChanged") : null} />
    </form>
  );
}

function DisableForm({ userId, email, disabled, isSelf }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(setDisabledAction, {});
  const form = useActionForm(state, { namespace: "admin", id: `disable-${userId}` });
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
      <FormStatus error={form.formError} />
    </form>
  );
}

function PasswordForm({ userId, email }: Props) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(resetPasswordAction, {});
  const form = useActionForm(state, { namespace: "admin", id: `password-${userId}`, fields: ["password"] });
  const field = form.field("password");
  return (
    <details>
      <summary>{t("users.resetPassword")}</summary>
      <form action={formAction} noValidate>
        <input type="hidden" name="userId" value={userId} />
        <div className="field">
          <label htmlFor={field.props.id}>{t("users.newPasswordFor", { email })}</label>
          <input {...field.props} type="password" autoComplete="new-password" minLength={10} required />
          <FieldError id={field.errorId} message={field.message} />
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {pending ? t("pending") : t("users.setPassword")}
        </button>
        <FormStatus error={field.message ? null : form.formError} success={state.ok ? t("users.passwordReset") : null} />
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
