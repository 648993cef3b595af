"use client";

import { FormStatus } from "@/components/form-status";
import { startTransition, useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action";
import { createCardAction } from "./actions";
import { HEALTH, type OwningTeam } from "@/lib/roadmap/constants";
import { KPI_KEYS, isKpiKey, kpiUnit } from "@/lib/roadmap/kpi";
import type { BoardCard, BoardColumn, OwnerOption } from "@/lib/roadmap/queries";
import styles from "./board.module.css";
import { actionError, columnLabel, fieldError } from "./ui";

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

/**
 * The fields of a card (uncontrolled, so a failed save keeps what was typed). Used by the
 * "new card" form on the board and the edit form on the card page.
 */
export function CardFields({
  values,
  state,
  owners,
  teams,
}: {
  values: Values;
  state: ActionState<unknown>;
  owners: OwnerOption[];
  teams: readonly OwningTeam[];
}) {
  const t = useTranslations("roadmap");
  const id = useId();
  const [kpiKey, setKpiKey] = useState<string>(values.kpiKey ?? "");
  const teamChoices = teams.includes(values.team) ? teams : [values.team, ...teams];
  const field = (name: string, label: string, control: (props: FieldProps) => React.ReactNode, hint?: string) => {
    const error = fieldError(t, state, name);
    const fid = `${id}-${name}`;
    const describedBy = [hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field">
        <label htmlFor={fid}>{label}</label>
        {control({ id: fid, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
        {hint ? (
          <p id={`${fid}-hint`} className={styles.hint}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${fid}-error`} className="field-error">
            {error}
          </p>
        ) : null}
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
                {t(`kpi.${k}`)}
              </option>
            ))}
          </select>
        ))}
        {field(
          "kpiTarget",
          t("form.kpiTarget"),
          (p) => <input {...p} type="text" inputMode="decimal" defaultValue={values.kpiTarget ?? ""} />,
          isKpiKey(kpiKey) ? t(`form.kpiTargetHint.${kpiUnit(kpiKey)}`) : undefined,
        )}
      </div>
    </>
  );
}

type FieldProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/** The board's "new card" form (in a disclosure). */
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
  // Each created card bumps `created`, which remounts (empties) the form; a failure keeps it.
  const [state, formAction, pending] = useActionState(
    async (prev: ActionState<BoardCard> & { created?: number }, data: FormData): Promise<ActionState<BoardCard> & { created?: number }> => {
      const result = await createCardAction(prev, data);
      return { ...result, created: (prev.created ?? 0) + (result.ok ? 1 : 0) };
    },
    {},
  );
  if (teams.length === 0) return null;
  const error = actionError(t, state);
  return (
    <details className={`card ${styles.details}`}>
      <summary>{t("newCard.open")}</summary>
      <form
        key={state.created ?? 0}
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        <h2 id={`${id}-title`} className="visually-hidden">
          {t("newCard.title")}
        </h2>
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
        <CardFields values={{ ...EMPTY_CARD, team: teams.includes("joint") ? "joint" : teams[0]! }} state={state} owners={owners} teams={teams} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? t("form.saving") : t("newCard.submit")}
        </button>
      </form>
      <FormStatus
        className={styles.live}
        error={error}
        success={state.ok && state.data ? t("newCard.created", { title: state.data.title }) : null}
      />
    </details>
  );
}
