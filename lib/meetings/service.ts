import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { meetingActionItems, meetingAgendaItems, meetingAttendees, meetings, organisationSettings, roadmapColumns, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { dueDateProblem } from "@/lib/roadmap/schemas";
import { createCard } from "@/lib/roadmap/service";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { dateInZone, parseWallClock } from "@/lib/time";
import { loadMeeting, meetingIntervalDays, type MeetingDetail } from "./queries";
import {
  actionItemSchema,
  addActionItemSchema,
  createMeetingSchema,
  intervalSchema,
  updateNotesSchema,
  type ActionItemInput,
  type AddActionItemInput,
  type CreateMeetingInput,
  type UpdateNotesInput,
} from "./schemas";

/**
 * Every change to the meetings, each in one transaction with its audit_log row. Notes carry the
 * meeting's `version`: an edit based on another version is refused with the fresh meeting.
 */
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Actor = { id: number; role: Role };
export type MeetingMutation = { status: "ok"; meeting: MeetingDetail } | { status: "stale"; meeting: MeetingDetail };

export const MEETING_MESSAGES = {
  notFound: "This meeting no longer exists.",
  actionNotFound: "This action item no longer exists.",
  stale: "Someone else changed this meeting in the meantime. Your change was not saved; here is the meeting as it is now.",
  interval: "Only leadership or an administrator can change the meeting interval.",
} as const;

async function fresh(db: Db, id: number): Promise<MeetingDetail> {
  const m = await loadMeeting(db, id);
  if (!m) throw new DomainError("not_found", MEETING_MESSAGES.notFound);
  return m;
}

async function assertUsers(tx: Tx, ids: number[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, unique), eq(users.disabled, false)));
  if (rows.length !== unique.length) throw new DomainError("invalid", "unknown_user", { field });
}

/** Records a meeting: attendees, the agenda (one item a line), notes. */
export async function createMeeting(db: Db, actor: Actor, raw: CreateMeetingInput | FormData | Record<string, unknown>): Promise<MeetingDetail> {
  const input = createMeetingSchema.parse(raw);
  const { timeZone } = await getOrgSettings(db);
  const at = parseWallClock(`${input.scheduledAt}:00`, timeZone);
  if (!at) throw new DomainError("invalid", "invalid_date", { field: "scheduledAt" });
  const id = await db.transaction(async (tx) => {
    await assertUsers(tx, input.attendeeIds, "attendeeIds");
    const [row] = await tx
      .insert(meetings)
      .values({
        title: input.title,
        cadence: "joint",
        scheduledAt: at,
        durationMinutes: input.durationMinutes,
        organizerTeam: input.organizerTeam,
        notes: input.notes,
        createdBy: actor.id,
        createdAt: now(),
        updatedAt: now(),
      })
      .returning({ id: meetings.id });
    const meetingId = row!.id;
    const attendees = [...new Set(input.attendeeIds)];
    if (attendees.length > 0) await tx.insert(meetingAttendees).values(attendees.map((userId) => ({ meetingId, userId })));
    if (input.agenda.length > 0) {
      await tx.insert(meetingAgendaItems).values(input.agenda.map((title, position) => ({ meetingId, position, title })));
    }
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "meeting",
      action: "create",
      entityId: meetingId,
      after: { title: input.title, scheduledAt: at.toISOString(), organizerTeam: input.organizerTeam, attendeeIds: attendees, agenda: input.agenda },
    });
    return meetingId;
  });
  return fresh(db, id);
}

/** Saves the notes of a meeting (refused as stale when someone saved in between). */
export async function updateNotes(db: Db, actor: Actor, raw: UpdateNotesInput): Promise<MeetingMutation> {
  const input = updateNotesSchema.parse(raw);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, input.id)).for("update");
    if (!row) throw new DomainError("not_found", MEETING_MESSAGES.notFound);
    if (row.version !== input.version) return "stale" as const;
    await tx.update(meetings).set({ notes: input.notes, version: row.version + 1, updatedAt: now() }).where(eq(meetings.id, row.id));
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "meeting", action: "update", entityId: row.id, before: { notes: row.notes }, after: { notes: input.notes } });
    return "ok" as const;
  });
  if (outcome === "stale") {
    throw new DomainError("stale", MEETING_MESSAGES.stale, { payload: { status: "stale", meeting: await fresh(db, input.id) } });
  }
  return { status: "ok", meeting: await fresh(db, input.id) };
}

