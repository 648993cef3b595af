import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { now } from "@/lib/clock";
import { STANDING_AGENDA } from "@/lib/meetings/constants";
import { listMeetings, listPeople, loadCadence } from "@/lib/meetings/queries";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { dateInZone, wallClockInZone } from "@/lib/time";
import { CadenceIndicator } from "./cadence-indicator";
import { IntervalForm, NewMeetingForm } from "./forms";
import styles from "./meetings.module.css";

export async function generateMetadata() {
  const t = await getTranslations("workspace.meetings");
  return { title: t("title") };
}

/** Alignment meetings: the cadence, a new meeting with the standing agenda, and every meeting held. */
export default async function MeetingsPage() {
  const user = await requireArea("meetings");
  const t = await getTranslations("workspace.meetings");
  const tt = await getTranslations("workspace.team");
  const db = await getDb();
  const [meetings, people, cadence, settings] = await Promise.all([listMeetings(db), listPeople(db), loadCadence(db, now()), getOrgSettings(db)]);
  const editable = can(user.role, "meetings", "edit");
  const last = meetings.find((m) => m.joint && new Date(m.scheduledAt) <= now());
  // Turn-taking: suggest the team that did not organise the last joint meeting.
  const defaultOrganizer = last?.organizerTeam === "marketing" ? "sales" : "marketing";
  const defaultAt = `${wallClockInZone(now(), settings.timeZone).slice(0, 13)}:00`;
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <p className="muted">{t("intro")}</p>
      <div className={styles.grid}>
        <CadenceIndicator variant="card" />
        {user.role === "leadership" || user.role === "admin" ? (
          <section className="card" aria-labelledby="interval-title">
            <h2 id="interval-title">{t("intervalTitle")}</h2>
            <IntervalForm intervalDays={cadence.intervalDays} />
          </section>
        ) : null}
      </div>
      {editable ? (
        <NewMeetingForm
          people={people}
          standingAgenda={STANDING_AGENDA.map((k) => t(`standing.${k}`))}
          defaultAt={defaultAt}
          defaultOrganizer={defaultOrganizer}
        />
      ) : null}
      <h2>{t("listTitle")}</h2>
      {meetings.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className={styles.list}>
          {meetings.map((m) => (
            <li key={m.id} className={`card ${styles.item}`}>
              <span>
                <Link href={`/meetings/${m.id}`}>{m.title}</Link>{" "}
                <span className="muted">
                  <time dateTime={m.scheduledAt}>{dateInZone(new Date(m.scheduledAt), settings.timeZone)}</time> · {t("organisedBy", { team: tt(m.organizerTeam) })}
                </span>
              </span>
              <span>
                {m.joint ? <span className="badge badge-good">{t("joint")}</span> : <span className="badge badge-muted">{t("notJoint")}</span>}{" "}
                <span className="muted">{t("attendeeCount", { count: m.attendees.length })} · {t("openActions", { count: m.openActions })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
