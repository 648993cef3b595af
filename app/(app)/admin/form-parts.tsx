"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action";
import type { Role } from "@/lib/enums";

/** Known error codes of the admin actions (messages in admin.json "errors"). */
const ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "invalid",
  "unexpected",
  "last_admin",
  "self_disable",
  "email_taken",
  "not_found",
  "already_revoked",
] as const;
type ErrorCode = (typeof ERROR_CODES)[number];
const isErrorCode = (code: string | undefined): code is ErrorCode =>
  code !== undefined && (ERROR_CODES as readonly string[]).includes(code);

/** Field messages (admin.json "fieldErrors"), keyed by the form's field name. */
const FIELD_MESSAGES = ["email", "name", "role", "locale", "password", "keyName"] as const;
type FieldMessage = (typeof FIELD_MESSAGES)[number];
const isFieldMessage = (k: string): k is FieldMessage => (FIELD_MESSAGES as readonly string[]).includes(k);

/** The translated form-level message of a failed action, or null. */
export function useFormError<R>(state: ActionState<R>): string | null {
  const t = useTranslations("admin");
  if (state.ok !== false) return null;
  return isErrorCode(state.code) ? t(`errors.${state.code}`) : (state.error ?? t("errors.unexpected"));
}

/**
 * Props and message for one field: `id`, `aria-invalid` and `aria-describedby` pointing at the
 * error shown under it. `messageKey` picks the translated hint (defaults to the field name).
 */
export function useField<R>(state: ActionState<R>, formId: string, name: string, messageKey: string = name) {
  const t = useTranslations("admin");
  const errors = state.fieldErrors?.[name];
  const id = `${formId}-${name}`;
  const errorId = `${id}-error`;
  let message: string | null = null;
  if (errors && errors.length > 0) {
    if (isErrorCode(state.code) && state.code !== "invalid") message = t(`errors.${state.code}`);
    else if (isFieldMessage(messageKey)) message = t(`fieldErrors.${messageKey}`);
    else message = errors[0] ?? null;
  }
  return {
    inputProps: {
      id,
      name,
      "aria-invalid": message ? true : undefined,
      "aria-describedby": message ? errorId : undefined,
    },
    error: message ? (
      <p id={errorId} className="field-error">
        {message}
      </p>
    ) : null,
  };
}


/** The `<option>`s of a role select, with the roles' translated names. */
export function RoleOptions({ roles }: { roles: readonly Role[] }) {
  const common = useTranslations("common");
  return roles.map((r) => (
    <option key={r} value={r}>
      {common(`role.${r}`)}
    </option>
  ));
}
