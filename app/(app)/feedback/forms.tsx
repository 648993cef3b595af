"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { EVIDENCE_KINDS, type EvidenceKind } from "@/lib/feedback/schemas";
import { createFeedbackAction, replyFeedbackAction, resolveFeedbackAction } from "./actions";

const FIELDS = ["toTeam", "subject", "body", "evidenceKind", "evidenceRef"] as const;

/** New feedback; `prefill` comes from the URL (?kind=view&ref=/sla?…), so a report can link here with its own state. */
export function NewFeedbackForm({ teams, prefill }: { teams: ("marketing" | "sales")[]; prefill: { kind: EvidenceKind; ref: string } }) {
  const t = useTranslations("workspace.feedback");
  const tt = useTranslations("workspace.team");
  const id = useId();
  const [state, formAction, pending] = useActionState(createFeedbackAction, {} as ActionState<{ id: number }>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: FIELDS });
  const f = Object.fromEntries(FIELDS.map((n) => [n, form.field(n, { hint: n === "evidenceRef" })])) as Record<(typeof FIELDS)[number], ReturnType<typeof form.field>>;
  return (
    <details className="card" open={prefill.ref !== "" || state.ok === false ? true : undefined}>
      <summary>{t("new")}</summary>
      <form action={formAction}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={f.toTeam.props.id}>{t("field.toTeam")}</label>
            <select {...f.toTeam.props} defaultValue={teams[0]}>
              {teams.map((team) => (
                <option key={team} value={team}>
                  {tt(team)}
                </option>
              ))}
            </select>
            <FieldError id={f.toTeam.errorId} message={f.toTeam.message} />
          </div>
          <div className="field">
            <label htmlFor={f.evidenceKind.props.id}>{t("field.evidenceKind")}</label>
            <select {...f.evidenceKind.props} defaultValue={prefill.kind}>
              {EVIDENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
            <FieldError id={f.evidenceKind.errorId} message={f.evidenceKind.message} />
          </div>
          <div className="field">
            <label htmlFor={f.evidenceRef.props.id}>{t("field.evidenceRef")}</label>
            <input {...f.evidenceRef.props} defaultValue={prefill.ref} required maxLength={2000} />
            <p id={f.evidenceRef.hintId} className="muted">
              {t("evidenceHint")}
            </p>
            <FieldError id={f.evidenceRef.errorId} message={f.evidenceRef.message} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={f.subject.props.id}>{t("field.subject")}</label>
          <input {...f.subject.props} required maxLength={200} />
          <FieldError id={f.subject.errorId} message={f.subject.message} />
        </div>
        <div className="field">
          <label htmlFor={f.body.props.id}>{t("field.body")}</label>
          <textarea {...f.body.props} rows={4} required />
          <FieldError id={f.body.errorId} message={f.body.message} />
        </div>
        <FormStatus error={form.formError} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("send")}
        </button>
      </form>
    </details>
  );
}

export function ReplyForm({ feedbackId, canResolve }: { feedbackId: number; canResolve: boolean }) {
  const t = useTranslations("workspace.feedback");
  const id = useId();
  const [state, formAction, pending] = useActionState(replyFeedbackAction, {} as ActionState<{ id: number }>);
  const [resolveState, resolveAction, resolving] = useActionState(resolveFeedbackAction, {} as ActionState<{ id: number }>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: ["body"] });
  const resolveForm = useActionForm(resolveState, { namespace: "workspace", id: `${id}-r` });
  const body = form.field("body");
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  return (
    <>
      <form action={formAction} ref={ref}>
        <input type="hidden" name="id" value={feedbackId} />
        <div className="field">
          <label htmlFor={body.props.id}>{t("reply")}</label>
          <textarea {...body.props} rows={3} required />
          <FieldError id={body.errorId} message={body.message} />
        </div>
        <FormStatus error={form.formError} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("sendReply")}
        </button>
      </form>
      {canResolve ? (
        <form action={resolveAction}>
          <input type="hidden" name="id" value={feedbackId} />
          <button type="submit" className="btn" disabled={resolving}>
            {t("resolve")}
          </button>
          <FormStatus error={resolveForm.formError} />
        </form>
      ) : null}
    </>
  );
}