export async function addActionItem(db: Db, actor: Actor, raw: AddActionItemInput): Promise<MeetingDetail> {
  const input = addActionItemSchema.parse(raw);
  await db.transaction(async (tx) => {
    const [m] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, input.meetingId)).for("update");
    if (!m) throw new DomainError("not_found", MEETING_MESSAGES.notFound);
    if (input.ownerUserId !== null) await assertUsers(tx, [input.ownerUserId], "ownerUserId");
    const [row] = await tx.insert(meetingActionItems).values(input).returning({ id: meetingActionItems.id });
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "meeting", action: "add_action_item", entityId: input.meetingId, after: { actionItemId: row!.id, ...input } });
  });
  return fresh(db, input.meetingId);
}

export async function completeActionItem(db: Db, actor: Actor, raw: ActionItemInput): Promise<MeetingDetail> {
  const input = actionItemSchema.parse(raw);
  const meetingId = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(meetingActionItems).where(eq(meetingActionItems.id, input.id)).for("update");
    if (!row) throw new DomainError("not_found", MEETING_MESSAGES.actionNotFound);
    if (row.doneAt === null) {
      await tx.update(meetingActionItems).set({ doneAt: now() }).where(eq(meetingActionItems.id, row.id));
      await recordAudit(tx, { actor: { userId: actor.id }, entity: "meeting", action: "complete_action_item", entityId: row.meetingId, after: { actionItemId: row.id } });
    }
    return row.meetingId;
  });
  return fresh(db, meetingId);
}

/**
 * Turns an action item into a roadmap card in one step: a joint card in the board's first
 * column with the item's title, owner and due date (a due date already past is left off, as
 * the roadmap refuses past dates), linked back to the item. Done once: asking again returns the
 * card already made. Uses the roadmap's own service, so its rules and audit apply.
 */
export async function makeCardFromAction(db: Db, actor: Actor, raw: ActionItemInput): Promise<{ roadmapItemId: number; meetingId: number }> {
  const input = actionItemSchema.parse(raw);
  const [item] = await db.select().from(meetingActionItems).where(eq(meetingActionItems.id, input.id));
  if (!item) throw new DomainError("not_found", MEETING_MESSAGES.actionNotFound);
  if (item.roadmapItemId !== null) return { roadmapItemId: item.roadmapItemId, meetingId: item.meetingId };
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, item.meetingId));
  const [column] = await db.select({ id: roadmapColumns.id }).from(roadmapColumns).orderBy(asc(roadmapColumns.position)).limit(1);
  if (!meeting || !column) throw new DomainError("not_found", MEETING_MESSAGES.actionNotFound);
  const { timeZone } = await getOrgSettings(db);
  const today = dateInZone(now(), timeZone);
  const card = await createCard(db, actor, {
    columnId: column.id,
    title: item.title,
    description: `${meeting.title} (${dateInZone(meeting.scheduledAt, timeZone)})`,
    team: "joint",
    ownerUserId: item.ownerUserId,
    dueOn: item.dueOn !== null && item.dueOn >= today && dueDateProblem(item.dueOn) === null ? item.dueOn : null,
    health: "on_track",
    kpiKey: null,
    kpiTarget: null,
  });
  const linked = await db.transaction(async (tx) => {
    const rows = await tx
      .update(meetingActionItems)
      .set({ roadmapItemId: card.id })
      .where(and(eq(meetingActionItems.id, item.id), isNull(meetingActionItems.roadmapItemId)))
      .returning({ id: meetingActionItems.id });
    if (rows.length > 0) {
      await recordAudit(tx, { actor: { userId: actor.id }, entity: "meeting", action: "make_card", entityId: item.meetingId, after: { actionItemId: item.id, roadmapItemId: card.id } });
    }
    return rows.length > 0;
  });
  if (!linked) {
    const [again] = await db.select().from(meetingActionItems).where(eq(meetingActionItems.id, item.id));
    return { roadmapItemId: again?.roadmapItemId ?? card.id, meetingId: item.meetingId };
  }
  return { roadmapItemId: card.id, meetingId: item.meetingId };
}

/** Sets the cadence interval (leadership and admin). */
export async function setMeetingInterval(db: Db, actor: Actor, raw: { intervalDays: unknown }): Promise<number> {
  const input = intervalSchema.parse(raw);
  if (actor.role !== "leadership" && actor.role !== "admin") throw new DomainError("forbidden", MEETING_MESSAGES.interval);
  const before = await meetingIntervalDays(db);
  await db.transaction(async (tx) => {
    await tx.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
    await tx.update(organisationSettings).set({ meetingIntervalDays: input.intervalDays, updatedAt: now() }).where(eq(organisationSettings.id, 1));
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "settings", action: "update", entityId: 1, before: { meeting_interval_days: before }, after: { meeting_interval_days: input.intervalDays } });
  });
  return input.intervalDays;
}
