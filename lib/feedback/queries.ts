import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Role } from "@/lib/enums";
import { teamOf } from "@/lib/workspace/teams";
import type { EvidenceKind, FeedbackStatus } from "./schemas";

/**
 * Reads of the feedback area. An item is unread for a user when someone else wrote (the item or
 * a reply) after the user last read it. A user's inbox: the items sent to their team (marketing
 * or sales); leadership and admin see every item there.
 */
export type Viewer = { id: number; role: Role };
export type FeedbackBox = "inbox" | "sent";

export type FeedbackItem = {
  id: number;
  fromTeam: string;
  toTeam: string;
  authorName: string | null;
  subject: string;
  evidenceKind: EvidenceKind;
  evidenceRef: string;
  status: FeedbackStatus;
  createdAt: string;
  replies: number;
  unread: boolean;
};

function unreadFor(userId: number): SQL {
  return sql`(
    (f.author_id is distinct from ${userId} and f.created_at > coalesce(r.read_at, '-infinity'::timestamptz))
    or exists (select 1 from team_feedback_messages m where m.feedback_id = f.id
               and m.author_id is distinct from ${userId} and m.created_at > coalesce(r.read_at, '-infinity'::timestamptz)))`;
}

function inboxOf(viewer: Viewer): SQL {
  const team = teamOf(viewer.role);
  return team === null ? sql`true` : sql`f.to_team = ${team}`;
}

export async function listFeedback(db: Db, viewer: Viewer, box: FeedbackBox): Promise<FeedbackItem[]> {
  const where = box === "inbox" ? inboxOf(viewer) : sql`f.author_id = ${viewer.id}`;
  const rows = await db.execute<FeedbackItem & { createdAt: string | Date }>(sql`
    select f.id, f.from_team as "fromTeam", f.to_team as "toTeam", u.name as "authorName", f.subject,
           f.evidence_kind as "evidenceKind", f.evidence_ref as "evidenceRef", f.status, f.created_at as "createdAt",
           (select count(*)::int from team_feedback_messages m where m.feedback_id = f.id) as replies,
           ${unreadFor(viewer.id)} as unread
      from team_feedback f
      left join users u on u.id = f.author_id
      left join team_feedback_reads r on r.feedback_id = f.id and r.user_id = ${viewer.id}
     where ${where}
     order by f.last_activity_at desc, f.id desc
     limit 200`);
  return [...rows].map((r) => ({ ...r, id: Number(r.id), replies: Number(r.replies), createdAt: new Date(r.createdAt).toISOString() }));
}

/** The unread items of the user's inbox (the navigation's count). */
export async function unreadCount(db: Db, viewer: Viewer): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    select count(*)::int as n
      from team_feedback f
      left join team_feedback_reads r on r.feedback_id = f.id and r.user_id = ${viewer.id}
     where (${inboxOf(viewer)} or f.author_id = ${viewer.id}) and ${unreadFor(viewer.id)}`);
  return Number([...rows][0]?.n ?? 0);
}

export type Thread = FeedbackItem & {
  authorId: number | null;
  body: string;
  firstResponseAt: string | null;
  messages: { id: number; authorName: string | null; body: string; createdAt: string }[];
};

export async function loadThread(db: Db, viewer: Viewer, id: number): Promise<Thread | null> {
  const rows = await db.execute<Thread & { createdAt: string | Date; firstResponseAt: string | Date | null }>(sql`
    select f.id, f.from_team as "fromTeam", f.to_team as "toTeam", u.name as "authorName", f.author_id as "authorId",
           f.subject, f.body, f.evidence_kind as "evidenceKind", f.evidence_ref as "evidenceRef", f.status,
           f.created_at as "createdAt", f.first_response_at as "firstResponseAt", 0 as replies, false as unread
      from team_feedback f left join users u on u.id = f.author_id
     where f.id = ${id}`);
  const row = [...rows][0];
  if (!row) return null;
  const messages = await db.execute<{ id: number; authorName: string | null; body: string; createdAt: string | Date }>(sql`
    select m.id, u.name as "authorName", m.body, m.created_at as "createdAt"
      from team_feedback_messages m left join users u on u.id = m.author_id
     where m.feedback_id = ${id} order by m.created_at, m.id`);
  return {
    ...row,
    id: Number(row.id),
    authorId: row.authorId === null ? null : Number(row.authorId),
    createdAt: new Date(row.createdAt).toISOString(),
    firstResponseAt: row.firstResponseAt === null ? null : new Date(row.firstResponseAt).toISOString(),
    messages: [...messages].map((m) => ({ ...m, id: Number(m.id), createdAt: new Date(m.createdAt).toISOString() })),
  };
}

/** Per receiving team: items, answered, open now, and the median and mean hours to the first response. */
export type ResponseTimes = { team: string; items: number; answered: number; open: number; medianHours: number | null; meanHours: number | null };

export async function responseTimes(db: Db): Promise<ResponseTimes[]> {
  const rows = await db.execute<Record<string, string | number | null>>(sql`
    select t.team,
           count(f.id)::int as items,
           count(f.first_response_at)::int as answered,
           count(f.id) filter (where f.status = 'open')::int as open,
           percentile_cont(0.5) within group (order by extract(epoch from f.first_response_at - f.created_at) / 3600)
             filter (where f.first_response_at is not null) as median_hours,
           avg(extract(epoch from f.first_response_at - f.created_at) / 3600) filter (where f.first_response_at is not null) as mean_hours
      from (values ('marketing'), ('sales')) t(team)
      left join team_feedback f on f.to_team::text = t.team
     group by t.team order by t.team`);
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return [...rows].map((r) => ({
    team: String(r.team),
    items: Number(r.items),
    answered: Number(r.answered),
    open: Number(r.open),
    medianHours: num(r.median_hours),
    meanHours: num(r.mean_hours),
  }));
}
