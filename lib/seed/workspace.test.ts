import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { listAssessments } from "@/lib/assessment/service";
import { listTerms } from "@/lib/glossary/queries";
import { listFeedback } from "@/lib/feedback/queries";
import { listMeetings, loadCadence } from "@/lib/meetings/queries";
import { seedRoadmap } from "@/lib/roadmap/seed";
import { describeDb } from "@/lib/testing/describe-db";
import { seedWorkspace } from "./workspace";

const NOW = new Date("2026-06-30T12:00:00Z");

describeDb("workspace demo seed", (t) => {
  let db: Db;
  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      await db.insert(users).values({ email: `${role}@s.example`, name: role, role });
    }
    await seedRoadmap(db, { today: NOW });
  });

  it("gives the workspace a believable history, once", async () => {
    const first = await seedWorkspace(db, NOW);
    expect(first).toEqual({ terms: 2, meetings: 10, feedback: 1, assessments: 2 }); // no leads or deals here: only the view feedback
    expect(await seedWorkspace(db, NOW)).toEqual({ terms: 0, meetings: 0, feedback: 0, assessments: 0 });
    const terms = await listTerms(db);
    const agreed = Object.fromEntries(terms.map((x) => [x.slug, x.agreed]));
    expect(agreed).toMatchObject({ mql: true, sql: false, lead: true, "ideal-customer-profile": true, "recycled-lead": false });
    const meetings = await listMeetings(db);
    expect(meetings).toHaveLength(10);
    // One gap longer than six weeks (220 → 157 days ago); today the cadence is kept.
    const days = meetings.map((m) => Math.round((NOW.getTime() - new Date(m.scheduledAt).getTime()) / 86_400_000)).reverse();
    const gaps = days.slice(1).map((d, i) => days[i]! - d);
    expect(gaps.filter((g) => g > 42)).toEqual([63]);
    expect(await loadCadence(db, NOW)).toMatchObject({ status: "ok", balance: { takesTurns: true } });
    expect((await listFeedback(db, { id: 0, role: "leadership" }, "inbox")).map((f) => f.status)).toEqual(["answered"]);
    expect((await listAssessments(db)).length).toBe(2);
  });
});
