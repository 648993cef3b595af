"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { setCurrencyRateAction } from "./actions";

const FIELDS = ["currency", "rate"] as const;

/**
 * Sets the exchange rate of one currency into the reporting currency (setCurrencyRateAction).
 * The version sent is the one of that currency's rate as the page showed it (none for a new
 * currency), so a rate another admin changed meanwhile is refused, not overwritten.
 */
export function CurrencyRateForm({ reportingCurrency, versions }: { reportingCurrency: string; versions: Record<string, number> }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(setCurrencyRateAction, {});
  const form = useActionForm(state, { namespace: "admin", id: "currency-rate", fields: FIELDS });
  const [currency, setCurrency] = useState("");
  const version = versions[currency.trim().toUpperCase()];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const code = form.field("currency", { hintKey: "rateCurrency", hint: true });
  const rate = form.field("rate", { hintKey: "rateValue", hint: true });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="currency-rate-form-heading">
      <h3 id="currency-rate-form-heading">{t("rates.formHeading")}</h3>
      <FormStatus error={form.formError} success={state.ok && state.data ? t("rates.saved", { currency: state.data.currency, rate: state.data.rate, reporting: reportingCurrency }) : null} />
      <input type="hidden" name="version" value={version ?? ""} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={code.props.id}>{t("rates.currency")}</label>
          <input
            {...code.props}
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={3}
            required
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
          />
          <p id={code.hintId} className="muted">
            {t("rates.currencyHint")}
          </p>
          <FieldError id={code.errorId} message={code.message} />
        </div>
        <div className="field">
          <label htmlFor={rate.props.id}>{t("rates.rateInto", { currency: reportingCurrency })}</label>
          <input {...rate.props} type="text" inputMode="decimal" autoComplete="off" required />
          <p id={rate.hintId} className="muted">
            {t("rates.rateHint", { currency: reportingCurrency })}
          </p>
          <FieldError id={rate.errorId} message={rate.message} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("pending") : version ? t("rates.update") : t("rates.add")}
      </button>
    </form>
  );
}
