"use client";

import { useActionState, useEffect, useRef, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/enums";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { RoleOptions } from "./form-parts";

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
  const form = useActionForm(state, { namespace: "admin", id: "new-key", fields: ["name", "role"] });
  const name = form.field("name", { hintKey: "keyName" });
  const role = form.field("role");
  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="new-key-heading">
      <h3 id="new-key-heading">{t("apiKeys.createHeading")}</h3>
      <FormStatus error={form.formError} />
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
          <label htmlFor={name.props.id}>{t("apiKeys.name")}</label>
          <input {...name.props} type="text" autoComplete="off" required />
          <FieldError id={name.errorId} message={name.message} />
        </div>
        <div className="field">
          <label htmlFor={role.props.id}>{t("apiKeys.role")}</label>
          <select {...role.props} defaultValue="leadership">
            <RoleOptions roles={roles} />
          </select>
          <FieldError id={role.errorId} message={role.message} />
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
  const form = useActionForm(state, { namespace: "admin", id: `revoke-${id}` });
  function confirmRevoke(event: FormEvent<HTMLFormElement>) {
    if (!window.confirm(t("apiKeys.revokeConfirm", { name }))) event.preventDefault();
  }
  return (
    <form action={formAction} onSubmit={confirmRevoke}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-danger" disabled={pending} aria-label={t("apiKeys.revokeLabel", { name })}>
        {pending ? t("pending") : t("apiKeys.revoke")}
      </button>
      <FormStatus error={form.formError} />
    </form>
  );
}
