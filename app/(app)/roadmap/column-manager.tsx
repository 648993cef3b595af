"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import {
  createColumnAction,
  deleteColumnAction,
  moveColumnAction,
  renameColumnAction,
} from "./actions";
import type { BoardColumn } from "@/lib/roadmap/queries";
import styles from "./board.module.css";
import { columnLabel } from "./ui";

/** Admin only: rename, add, reorder and remove the board's columns. */
export function ColumnManager({ columns }: { columns: BoardColumn[] }) {
  const t = useTranslations("roadmap");
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<ActionState<BoardColumn[]>>({});
  const [newName, setNewName] = useState("");

  function run(call: () => Promise<ActionState<BoardColumn[]>>, after?: () => void) {
    startTransition(async () => {
      const result = await call();
      setState(result);
      if (result.ok) after?.();
      router.refresh();
    });
  }

  const form = useActionForm(state, { namespace: "roadmap", id, fields: ["name"] });
  const name = form.field("name");
  return (
    <details className={`card ${styles.details}`}>
      <summary>{t("columnsAdmin.open")}</summary>
      <p className="muted">{t("columnsAdmin.intro")}</p>
      <table className={`table ${styles.columnsTable}`}>
        <tbody>
          {columns.map((column, index) => (
            <ColumnRow
              key={`${column.id}:${column.name}`}
              index={index}
              last={index === columns.length - 1}
              pending={pending}
              onRename={(name) => run(() => renameColumnAction({}, { id: column.id, name }))}
              onMove={(toIndex) => run(() => moveColumnAction({}, { id: column.id, toIndex }))}
              onRemove={() => run(() => deleteColumnAction({}, { id: column.id }))}
              label={columnLabel(t, column)}
            />
          ))}
        </tbody>
      </table>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createColumnAction({}, { name: newName }),
            () => setNewName(""),
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-new`}>{t("columnsAdmin.newName")}</label>
          <input
            id={`${id}-new`}
            type="text"
            value={newName}
            maxLength={60}
            required
            onChange={(e) => setNewName(e.target.value)}
            aria-invalid={name.props["aria-invalid"]}
          />
        </div>
        <div className="field">
          <button type="submit" className="btn" disabled={pending}>
            {t("columnsAdmin.add")}
          </button>
        </div>
      </form>
      {/* The name's message (the only field) goes in the status line, which is what it points at. */}
      <FormStatus className={styles.live} error={name.message ?? form.formError} success={state.ok ? t("columnsAdmin.saved") : null} />
    </details>
  );
}

function ColumnRow({
  index,
  last,
  pending,
  label,
  onRename,
  onMove,
  onRemove,
}: {
  index: number;
  last: boolean;
  pending: boolean;
  label: string;
  onRename: (name: string) => void;
  onMove: (toIndex: number) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("roadmap");
  const id = useId();
  const [name, setName] = useState(label);
  return (
    <tr>
      <td>
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            onRename(name);
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-name`}>
            {t("columnsAdmin.name", { position: index + 1 })}
          </label>
          <input id={`${id}-name`} type="text" value={name} maxLength={60} required onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn" disabled={pending || name.trim() === "" || name === label}>
            {t("columnsAdmin.rename")}
          </button>
        </form>
      </td>
      <td>
        <div className={styles.actions}>
          <button type="button" className="btn" disabled={pending || index === 0} onClick={() => onMove(index - 1)}>
            <span aria-hidden="true">←</span>
            <span className="visually-hidden">{t("columnsAdmin.left", { name: label })}</span>
          </button>
          <button type="button" className="btn" disabled={pending || last} onClick={() => onMove(index + 1)}>
            <span aria-hidden="true">→</span>
            <span className="visually-hidden">{t("columnsAdmin.right", { name: label })}</span>
          </button>
          <button type="button" className="btn btn-danger" disabled={pending} onClick={onRemove}>
            {t("columnsAdmin.remove", { name: label })}
          </button>
        </div>
      </td>
    </tr>
  );
}
