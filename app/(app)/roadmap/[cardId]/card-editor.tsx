"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { formatDateTime } from "@/lib/format";
import { deleteCardAction, moveCardAction, updateCardAction } from "../actions";
import type { OwningTeam } from "@/lib/roadmap/constants";
import type { BoardCard, BoardColumn, OwnerOption } from "@/lib/roadmap/queries";
import styles from "../board.module.css";
import { CARD_FIELDS, CardFields } from "../card-form";
import { columnLabel } from "../ui";

type Outcome = { status: string; card?: BoardCard };

/**
 * Edit, move (without dragging) and delete a card. Every change sends the version the form is
 * based on; when someone else changed the card first the change is refused, and the user sees
 * the card as it is now and chooses: load it, or keep their own edits and save them knowingly.
 */
export function CardEditor({
  card,
  columns,
  owners,
  teams,
}: {
  card: BoardCard;
  columns: BoardColumn[];
  owners: OwnerOption[];
  teams: readonly OwningTeam[];
}) {
  const t = useTranslations("roadmap");
  const kpiText = useTranslations("kpi");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [base, setBase] = useState<BoardCard>(card);
  const [formKey, setFormKey] = useState(0);
  const [state, setState] = useState<ActionState<unknown>>({});
  const [stale, setStale] = useState<BoardCard | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [moveTo, setMoveTo] = useState<number>(card.columnId);

  function settle(result: ActionState<Outcome>, success: string, after?: (fresh: BoardCard) => void) {
    setState(result);
    setNotice(null);
    if (result.ok && result.data?.card) {
      setBase(result.data.card);
      setStale(null);
      setNotice(success);
      after?.(result.data.card);
      router.refresh();
    } else if (result.code === "stale" && result.data?.card) {
      setStale(result.data.card);
    }
  }

  // While the stale card is shown, it says what happened: no other message.
  const form = useActionForm(stale ? {} : state, { namespace: "roadmap", id, fields: CARD_FIELDS });
  const columnOf = (columnId: number) => {
    const c = columns.find((x) => x.id === columnId);
    return c ? columnLabel(t, c) : "?";
  };

  return (
    <>
      <section className="card" aria-labelledby={`${id}-edit`}>
        <h2 id={`${id}-edit`}>{t("detail.edit")}</h2>
        {stale ? (
          <div className="form-error" role="alert">
            <p>
              <strong>{t("stale.title")}</strong>
            </p>
            <p>{t("stale.body")}</p>
            <dl className={styles.facts}>
              <dt>{t("form.title")}</dt>
              <dd>{stale.title}</dd>
              <dt>{t("detail.column")}</dt>
              <dd>{columnOf(stale.columnId)}</dd>
              <dt>{t("form.team")}</dt>
              <dd>{t(`team.${stale.team}`)}</dd>
              <dt>{t("form.health")}</dt>
              <dd>{t(`health.${stale.health}`)}</dd>
              <dt>{t("form.owner")}</dt>
              <dd>{stale.ownerName ?? t("card.noOwner")}</dd>
              <dt>{t("form.dueOn")}</dt>
              <dd>{stale.dueOn ?? t("card.noDue")}</dd>
              <dt>{t("form.kpiKey")}</dt>
              <dd>{stale.kpiKey ? `${kpiText(`${stale.kpiKey}.name`)} ${stale.kpiTarget ? `→ ${stale.kpiTarget}` : ""}` : t("form.noKpi")}</dd>
              <dt>{t("form.description")}</dt>
              <dd className={styles.plain}>{stale.description || t("detail.noDescription")}</dd>
            </dl>
            <p className="muted">
              {t("detail.version", {
                version: stale.version,
                date: formatDateTime(format, stale.updatedAt),
              })}
            </p>
            <div className={styles.actions}>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setBase(stale);
                  setMoveTo(stale.columnId);
                  setStale(null);
                  setState({});
                  setFormKey((k) => k + 1);
                  router.refresh();
                }}
              >
                {t("stale.load")}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setBase({ ...base, version: stale.version, columnId: stale.columnId });
                  setStale(null);
                  setState({});
                  setNotice(t("stale.keptMine"));
                }}
              >
                {t("stale.keepMine")}
              </button>
            </div>
          </div>
        ) : null}
        <form
          key={formKey}
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            data.set("id", String(base.id));
            data.set("version", String(base.version));
            startTransition(async () => settle(await updateCardAction({}, data), t("form.saved")));
          }}
        >
          <CardFields values={base} form={form} owners={owners} teams={teams} />
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? t("form.saving") : t("form.save")}
          </button>
        </form>
        <FormStatus className={styles.live} error={form.formError} success={notice} />
      </section>
      <section className="card" aria-labelledby={`${id}-move`}>
        <h2 id={`${id}-move`}>{t("detail.moveTo")}</h2>
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () =>
              settle(
                await moveCardAction({}, { id: base.id, version: base.version, toColumnId: moveTo, toIndex: 100_000 }),
                t("detail.moved"),
              ),
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-column`}>{t("detail.column")}</label>
            <select id={`${id}-column`} value={moveTo} onChange={(e) => setMoveTo(Number(e.target.value))}>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {columnLabel(t, c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <button type="submit" className="btn" disabled={pending || moveTo === base.columnId}>
              {t("detail.move")}
            </button>
          </div>
        </form>
        <button
          type="button"
          className="btn btn-danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(t("detail.confirmDelete"))) return;
            startTransition(async () => {
              const result = await deleteCardAction({}, { id: base.id, version: base.version });
              if (result.ok) {
                router.push("/roadmap");
                return;
              }
              setState(result);
              if (result.code === "stale" && result.data?.status === "stale") setStale(result.data.card);
            });
          }}
        >
          {t("detail.delete")}
        </button>
      </section>
    </>
  );
}
