import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { leads, users } from "@/db/schema";
import type { Role } from "@/lib/enums";
import { describeDb } from "@/lib/testing/describe-db";
import { listFeedback, loadThread, responseTimes, unreadCount } from "./queries";
import { isReportView } from "./schemas";
import { createFeedback, markRead, replyFeedback, resolveFeedback, type Actor } from "./service";

const { clock } = vi.hoisted(() => ({ clock: { now: new Date("2026-06-01T09:00:00Z") } }));
vi.mock("@/lib/clock", () => ({ now: () => clock.now }));

describeDb("feedback", (t) => {
  let db: Db;
  const people = {} as Record<Role, Actor>;

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      const [row] = await db.insert(users).values({ email: `${role}@f.example`, name: `The ${role}`, role }).returning();
      people[role] = { id: row!.id, role };
    }
    await db.insert(leads).values({ leadId: "L-1", email: "l@x.example", createdAt: "2026-05-01T00:00:00Z", sourceChannel: "email" });
  });
  afterEach(() => {
    clock.now = new Date("2026-06-01T09:00:00Z");
  });

  it("accepts only report views of this app as view evidence", () => {
    expect(isReportView("/sla?from=2026-06-01&to=2026-06-30")).toBe(true);
    expect(isReportView("/dashboard")).toBe(true);
    expect(isReportView("/admin")).toBe(false);
    expect(isReportView("//evil.example/sla")).toBe(false);
    expect(isReportView("https://x.example/sla")).toBe(false);
  });

  it("sends to the other team with evidence, answers on the other side's first reply, counts unread and response times", async () => {
    await expect(
      createFeedback(db, people.marketing, { toTeam: "marketing", subject: "s", body: "b", evidenceKind: "lead", evidenceRef: "L-1" }),
    ).rejects.toThrow(/other team/);
    await expect(
      createFeedback(db, people.marketing, { toTeam: "sales", subject: "s", body: "b", evidenceKind: "lead", evidenceRef: "L-404" }),
    ).rejects.toThrow(/invalid_evidence/);
    const { id } = await createFeedback(db, people.marketing, { toTeam: "sales", subject: "Slow follow-up", body: "See L-1", evidenceKind: "lead", evidenceRef: "L-1" });
    const view = await createFeedback(db, people.marketing, { toTeam: "sales", subject: "SLA view", body: "Look", evidenceKind: "view", evidenceRef: "/sla?from=2026-05-01&to=2026-05-31" });
    expect(await unreadCount(db, people.sales)).toBe(2);
    expect(await unreadCount(db, people.marketing)).toBe(0);
    expect((await listFeedback(db, people.sales, "inbox")).map((f) => [f.subject, f.unread])).toEqual([["SLA view", true], ["Slow follow-up", true]]);

    // The author's own follow-up does not answer it.
    clock.now = new Date("2026-06-01T10:00:00Z");
    await replyFeedback(db, people.marketing, { id, body: "Any news?" });
    expect((await loadThread(db, people.sales, id))!.status).toBe("open");
    clock.now = new Date("2026-06-01T13:00:00Z");
    await replyFeedback(db, people.sales, { id, body: "Called today." });
    const thread = (await loadThread(db, people.sales, id))!;
    expect(thread).toMatchObject({ status: "answered", firstResponseAt: "2026-06-01T13:00:00.000Z" });
    expect(thread.messages.map((m) => m.body)).toEqual(["Any news?", "Called today."]);
    expect(await unreadCount(db, people.sales)).toBe(1); // replying read the first; the view is still unread
    expect(await unreadCount(db, people.marketing)).toBe(1); // sales' reply
    await markRead(db, view.id, people.sales.id);
    expect(await unreadCount(db, people.sales)).toBe(0);

    await expect(resolveFeedback(db, { id: 9999, role: "marketing" }, { id: view.id })).rejects.toThrow(/Only the author/);
    await resolveFeedback(db, people.sales, { id });
    expect((await loadThread(db, people.sales, id))!.status).toBe("resolved");
    const times = await responseTimes(db);
    expect(times).toEqual([
      { team: "marketing", items: 0, answered: 0, open: 0, medianHours: null, meanHours: null },
      { team: "sales", items: 2, answered: 1, open: 1, medianHours: 4, meanHours: 4 },
    ]);
  });
});
