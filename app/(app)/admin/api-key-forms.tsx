"use client";

import { useActionState, useEffect, useRef, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/enums";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { FormStatus } from "@/components/form-status";
import { RoleOptions, useField, useFormError } from "./form-parts";

export function CreateApiKeyForm({ roles }: { roles: readonly Role[] }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(createApiKeyAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.ok) {
      formRef.current?.reset();
      keyRef.current?.focus();
      keyRef.current?.select();
    }
  }, [state]);
  const name = useField(state, "new-key", "name", "keyName");
  const role = useField(state, "new-key", "role");
  const error = useFormError(state);
  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="new-key-heading">
      <h3 id="new-key-heading">{t("apiKeys.createHeading")}</h3>
      <FormStatus error={error} />
      {state.ok && state.data ? (
        <div className="form-success" role="status">
          <p>{t("apiKeys.createdOnce")}</p>
          <label htmlFor="new-key-value">{t("apiKeys.newKeyLabel")}</label>
          <input
            id="new-key-value"
            ref={keyRef}
            type="text"
            readOnly
            value={state.data.key}
            onFocus={(e) => e.currentTarget.select()}
            style={{ width: "100%", fontFamily: "monospace" }}
          />
        </div>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={name.inputProps.id}>{t("apiKeys.name")}</label>
          <input {...name.inputProps} type="text" autoComplete="off" required />
          {name.error}
        </div>
        <div className="field">
          <label htmlFor={role.inputProps.id}>{t("apiKeys.role")}</label>
          <select {...role.inputProps} defaultValue="leadership">
            <RoleOptions roles={roles} />
          </select>
          {role.error}
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("pending") : t("apiKeys.create")}
      </button>
    </form>
  );
}

export function RevokeApiKeyButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(revokeApiKeyAction, {});
  const error = useFormError(state);
  function confirmRevoke(event: FormEvent<HTMLFormElement>) {
    if (!window.confirm(t("apiKeys.revokeConfirm", { name }))) event.preventDefault();
  }
  return (
    <form action={formAction} onSubmit={confirmRevoke}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-danger" disabled={pending} aria-label={t("apiKeys.revokeLabel", { name })}>
        {pending ? t("pending") : t("apiKeys.revoke")}
      </button>
      <FormStatus error={error} />
    </form>
  );
}
