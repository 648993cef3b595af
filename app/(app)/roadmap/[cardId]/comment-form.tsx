"use client";

import { startTransition, useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions/action";
import type { CardComment } from "@/lib/roadmap/queries";
import { useTranslations } from "next-intl";
import { addCommentAction } from "../actions";
import styles from "../board.module.css";
import { actionError, fieldError } from "../ui";

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
  const error = fieldError(t, state, "body") ?? actionError(t, state);
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
        <label htmlFor={`${id}-body`}>{t("comments.label")}</label>
        <textarea
          id={`${id}-body`}
          name="body"
          className={styles.textarea}
          required
          maxLength={2000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("comments.submit")}
      </button>
      <div aria-live="polite" className={styles.live}>
        {state.ok ? <p className="form-success">{t("comments.added")}</p> : null}
      </div>
    </form>
  );
}
