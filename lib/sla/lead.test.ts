import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { clearDomain, insertDataset, setSettings } from "@/lib/kpi/testing";
import { describeDb } from "@/lib/testing/describe-db";
import { upsertUser } from "@/lib/users/users";
import { decideLead, decideLeadSchema } from "./decisions";
import { loadSlaLead } from "./lead";
import { loadSlaPage } from "./page-data";

/**
 * A lead's SLA page data. UTC, Mon–Fri 09–17, N = 4 h, as_of = Tue 2025-01-21 12:00Z (the app's
 * clock too, for decisions).
 *
 * lead  mql_at        response               status
 * Q1    Tue 21 08:00  none (3 h used)        pending, at risk, due 13:00, 1 h left (rita)
 * R2    Sat 18 10:00  call Mon 20 13:01      breached, due Mon 13:00, 4 h 1 min used
 * C1    Mon 20 09:00  imported sql_at 10:00  met; rejected in the app → a conflict
 * N1    (not an MQL)
 */
const RITA = "rita@example.test";
const NOW = "2025-01-21T12:00:00Z";
const AS_OF = new Date(NOW);
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describeDb("SLA: a lead's page", (t) => {
  const db = () => t().conn.db;

  beforeEach(async () => {
    vi.stubEnv("ALIGNBOARD_NOW", NOW);
    await clearDomain(db());
    await setSettings(db());
    await insertDataset(db(), {
      leads: [
        { id: "Q1", createdAt: "2025-01-02T00:00:00Z", mqlAt: "2025-01-21T08:00:00Z", ownerEmail: RITA, sourceChannel: "paid_search" },
        { id: "R2", createdAt: "2025-01-02T00:00:00Z", mqlAt: "2025-01-18T10:00:00Z" },
        { id: "C1", createdAt: "2025-01-02T00:00:00Z", mqlAt: "2025-01-20T09:00:00Z", sqlAt: "2025-01-20T10:00:00Z" },
        { id: "N1", createdAt: "2025-01-02T00:00:00Z", mqlAt: null },
      ],
      touchpoints: [
        { id: "T2", leadId: "Q1", occurredAt: "2025-01-20T15:00:00Z", channel: "webinar" },
        { id: "T1", leadId: "Q1", occurredAt: "2025-01-10T15:00:00Z", channel: "paid_search" },
      ],
      activities: [{ id: "A2", leadId: "R2", occurredAt: "2025-01-20T13:01:00Z", type: "call" }],
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("shows a pending lead's status, due time, owner, source and touchpoints, as the queue does", async () => {
    const q1 = await loadSlaLead(db(), "Q1", AS_OF);
    expect(q1).toMatchObject({
      leadId: "Q1",
      ownerEmail: RITA,
      sourceChannel: "paid_search",
      mqlAt: "2025-01-21T08:00:00.000Z",
      decision: null,
      conflict: false,
      asOf: "2025-01-21T12:00:00.000Z",
      sla: {
        status: "pending",
        atRisk: true,
        dueAt: "2025-01-21T13:00:00.000Z",
        firstResponseAt: null,
        usedMs: 3 * HOUR,
        windowMs: 4 * HOUR,
        spans: [[at("2025-01-21T12:00:00Z"), at("2025-01-21T13:00:00Z")]],
      },
      touchpointTotal: 2,
      activityTotal: 0,
    });
    expect(q1?.touchpoints.map((tp) => [tp.touchpointId, tp.channel])).toEqual([
      ["T1", "paid_search"],
      ["T2", "webinar"],
    ]);
    // the same due time and status as the queue's row
    const page = await loadSlaPage(db(), { from: "2025-01-01", to: "2025-01-31", asOf: AS_OF });
    expect(page.queue.find((q) => q.leadId === "Q1")).toMatchObject({ dueAt: q1?.sla?.dueAt, atRisk: true, leftMs: HOUR });
  });

  it("shows a breached lead's first response and lateness, and nothing for a non-MQL or an unknown lead", async () => {
    const r2 = await loadSlaLead(db(), "R2", AS_OF);
    expect(r2?.sla).toMatchObject({ status: "breached", dueAt: "2025-01-20T13:00:00.000Z", firstResponseAt: "2025-01-20T13:01:00.000Z", usedMs: 4 * HOUR + 60_000, spans: [] });
    expect(r2?.activities).toEqual([{ activityId: "A2", occurredAt: "2025-01-20T13:01:00.000Z", type: "call", repEmail: null }]);
    expect((await loadSlaLead(db(), "N1", AS_OF))?.sla).toBeNull();
    expect(await loadSlaLead(db(), "nope", AS_OF)).toBeNull();
  });

  it("shows the app's decision, and a conflict with the imported values", async () => {
    const sara = (await upsertUser(db(), { email: "sara@example.test", name: "Sara", role: "sales" })).id;
    await decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "C1", verdict: "rejected", reason: "bad_fit" }));
    const c1 = await loadSlaLead(db(), "C1", AS_OF);
    expect(c1).toMatchObject({
      imported: { sqlAt: "2025-01-20T10:00:00.000Z", rejectedAt: null },
      decision: { verdict: "rejected", reason: "bad_fit", decidedBy: "Sara", decidedAt: "2025-01-21T12:00:00.000Z" },
      conflict: true,
    });
    // the decision wins: rejected at the earlier of the import's rejected_at (none) and the decision,
    // and not an SQL — so the first response is the decision (Tue 12:00), 11 business hours after 09:00 Mon
    expect(c1?.sla).toMatchObject({ status: "breached", firstResponseAt: "2025-01-21T12:00:00.000Z" });
  });
});
