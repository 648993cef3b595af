"use client";

import Link from "next/link";
import { useActionState, useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { ANSWER_VALUES, QUESTIONS, type QuestionKey } from "@/lib/assessment/model";
import type { SavedAssessment } from "@/lib/assessment/service";
import { makeStepCardAction, saveAssessmentAction } from "./actions";
import styles from "./assessment.module.css";

/** The questionnaire: one fieldset per sign, the evidence from the data beside it. */
export function AssessmentForm({ evidence, previous }: { evidence: Record<QuestionKey, ReactNode>; previous: Partial<Record<QuestionKey, number>> }) {
  const t = useTranslations("workspace.assessment");
  const id = useId();
  const [state, formAction, pending] = useActionState(saveAssessmentAction, {} as ActionState<SavedAssessment>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: QUESTIONS });
  return (
    <form action={formAction} className={styles.form}>
      {QUESTIONS.map((q) => {
        const f = form.field(q);
        return (
          <div key={q} className={`card ${styles.question}`} data-question={q}>
            <fieldset aria-describedby={f.message ? f.errorId : undefined}>
              <legend>{t(`questions.${q}`)}</legend>
              <div className={styles.options}>
                {ANSWER_VALUES.map((v) => (
                  <label key={v}>
                    <input type="radio" name={q} value={v} defaultChecked={previous[q] === v} required />
                    {t(`answers.${v}`)}
                  </label>
                ))}
              </div>
              <FieldError id={f.errorId} message={f.message} />
            </fieldset>
            <div className={styles.evidence}>{evidence[q]}</div>
          </div>
        );
      })}
      <FormStatus error={form.formError} success={state.ok ? t("saved", { score: state.data?.score ?? 0 }) : null} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}

/** A next step, one click from a roadmap card. */
export function StepCardButton({ question }: { question: QuestionKey }) {
  const t = useTranslations("workspace.assessment");
  const [state, formAction, pending] = useActionState(makeStepCardAction, {} as ActionState<{ roadmapItemId: number }>);
  if (state.ok && state.data) {
    return <Link href={`/roadmap/${state.data.roadmapItemId}`}>{t("openCard")}</Link>;
  }
  return (
    <form action={formAction} className={styles.inline}>
      <input type="hidden" name="question" value={question} />
      <button type="submit" className="btn" disabled={pending} aria-label={t("makeCardOf", { step: t(`steps.${question}.title`) })}>
        {t("makeCard")}
      </button>
      {state.ok === false ? (
        <span className="field-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
