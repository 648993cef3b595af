import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, meetingActionItems, roadmapItems, users } from "@/db/schema";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { seedRoadmap } from "@/lib/roadmap/seed";
import { describeDb } from "@/lib/testing/describe-db";
import { meetingIcs } from "./ics";
import { loadCadence, loadMeeting } from "./queries";
import { addActionItem, createMeeting, makeCardFromAction, setMeetingInterval, updateNotes, type Actor } from "./service";

describeDb("meetings", (t) => {
  let db: Db;
  const people = {} as Record<Role, Actor>;

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      const [row] = await db.insert(users).values({ email: `${role}@m.example`, name: `The ${role}`, role }).returning();
      people[role] = { id: row!.id, role };
    }
    await seedRoadmap(db);
  });

  const meeting = (scheduledAt: string, organizerTeam: "marketing" | "sales" | "joint", attendees: Role[]) =>
    createMeeting(db, people.marketing, {
      title: `Alignment ${scheduledAt}`,
      scheduledAt,
      durationMinutes: 60,
      organizerTeam,
      attendeeIds: attendees.map((r) => people[r].id),
      agenda: "Shared goals\n\nStrategy",
      notes: "",
    });

  it("counts days since the last joint meeting: due at exactly 42 days, overdue at 43", async () => {
    expect((await loadCadence(db, new Date("2026-06-30T12:00:00Z"))).status).toBe("none");
    await meeting("2026-04-01T10:00", "sales", ["marketing", "sales"]);
    await meeting("2026-05-19T10:00", "marketing", ["marketing", "sales", "leadership"]);
    // A meeting of one team only is not joint; neither is a future one.
    await meeting("2026-06-20T10:00", "marketing", ["marketing", "leadership"]);
    await meeting("2026-07-20T10:00", "sales", ["marketing", "sales"]);
    const at41 = await loadCadence(db, new Date("2026-06-29T23:59:00Z"));
    expect(at41).toMatchObject({ daysSince: 41, status: "ok", intervalDays: 42, dueOn: "2026-06-30" });
    expect(at41.balance).toMatchObject({ marketing: 1, sales: 1, total: 2, takesTurns: true });
    expect(await loadCadence(db, new Date("2026-06-30T00:00:00Z"))).toMatchObject({ daysSince: 42, status: "due" });
    expect(await loadCadence(db, new Date("2026-07-01T00:00:00Z"))).toMatchObject({ daysSince: 43, status: "overdue" });
    await setMeetingInterval(db, people.leadership, { intervalDays: 60 });
    expect(await loadCadence(db, new Date("2026-07-01T00:00:00Z"))).toMatchObject({ daysSince: 43, status: "ok", intervalDays: 60 });
    await expect(setMeetingInterval(db, people.sales, { intervalDays: 30 })).rejects.toThrow(/Only leadership/);
    await setMeetingInterval(db, people.admin, { intervalDays: 42 });
  });

  it("records the agenda, refuses a stale notes edit, and turns an action item into a roadmap card once", async () => {
    const m = await meeting("2026-06-25T09:30", "sales", ["marketing", "sales"]);
    expect(m.agenda.map((a) => a.title)).toEqual(["Shared goals", "Strategy"]);
    expect(m.joint).toBe(true);
    const saved = await updateNotes(db, people.sales, { id: m.id, version: 1, notes: "Agreed the SQL wording." });
    expect(saved.meeting.version).toBe(2);
    const err = await updateNotes(db, people.marketing, { id: m.id, version: 1, notes: "Mine" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(((err as DomainError).payload as { meeting: { notes: string } }).meeting.notes).toBe("Agreed the SQL wording.");

    const withAction = await addActionItem(db, people.sales, { meetingId: m.id, title: "Write the SLA", ownerUserId: people.sales.id, dueOn: "2030-01-31" });
    const action = withAction.actions[0]!;
    const made = await makeCardFromAction(db, people.marketing, { id: action.id });
    const again = await makeCardFromAction(db, people.marketing, { id: action.id });
    expect(again.roadmapItemId).toBe(made.roadmapItemId);
    const [card] = await db.select().from(roadmapItems).where(eq(roadmapItems.id, made.roadmapItemId));
    expect(card).toMatchObject({ title: "Write the SLA", team: "joint", ownerUserId: people.sales.id, dueOn: "2030-01-31" });
    const [linked] = await db.select().from(meetingActionItems).where(eq(meetingActionItems.id, action.id));
    expect(linked!.roadmapItemId).toBe(made.roadmapItemId);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, "meeting"));
    expect(audit.filter((a) => a.action === "make_card")).toHaveLength(1);
  });

  it("builds an .ics file with the library", async () => {
    const m = await meeting("2026-06-26T15:00", "joint", ["marketing", "sales"]);
    const detail = await loadMeeting(db, m.id);
    const ics = meetingIcs(detail!, { agendaLabel: "Agenda", notesLabel: "Notes", host: "test" });
    expect(ics).not.toBeInstanceOf(Error);
    expect(String(ics)).toContain("BEGIN:VEVENT");
    expect(String(ics)).toContain("DTSTART:20260626T150000Z");
    expect(String(ics)).toContain(`UID:meeting-${m.id}@test`);
  });

  it("refuses unknown attendees and invalid dates", async () => {
    await expect(createMeeting(db, people.sales, { title: "X", scheduledAt: "2026-02-30T10:00", durationMinutes: 60, organizerTeam: "sales", attendeeIds: [], agenda: "", notes: "" })).rejects.toThrow();
    await expect(
      createMeeting(db, people.sales, { title: "X", scheduledAt: "2026-06-01T10:00", durationMinutes: 60, organizerTeam: "sales", attendeeIds: [999999], agenda: "", notes: "" }),
    ).rejects.toThrow(/unknown_user/);
  });
});
