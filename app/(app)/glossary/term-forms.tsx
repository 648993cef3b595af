"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm, type ActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import { OWNING_TEAMS, type OwningTeam } from "@/lib/enums";
import type { GlossaryKind } from "@/lib/glossary/constants";
import type { GlossaryTerm } from "@/lib/glossary/queries";
import type { TermMutation } from "@/lib/glossary/service";
import { approveTermAction, createTermAction, updateTermAction } from "./actions";

type Values = { term: string; definition: string; ownerTeam: OwningTeam; examples: string; links: string; criteria: string };
const FIELDS = ["term", "definition", "ownerTeam", "examples", "links", "criteria"] as const;

function TermFields({ values, form, kind }: { values: Values; form: ActionForm; kind: GlossaryKind }) {
  const t = useTranslations("workspace.glossary");
  const tt = useTranslations("workspace.team");
  const text = (name: (typeof FIELDS)[number], multiline: boolean, required = false) => {
    const f = form.field(name);
    return (
      <div className="field">
        <label htmlFor={f.props.id}>{t(`field.${name}`)}</label>
        {multiline ? (
          <textarea {...f.props} defaultValue={values[name]} rows={name === "definition" ? 4 : 2} required={required} />
        ) : (
          <input {...f.props} defaultValue={values[name]} required={required} />
        )}
        <FieldError id={f.errorId} message={f.message} />
      </div>
    );
  };
  const owner = form.field("ownerTeam");
  return (
    <>
      {kind === "kpi" ? <input type="hidden" name="term" value={values.term} /> : text("term", false, true)}
      {text("definition", true, true)}
      <div className="field">
        <label htmlFor={owner.props.id}>{t("field.ownerTeam")}</label>
        <select {...owner.props} defaultValue={values.ownerTeam}>
          {OWNING_TEAMS.map((team) => (
            <option key={team} value={team}>
              {tt(team)}
            </option>
          ))}
        </select>
        <FieldError id={owner.errorId} message={owner.message} />
      </div>
      {kind === "stage" ? text("criteria", true) : <input type="hidden" name="criteria" value={values.criteria} />}
      {text("examples", true)}
      {text("links", true)}
    </>
  );
}

/** The "new term" form. */
export function NewTermForm() {
  const t = useTranslations("workspace.glossary");
  const id = useId();
  const [state, formAction, pending] = useActionState(createTermAction, {} as ActionState<GlossaryTerm>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: FIELDS });
  return (
    <details className="card">
      <summary>{t("new")}</summary>
      <form action={formAction} key={state.ok ? state.data?.id : "new"}>
        <TermFields values={{ term: "", definition: "", ownerTeam: "joint", examples: "", links: "", criteria: "" }} form={form} kind="term" />
        <FormStatus error={form.formError} success={state.ok ? t("created") : null} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("save")}
        </button>
      </form>
    </details>
  );
}

/** Edit (a new version) and approve one term; a stale answer shows the fresh version. */
export function TermActions({ term, canApprove, alreadyApproved }: { term: GlossaryTerm; canApprove: boolean; alreadyApproved: boolean }) {
  const t = useTranslations("workspace.glossary");
  const id = useId();
  const [editState, editAction, editing] = useActionState(updateTermAction, {} as ActionState<TermMutation>);
  const [approveState, approveAction, approving] = useActionState(approveTermAction, {} as ActionState<TermMutation>);
  const form = useActionForm(editState, { namespace: "workspace", id, fields: FIELDS });
  const approveForm = useActionForm(approveState, { namespace: "workspace", id: `${id}-a` });
  const fresh = editState.data?.status === "stale" ? editState.data.term : null;
  const current = fresh ?? term;
  return (
    <div className="form-row">
      {canApprove && !alreadyApproved ? (
        <form action={approveAction}>
          <input type="hidden" name="id" value={term.id} />
          <input type="hidden" name="version" value={term.version} />
          <button type="submit" className="btn btn-primary" disabled={approving} aria-label={t("approveTerm", { term: term.term })}>
            {t("approve")}
          </button>
          <FormStatus error={approveForm.formError} />
        </form>
      ) : null}
      <details>
        <summary className="btn">{t("edit")}</summary>
        <form action={editAction} key={`${current.id}-${current.version}`}>
          <input type="hidden" name="id" value={current.id} />
          <input type="hidden" name="version" value={current.version} />
          <p className="muted">{t("editResets")}</p>
          <TermFields values={current} form={form} kind={term.kind} />
          {fresh ? (
            <div className="form-error" role="alert">
              <p>{t("staleShown", { version: fresh.version })}</p>
              <p>{fresh.definition}</p>
            </div>
          ) : (
            <FormStatus error={form.formError} success={editState.ok ? t("saved") : null} />
          )}
          <button type="submit" className="btn btn-primary" disabled={editing}>
            {t("saveVersion")}
          </button>
        </form>
      </details>
    </div>
  );
}
