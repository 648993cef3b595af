"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/forms/field-error";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionState } from "@/lib/actions/action";
import type { Role } from "@/lib/enums";
import type { ActionItem, MeetingDetail } from "@/lib/meetings/queries";
import type { MeetingMutation } from "@/lib/meetings/service";
import {
  addActionItemAction,
  completeActionItemAction,
  createMeetingAction,
  makeCardAction,
  setIntervalAction,
  updateNotesAction,
} from "./actions";
import styles from "./meetings.module.css";

type Person = { id: number; name: string; role: Role };
const MEETING_FIELDS = ["title", "scheduledAt", "durationMinutes", "organizerTeam", "attendeeIds", "agenda", "notes"] as const;

/** Records a meeting; the agenda starts with the standing items (one a line, editable). */
export function NewMeetingForm({ people, standingAgenda, defaultAt, defaultOrganizer }: { people: Person[]; standingAgenda: string[]; defaultAt: string; defaultOrganizer: "marketing" | "sales" }) {
  const t = useTranslations("workspace.meetings");
  const tt = useTranslations("workspace.team");
  const tr = useTranslations("common.role");
  const id = useId();
  const [state, formAction, pending] = useActionState(createMeetingAction, {} as ActionState<MeetingDetail>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: MEETING_FIELDS });
  const f = (name: (typeof MEETING_FIELDS)[number]) => form.field(name);
  const title = f("title");
  const at = f("scheduledAt");
  const duration = f("durationMinutes");
  const organizer = f("organizerTeam");
  const attendees = f("attendeeIds");
  const agenda = f("agenda");
  const notes = f("notes");
  return (
    <details className="card" open={state.ok === false ? true : undefined}>
      <summary>{t("new")}</summary>
      <form action={formAction} key={state.ok ? `saved-${state.data?.id}` : "form"}>
        <div className="field">
          <label htmlFor={title.props.id}>{t("field.title")}</label>
          <input {...title.props} defaultValue={t("defaultTitle")} required maxLength={200} />
          <FieldError id={title.errorId} message={title.message} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={at.props.id}>{t("field.scheduledAt")}</label>
            <input {...at.props} type="datetime-local" defaultValue={defaultAt} required />
            <FieldError id={at.errorId} message={at.message} />
          </div>
          <div className="field">
            <label htmlFor={duration.props.id}>{t("field.durationMinutes")}</label>
            <input {...duration.props} type="number" min={15} max={480} step={15} defaultValue={60} required />
            <FieldError id={duration.errorId} message={duration.message} />
          </div>
          <div className="field">
            <label htmlFor={organizer.props.id}>{t("field.organizerTeam")}</label>
            <select {...organizer.props} defaultValue={defaultOrganizer}>
              {(["marketing", "sales", "joint"] as const).map((team) => (
                <option key={team} value={team}>
                  {tt(team)}
                </option>
              ))}
            </select>
            <FieldError id={organizer.errorId} message={organizer.message} />
          </div>
        </div>
        <fieldset className={styles.people} aria-describedby={attendees.props["aria-describedby"]}>
          <legend>{t("field.attendees")}</legend>
          {people.map((p) => (
            <label key={p.id}>
              <input type="checkbox" name={`attendee_${p.id}`} defaultChecked={p.role === "marketing" || p.role === "sales"} />
              {p.name} ({tr(p.role)})
            </label>
          ))}
        </fieldset>
        <FieldError id={attendees.errorId} message={attendees.message} />
        <div className="field">
          <label htmlFor={agenda.props.id}>{t("field.agenda")}</label>
          <textarea {...agenda.props} rows={7} defaultValue={standingAgenda.join("\n")} />
          <FieldError id={agenda.errorId} message={agenda.message} />
        </div>
        <div className="field">
          <label htmlFor={notes.props.id}>{t("field.notes")}</label>
          <textarea {...notes.props} rows={3} />
          <FieldError id={notes.errorId} message={notes.message} />
        </div>
        <FormStatus error={form.formError} success={state.ok ? t("created") : null} />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("save")}
        </button>
      </form>
    </details>
  );
}

