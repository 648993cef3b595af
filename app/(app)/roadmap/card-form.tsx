"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm, type ActionField, type ActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { createCardAction } from "./actions";
import { HEALTH, type OwningTeam } from "@/lib/roadmap/constants";
import { KPI_KEYS, isKpiKey, kpiUnit } from "@/lib/roadmap/kpi";
import { targetForInput } from "@/lib/roadmap/kpi-target";
import type { BoardCard, BoardColumn, OwnerOption } from "@/lib/roadmap/queries";
import styles from "./board.module.css";
import { columnLabel } from "./ui";

type Values = Pick<
  BoardCard,
  "title" | "description" | "team" | "ownerUserId" | "dueOn" | "health" | "kpiKey" | "kpiTarget"
>;

export const EMPTY_CARD: Values = {
  title: "",
  description: "",
  team: "joint",
  ownerUserId: null,
  dueOn: null,
  health: "on_track",
  kpiKey: null,
  kpiTarget: null,
};

/** The fields CardFields shows (a refusal at one of them is said there, not in the status line). */
export const CARD_FIELDS = ["title", "description", "team", "ownerUserId", "dueOn", "health", "kpiKey", "kpiTarget"] as const;

/**
 * The fields of a card (uncontrolled, so a failed save keeps what was typed). Used by the
 * "new card" form on the board and the edit form on the card page; `form` is that form's
 * useActionForm (with `fields: CARD_FIELDS`).
 */
export function CardFields({
  values,
  form,
  owners,
  teams,
}: {
  values: Values;
  form: ActionForm;
  owners: OwnerOption[];
  teams: readonly OwningTeam[];
}) {
  const t = useTranslations("roadmap");
  const kpiText = useTranslations("kpi");
  const [kpiKey, setKpiKey] = useState<string>(values.kpiKey ?? "");
  const teamChoices = teams.includes(values.team) ? teams : [values.team, ...teams];
  const field = (name: (typeof CARD_FIELDS)[number], label: string, control: (props: FieldProps) => React.ReactNode, hint?: string) => {
    const f = form.field(name, { hint: hint !== undefined });
    return (
      <div className="field">
        <label htmlFor={f.props.id}>{label}</label>
        {control(f.props)}
        {hint ? (
          <p id={f.hintId} className={styles.hint}>
            {hint}
          </p>
        ) : null}
        <FieldError id={f.errorId} message={f.message} />
      </div>
    );
  };
  return (
    <>
      {field("title", t("form.title"), (p) => (
        <input {...p} type="text" required maxLength={200} defaultValue={values.title} />
      ))}
      {field(
        "description",
        t("form.description"),
        (p) => <textarea {...p} className={styles.textarea} maxLength={5000} defaultValue={values.description} />,
        t("form.descriptionHint"),
      )}
      <div className={styles.formGrid}>
        {field("team", t("form.team"), (p) => (
          <select {...p} defaultValue={values.team}>
            {teamChoices.map((team) => (
              <option key={team} value={team}>
                {t(`team.${team}`)}
              </option>
            ))}
          </select>
        ))}
        {field("ownerUserId", t("form.owner"), (p) => (
          <select {...p} defaultValue={values.ownerUserId === null ? "" : String(values.ownerUserId)}>
            <option value="">{t("form.noOwner")}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        ))}
        {field("dueOn", t("form.dueOn"), (p) => (
          <input {...p} type="date" defaultValue={values.dueOn ?? ""} />
        ))}
        {field("health", t("form.health"), (p) => (
          <select {...p} defaultValue={values.health}>
            {HEALTH.map((h) => (
              <option key={h} value={h}>
                {t(`health.${h}`)}
              </option>
            ))}
          </select>
        ))}
        {field("kpiKey", t("form.kpiKey"), (p) => (
          <select {...p} value={kpiKey} onChange={(e) => setKpiKey(e.target.value)}>
            <option value="">{t("form.noKpi")}</option>
            {KPI_KEYS.map((k) => (
              <option key={k} value={k}>
                {kpiText(`${k}.name`)}
              </option>
            ))}
          </select>
        ))}
        {field(
          "kpiTarget",
          t("form.kpiTarget"),
          (p) => <input {...p} type="text" inputMode="decimal" defaultValue={targetForInput(values.kpiKey, values.kpiTarget)} />,
          isKpiKey(kpiKey) ? t(`form.kpiTargetHint.${kpiUnit(kpiKey)}`) : undefined,
        )}
      </div>
      {/* The target of a share is typed as a percentage (30 = 30 %); the server stores 0.3. */}
      <input type="hidden" name="kpiTargetScale" value="percent" />
    </>
  );
}

