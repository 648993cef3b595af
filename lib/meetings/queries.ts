import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { OwningTeam, Role } from "@/lib/enums";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { dateInZone } from "@/lib/time";
import { cadenceOf, organiserBalance, ORGANISER_WINDOW, type Cadence, type OrganiserBalance } from "./cadence";
import { DEFAULT_MEETING_INTERVAL_DAYS } from "./constants";

/**
 * Reads of the meetings area. A meeting is "joint" when its attendees include at least one
 * marketing and one sales user (the cadence counts only those, held at or before now).
 */
const JOINT = (m: string) => sql.raw(`(exists (select 1 from meeting_attendees ja join users ju on ju.id = ja.user_id
   where ja.meeting_id = ${m}.id and ju.role = 'marketing')
 and exists (select 1 from meeting_attendees ja join users ju on ju.id = ja.user_id
   where ja.meeting_id = ${m}.id and ju.role = 'sales'))`);

/**
 * The interval setting (organisation_settings.meeting_interval_days, added by this area's
 * migration; the default when the row is missing).
 */
export async function meetingIntervalDays(db: Pick<Db, "execute">): Promise<number> {
  const rows = await db.execute<{ days: number }>(sql`select meeting_interval_days as days from organisation_settings where id = 1`);
  const days = [...rows][0]?.days;
  return days === undefined ? DEFAULT_MEETING_INTERVAL_DAYS : Number(days);
}

export type CadenceView = Cadence & { balance: OrganiserBalance; lastMeetingId: number | null };

/** The cadence at `now`: days since the last joint meeting, due or overdue, and who organised the recent ones. */
export async function loadCadence(db: Db, now: Date): Promise<CadenceView> {
  const [settings, interval] = await Promise.all([getOrgSettings(db), meetingIntervalDays(db)]);
  const rows = await db.execute<{ id: number; scheduledAt: string | Date; organizerTeam: string }>(sql`
    select m.id, m.scheduled_at as "scheduledAt", m.organizer_team as "organizerTeam"
      from meetings m
     where m.scheduled_at <= ${now.toISOString()}::timestamptz and ${JOINT("m")}
     order by m.scheduled_at desc, m.id desc
     limit ${ORGANISER_WINDOW}`);
  const list = [...rows];
  const last = list[0];
  const cadence = cadenceOf(last ? dateInZone(new Date(last.scheduledAt), settings.timeZone) : null, dateInZone(now, settings.timeZone), interval);
  return { ...cadence, balance: organiserBalance(list.map((r) => r.organizerTeam)), lastMeetingId: last ? Number(last.id) : null };
}

export type MeetingSummary = {
  id: number;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  organizerTeam: OwningTeam;
  joint: boolean;
  attendees: { id: number; name: string; role: Role }[];
  openActions: number;
};

type SummaryRow = Omit<MeetingSummary, "scheduledAt" | "attendees"> & { scheduledAt: string | Date; attendees: MeetingSummary["attendees"] | string };

const summarySelect = sql`
  select m.id, m.title, m.scheduled_at as "scheduledAt", m.duration_minutes as "durationMinutes",
         m.organizer_team as "organizerTeam", ${JOINT("m")} as joint,
         coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role) order by u.name)
                     from meeting_attendees a join users u on u.id = a.user_id where a.meeting_id = m.id), '[]'::json) as attendees,
         (select count(*)::int from meeting_action_items ai where ai.meeting_id = m.id and ai.done_at is null) as "openActions"
    from meetings m`;

function decodeSummary(r: SummaryRow): MeetingSummary {
  return {
    ...r,
    id: Number(r.id),
    durationMinutes: Number(r.durationMinutes),
    openActions: Number(r.openActions),
    scheduledAt: new Date(r.scheduledAt).toISOString(),
    attendees: typeof r.attendees === "string" ? (JSON.parse(r.attendees) as MeetingSummary["attendees"]) : r.attendees,
  };
}

/** Meetings, newest first (at most `limit`). */
export async function listMeetings(db: Db, limit = 100): Promise<MeetingSummary[]> {
  const rows = await db.execute<SummaryRow>(sql`${summarySelect} order by m.scheduled_at desc, m.id desc limit ${limit}`);
  return [...rows].map(decodeSummary);
}

export type ActionItem = {
  id: number;
  title: string;
  ownerUserId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  done: boolean;
  roadmapItemId: number | null;
};

export type MeetingDetail = MeetingSummary & {
  notes: string;
  version: number;
  agenda: { id: number; position: number; title: string }[];
  actions: ActionItem[];
};

export async function loadMeeting(db: Db, id: number): Promise<MeetingDetail | null> {
  const rows = await db.execute<SummaryRow>(sql`${summarySelect} where m.id = ${id}`);
  const row = [...rows][0];
  if (!row) return null;
  const [extra] = [
    ...(await db.execute<{ notes: string; version: number }>(sql`select notes, version from meetings where id = ${id}`)),
  ];
  const agenda = await db.execute<{ id: number; position: number; title: string }>(
    sql`select id, position, title from meeting_agenda_items where meeting_id = ${id} order by position, id`,
  );
  const actions = await db.execute<ActionItem & { dueOn: string | Date | null }>(sql`
    select ai.id, ai.title, ai.owner_user_id as "ownerUserId", u.name as "ownerName",
           to_char(ai.due_on, 'YYYY-MM-DD') as "dueOn", ai.done_at is not null as done, ai.roadmap_item_id as "roadmapItemId"
      from meeting_action_items ai left join users u on u.id = ai.owner_user_id
     where ai.meeting_id = ${id} order by ai.id`);
  return {
    ...decodeSummary(row),
    notes: extra?.notes ?? "",
    version: Number(extra?.version ?? 1),
    agenda: [...agenda].map((a) => ({ ...a, id: Number(a.id), position: Number(a.position) })),
    actions: [...actions].map((a) => ({
      ...a,
      id: Number(a.id),
      ownerUserId: a.ownerUserId === null ? null : Number(a.ownerUserId),
      roadmapItemId: a.roadmapItemId === null ? null : Number(a.roadmapItemId),
      dueOn: a.dueOn === null ? null : String(a.dueOn),
    })),
  };
}

/** The people who can attend or own an action: enabled users (with their role, i.e. team). */
export async function listPeople(db: Db): Promise<{ id: number; name: string; role: Role }[]> {
  const rows = await db.execute<{ id: number; name: string; role: Role }>(
    sql`select id, name, role from users where not disabled order by role, name, id`,
  );
  return [...rows].map((r) => ({ ...r, id: Number(r.id) }));
}