export function NotesForm({ meeting }: { meeting: MeetingDetail }) {
  const t = useTranslations("workspace.meetings");
  const id = useId();
  const [state, formAction, pending] = useActionState(updateNotesAction, {} as ActionState<MeetingMutation>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: ["notes"] });
  const current = state.data?.meeting ?? meeting;
  const notes = form.field("notes");
  return (
    <form action={formAction} key={current.version}>
      <input type="hidden" name="id" value={current.id} />
      <input type="hidden" name="version" value={current.version} />
      <div className="field">
        <label htmlFor={notes.props.id}>{t("field.notes")}</label>
        <textarea {...notes.props} rows={6} defaultValue={current.notes} />
        <FieldError id={notes.errorId} message={notes.message} />
      </div>
      <FormStatus error={form.formError} success={state.ok ? t("saved") : null} />
      <button type="submit" className="btn" disabled={pending}>
        {t("saveNotes")}
      </button>
    </form>
  );
}

export function AddActionForm({ meetingId, people }: { meetingId: number; people: Person[] }) {
  const t = useTranslations("workspace.meetings");
  const id = useId();
  const [state, formAction, pending] = useActionState(addActionItemAction, {} as ActionState<MeetingDetail>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: ["title", "ownerUserId", "dueOn"] });
  const title = form.field("title");
  const owner = form.field("ownerUserId");
  const due = form.field("dueOn");
  return (
    <form action={formAction} key={state.ok ? `n-${state.data?.actions.length}` : "form"}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={title.props.id}>{t("field.actionTitle")}</label>
          <input {...title.props} required maxLength={200} />
          <FieldError id={title.errorId} message={title.message} />
        </div>
        <div className="field">
          <label htmlFor={owner.props.id}>{t("field.owner")}</label>
          <select {...owner.props} defaultValue="">
            <option value="">{t("noOwner")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id={owner.errorId} message={owner.message} />
        </div>
        <div className="field">
          <label htmlFor={due.props.id}>{t("field.dueOn")}</label>
          <input {...due.props} type="date" />
          <FieldError id={due.errorId} message={due.message} />
        </div>
        <button type="submit" className="btn" disabled={pending}>
          {t("addAction")}
        </button>
      </div>
      <FormStatus error={form.formError} />
    </form>
  );
}

export function ActionRow({ item, canMakeCard }: { item: ActionItem; canMakeCard: boolean }) {
  const t = useTranslations("workspace.meetings");
  const [doneState, doneAction, completing] = useActionState(completeActionItemAction, {} as ActionState<MeetingDetail>);
  const [cardState, cardAction, making] = useActionState(makeCardAction, {} as ActionState<{ roadmapItemId: number; meetingId: number }>);
  const cardId = cardState.data?.roadmapItemId ?? item.roadmapItemId;
  const error = doneState.ok === false ? doneState.error : cardState.ok === false ? cardState.error : null;
  return (
    <li data-testid={`action-${item.id}`}>
      <span className={item.done ? styles.done : undefined}>{item.title}</span>{" "}
      <span className="muted">
        · {item.ownerName ?? t("noOwner")} · {item.dueOn ?? t("noDue")}
      </span>{" "}
      {!item.done ? (
        <form action={doneAction} style={{ display: "inline" }}>
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" className="btn" disabled={completing} aria-label={t("markDoneOf", { title: item.title })}>
            {t("markDone")}
          </button>
        </form>
      ) : null}{" "}
      {cardId ? (
        <Link href={`/roadmap/${cardId}`}>{t("openCard")}</Link>
      ) : canMakeCard ? (
        <form action={cardAction} style={{ display: "inline" }}>
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" className="btn" disabled={making} aria-label={t("makeCardOf", { title: item.title })}>
            {t("makeCard")}
          </button>
        </form>
      ) : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </li>
  );
}

export function IntervalForm({ intervalDays }: { intervalDays: number }) {
  const t = useTranslations("workspace.meetings");
  const id = useId();
  const [state, formAction, pending] = useActionState(setIntervalAction, {} as ActionState<number>);
  const form = useActionForm(state, { namespace: "workspace", id, fields: ["intervalDays"] });
  const f = form.field("intervalDays");
  return (
    <form action={formAction} className="form-row">
      <div className="field">
        <label htmlFor={f.props.id}>{t("field.intervalDays")}</label>
        <input {...f.props} type="number" min={7} max={365} defaultValue={intervalDays} required />
        <FieldError id={f.errorId} message={f.message} />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("saveInterval")}
      </button>
      <FormStatus error={form.formError} success={state.ok ? t("saved") : null} />
    </form>
  );
}