type FieldProps = ActionField["props"];

/**
 * The board's "new card" button and its form in a modal native <dialog>: the page behind is
 * inert, focus starts at the first field and returns to the button when the dialog closes
 * (Escape, the close button, a click on the backdrop, or a created card). Errors stay in the
 * dialog; "card created" is said on the page, in a live region.
 */
export function NewCardForm({
  columns,
  owners,
  teams,
}: {
  columns: BoardColumn[];
  owners: OwnerOption[];
  teams: readonly OwningTeam[];
}) {
  const t = useTranslations("roadmap");
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  // Each created card bumps `created`, which remounts (empties) the form; a failure keeps it.
  const [state, formAction, pending] = useActionState(
    async (prev: ActionState<BoardCard> & { created?: number }, data: FormData): Promise<ActionState<BoardCard> & { created?: number }> => {
      const result = await createCardAction(prev, data);
      return { ...result, created: (prev.created ?? 0) + (result.ok ? 1 : 0) };
    },
    {},
  );
  const form = useActionForm(state, { namespace: "roadmap", id, fields: CARD_FIELDS });
  const created = state.created ?? 0;
  useEffect(() => {
    if (created > 0) dialogRef.current?.close();
  }, [created]);
  if (teams.length === 0) return null;
  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className="btn btn-primary"
        aria-haspopup="dialog"
        onClick={() => {
          dialogRef.current?.showModal();
          document.getElementById(`${id}-column`)?.focus();
        }}
      >
        {t("newCard.open")}
      </button>
      <FormStatus className={styles.live} error={null} success={state.ok && state.data ? t("newCard.created", { title: state.data.title }) : null} />
      <dialog
        ref={dialogRef}
        className={styles.dialog}
        aria-labelledby={`${id}-heading`}
        onClose={() => openerRef.current?.focus()}
        onClick={(e) => {
          // A click on the backdrop (the dialog element itself, outside its content) closes it.
          if (e.target === e.currentTarget) e.currentTarget.close();
        }}
      >
        <div className={styles.dialogBody}>
          <header className={styles.dialogHeader}>
            <h2 id={`${id}-heading`}>{t("newCard.title")}</h2>
            <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
              {t("newCard.close")}
            </button>
          </header>
          <form
            key={created}
            aria-labelledby={`${id}-heading`}
            onSubmit={(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              startTransition(() => formAction(data));
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-column`}>{t("newCard.column")}</label>
              <select id={`${id}-column`} name="columnId" defaultValue={columns[0]?.id}>
                {columns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {columnLabel(t, c)}
                  </option>
                ))}
              </select>
            </div>
            <CardFields values={{ ...EMPTY_CARD, team: teams.includes("joint") ? "joint" : teams[0]! }} form={form} owners={owners} teams={teams} />
            <FormStatus className={styles.live} error={form.formError} success={null} />
            <div className={styles.dialogActions}>
              <button type="submit" className="btn btn-primary" disabled={pending}>
                {pending ? t("form.saving") : t("newCard.submit")}
              </button>
              <button type="button" className="btn" onClick={() => dialogRef.current?.close()}>
                {t("form.cancel")}
              </button>
            </div>
          </form>
        </div>
      </dialog>
    </>
  );
}
