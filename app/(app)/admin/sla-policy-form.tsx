"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { updateSlaPolicyAction } from "./actions";
import styles from "./admin.module.css";

const FIELDS = ["time_zone", "sla_response_hours", "business_hours", "holidays", "mql_monthly_target", "effective"] as const;

/** The policy as the form starts from (the stored settings) and the settings version it was read at. */
export type SlaPolicyFormValues = {
  timeZone: string;
  slaResponseHours: number;
  businessHours: string;
  holidays: string[];
  mqlMonthlyTarget: number;
  version: string;
};

/**
 * The SLA policy editor (admin only; updateSlaPolicyAction). Business hours and holidays are
 * checked by lib/time's grammar on the server; its message shows at the field. "From now on"
 * (default) starts a new policy version; "correct" changes the policy in force (docs/sla.md).
 */
export function SlaPolicyForm({ values }: { values: SlaPolicyFormValues }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(updateSlaPolicyAction, {});
  const form = useActionForm(state, { namespace: "admin", id: "sla-policy", fields: FIELDS });
  // Submitted by hand (not <form action>): React would reset the fields after a refused edit,
  // and the admin would lose what they typed next to its error message.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const timeZone = form.field("time_zone", { hintKey: "policyTimeZone", hint: true });
  const hours = form.field("sla_response_hours", { hintKey: "policyHours" });
  const businessHours = form.field("business_hours", { hint: true });
  const holidays = form.field("holidays", { hint: true });
  const target = form.field("mql_monthly_target", { hintKey: "policyTarget" });
  const effective = form.field("effective", { hintKey: "policyEffective" });
  const success =
    state.ok && state.data
      ? state.data.changed.length === 0
        ? t("policy.unchanged")
        : t(state.data.effective === "now" ? "policy.savedNow" : "policy.savedAlways")
      : null;
  return (
    // Keyed by the settings version: after a save the page's new values become the defaults.
    <form key={values.version} onSubmit={onSubmit} noValidate aria-labelledby="sla-policy-form-heading">
      <h3 id="sla-policy-form-heading" className="visually-hidden">
        {t("policy.edit")}
      </h3>
      <FormStatus error={form.formError} success={success} />
      <input type="hidden" name="version" value={values.version} />
      <div className="field">
        <label htmlFor={timeZone.props.id}>{t("policy.timeZone")}</label>
        <input {...timeZone.props} type="text" defaultValue={values.timeZone} autoComplete="off" spellCheck={false} required />
        <p id={timeZone.hintId} className="muted">
          {t("policy.timeZoneHint")}
        </p>
        <FieldError id={timeZone.errorId} message={timeZone.message} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={hours.props.id}>{t("policy.window")}</label>
          <input {...hours.props} type="number" inputMode="decimal" min="0" step="any" defaultValue={values.slaResponseHours} required />
          <FieldError id={hours.errorId} message={hours.message} />
        </div>
        <div className="field">
          <label htmlFor={target.props.id}>{t("policy.target")}</label>
          <input {...target.props} type="number" inputMode="numeric" min="0" step="1" defaultValue={values.mqlMonthlyTarget} required />
          <FieldError id={target.errorId} message={target.message} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={businessHours.props.id}>{t("policy.businessHours")}</label>
        <input {...businessHours.props} type="text" defaultValue={values.businessHours} autoComplete="off" spellCheck={false} required />
        <p id={businessHours.hintId} className="muted">
          {t("policy.businessHoursHint")}
        </p>
        <FieldError id={businessHours.errorId} message={businessHours.message} />
      </div>
      <div className="field">
        <label htmlFor={holidays.props.id}>{t("policy.holidays")}</label>
        <input {...holidays.props} type="text" defaultValue={values.holidays.join(", ")} autoComplete="off" spellCheck={false} />
        <p id={holidays.hintId} className="muted">
          {t("policy.holidaysHint")}
        </p>
        <FieldError id={holidays.errorId} message={holidays.message} />
      </div>
      <fieldset className={styles.fieldset} aria-describedby={effective.message ? effective.errorId : undefined}>
        <legend>{t("policy.effective")}</legend>
        <label className={styles.choice}>
          <input type="radio" name="effective" value="now" defaultChecked /> {t("policy.effectiveNow")}
        </label>
        <label className={styles.choice}>
          <input type="radio" name="effective" value="always" /> {t("policy.effectiveAlways")}
        </label>
        <FieldError id={effective.errorId} message={effective.message} />
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("pending") : t("policy.save")}
      </button>
    </form>
  );
}
