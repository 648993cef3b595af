"use client";

import { startTransition, useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import type { CardComment } from "@/lib/roadmap/queries";
import { addCommentAction } from "../actions";
import styles from "../board.module.css";

/** Anyone who sees the roadmap may comment on any card. Plain text. */
export function CommentForm({ itemId }: { itemId: number }) {
  const t = useTranslations("roadmap");
  const id = useId();
  // Each added comment bumps `added`, which remounts (empties) the form; a failure keeps the text.
  const [state, formAction, pending] = useActionState(
    async (prev: ActionState<CardComment> & { added?: number }, data: FormData): Promise<ActionState<CardComment> & { added?: number }> => {
      const result = await addCommentAction(prev, data);
      return { ...result, added: (prev.added ?? 0) + (result.ok ? 1 : 0) };
    },
    {},
  );
  const form = useActionForm(state, { namespace: "roadmap", id, fields: ["body"] });
  const body = form.field("body");
  return (
    <form
      key={state.added ?? 0}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="itemId" value={itemId} />
      <div className="field">
        <label htmlFor={body.props.id}>{t("comments.label")}</label>
        <textarea {...body.props} className={styles.textarea} required maxLength={2000} />
        <FieldError id={body.errorId} message={body.message} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("comments.submit")}
      </button>
      {/* One field: its message says it all, without the status line's "correct the fields". */}
      <FormStatus
        className={styles.live}
        error={body.message ? null : form.formError}
        success={state.ok ? t("comments.added") : null}
      />
    </form>
  );
}
