"use client";

import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { REJECTION_REASONS } from "@/lib/enums";
import type { LeadDecision } from "@/lib/sla/decisions";
import { decideLeadAction } from "./actions";
import styles from "./sla.module.css";

/**
 * Accept an MQL, or reject it with a reason (the shared list; "other" with a text), from the
 * queue. The outcome is announced; a lead someone else decided first says who, what and when.
 */
export function DecideForm({ leadId, leadLabel, timeZone }: { leadId: string; leadLabel: string; timeZone: string }) {
  const t = useTranslations("sla.decide");
  const format = useFormatter();
  const [state, formAction, pending] = useActionState<ActionState<LeadDecision>, FormData>(decideLeadAction, {});
  const id = `decide-${leadId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const form = useActionForm(state, { namespace: "sla", id, fields: ["reason", "comment"] });
  const reason = form.field("reason");
  const comment = form.field("comment");
  const current = state.ok === false && state.code === "already_decided" ? state.data : undefined;
  const error = current
    ? t("alreadyDecided", {
        verdict: current.verdict,
        who: current.decidedBy ?? "—",
        when: format.dateTime(new Date(current.decidedAt), { dateStyle: "medium", timeStyle: "short", timeZone }),
      })
    : form.formError;
  if (state.ok && state.data) {
    return <p className="form-success" role="status">{t(state.data.verdict === "accepted" ? "accepted" : "rejected")}</p>;
  }
  return (
    <div className={styles.decide}>
      <form action={formAction}>
        <input type="hidden" name="leadId" value={leadId} />
        <input type="hidden" name="verdict" value="accepted" />
        <button type="submit" className="btn btn-primary" disabled={pending} aria-label={t("acceptLabel", { lead: leadLabel })}>
          {t("accept")}
        </button>
      </form>
      <details className={styles.reject}>
        <summary aria-label={t("rejectLabel", { lead: leadLabel })}>{t("reject")}</summary>
        <form action={formAction} className={styles.rejectForm}>
          <input type="hidden" name="leadId" value={leadId} />
          <input type="hidden" name="verdict" value="rejected" />
          <label htmlFor={reason.props.id}>{t("reason")}</label>
          <select {...reason.props} defaultValue="" required>
            <option value="" disabled>
              {t("chooseReason")}
            </option>
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
          <FieldError id={reason.errorId} message={reason.message} />
          <label htmlFor={comment.props.id}>{t("comment")}</label>
          <input {...comment.props} type="text" maxLength={5000} />
          <FieldError id={comment.errorId} message={comment.message} />
          <button type="submit" className="btn" disabled={pending}>
            {t("confirmReject")}
          </button>
        </form>
      </details>
      <FormStatus error={error} />
    </div>
  );
}
