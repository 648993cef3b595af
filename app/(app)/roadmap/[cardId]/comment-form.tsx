"use client";

import { startTransition, useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { LIMITS } from "@/lib/roadmap/constants";
import type { CardComment } from "@/lib/roadmap/queries";
import { addCommentAction } from "../actions";
import styles from "../board.module.css";

/**
 * Anyone who sees the roadmap may comment on any card. Plain text, at most LIMITS.comment
 * characters: a counter says how many are used, and a longer comment is refused (by the server
 * too) with a message naming the limit — never cut silently.
 */
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
  const [length, setLength] = useState(0);
  const over = length - LIMITS.comment;
  const counterId = `${body.props.id}-counter`;
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
        <textarea
          {...body.props}
          aria-describedby={[counterId, body.props["aria-describedby"]].filter(Boolean).join(" ")}
          aria-invalid={over > 0 ? true : body.props["aria-invalid"]}
          className={styles.textarea}
          required
          onChange={(e) => setLength(e.currentTarget.value.replace(/\r\n?/g, "\n").trim().length)}
        />
        <p id={counterId} className={over > 0 ? `${styles.hint} ${styles.overLimit}` : styles.hint}>
          {over > 0
            ? t("comments.counterOver", { count: length, limit: LIMITS.comment, over })
            : t("comments.counter", { count: length, limit: LIMITS.comment })}
        </p>
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
