import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { MAX_INT4 } from "@/lib/limits";
import { listPeople, loadMeeting } from "@/lib/meetings/queries";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { wallClockInZone } from "@/lib/time";
import { ActionRow, AddActionForm, NotesForm } from "../forms";
import styles from "../meetings.module.css";

/** One meeting: attendees, agenda, notes, action items (each one step from a roadmap card), .ics download. */
export default async function MeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("meetings");
  const { id: raw } = await params;
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_INT4) notFound();
  const t = await getTranslations("workspace.meetings");
  const tt = await getTranslations("workspace.team");
  const tr = await getTranslations("common.role");
  const db = await getDb();
  const [meeting, people, settings] = await Promise.all([loadMeeting(db, id), listPeople(db), getOrgSettings(db)]);
  if (!meeting) notFound();
  const editable = can(user.role, "meetings", "edit");
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link href="/meetings">{t("back")}</Link>
      </p>
      <header className="page-header">
        <h1 id="page-title">{meeting.title}</h1>
        <a className="btn" href={`/meetings/${meeting.id}/ics`} download>
          {t("downloadIcs")}
        </a>
      </header>
      <p>
        <time dateTime={meeting.scheduledAt}>{wallClockInZone(new Date(meeting.scheduledAt), settings.timeZone).slice(0, 16).replace("T", " ")}</time> ({settings.timeZone}) ·{" "}
        {t("organisedBy", { team: tt(meeting.organizerTeam) })} · {meeting.joint ? t("joint") : t("notJoint")}
      </p>
      <div className={styles.grid}>
        <section className="card" aria-labelledby="attendees-title">
          <h2 id="attendees-title">{t("field.attendees")}</h2>
          <ul>
            {meeting.attendees.map((a) => (
              <li key={a.id}>
                {a.name} ({tr(a.role)})
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="agenda-title">
          <h2 id="agenda-title">{t("agenda")}</h2>
          <ol>
            {meeting.agenda.map((a) => (
              <li key={a.id}>{a.title}</li>
            ))}
          </ol>
        </section>
      </div>
      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">{t("notes")}</h2>
        {editable ? <NotesForm meeting={meeting} /> : <p className={styles.notes}>{meeting.notes}</p>}
      </section>
      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t("actionItems")}</h2>
        {meeting.actions.length === 0 ? <p className="muted">{t("noActions")}</p> : null}
        <ul className={styles.actions}>
          {meeting.actions.map((a) => (
            <ActionRow key={a.id} item={a} canMakeCard={can(user.role, "roadmap", "edit")} />
          ))}
        </ul>
        {editable ? <AddActionForm meetingId={meeting.id} people={people} /> : null}
      </section>
    </section>
  );
}
