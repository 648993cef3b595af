import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  campaigns,
  contentAssets,
  deals,
  leadFeedback,
  leads,
  roadmapColumns,
  roadmapItems,
  teamFeedback,
  touchpoints,
  users,
} from "@/db/schema";
import { computeKpis } from "@/lib/kpi";
import { approveTerm, syncGlossary } from "@/lib/glossary/service";
import { listTerms } from "@/lib/glossary/queries";
import { createMeeting } from "@/lib/meetings/service";
import { describeDb } from "@/lib/testing/describe-db";
import { deleteRows } from "@/lib/testing/reset";
import { sql } from "drizzle-orm";
import {
  agreedMqlSql,
  assetsWithStage,
  computeEvidence,
  feedbackAnswered,
  importFreshness,
  jointKpiCards,
  kpiSignals,
  meetingSignals,
  rejectionReasons,
  wonWithPath,
} from "./evidence";

const NOW = new Date("2026-06-30T12:00:00Z");
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const iso = (days: number) => before(days).toISOString();

describeDb("assessment evidence", (t) => {
  let db: Db;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["leadership", "marketing", "sales"] as const) {
      const [u] = await db.insert(users).values({ email: `${role}@e.example`, name: role, role }).returning();
      ids[role] = u!.id;
    }
  });

  describe("on an empty installation", () => {
    it("measures nothing it has no data for", async () => {
      const signals = await computeEvidence(db, NOW);
      const status = Object.fromEntries(signals.map((s) => [s.key, [s.status, s.value]]));
      expect(status).toEqual({
        joint_kpi_cards: ["not_measured", null],
        meeting_cadence: ["not_measured", null],
        organiser_balance: ["not_measured", null],
        agreed_mql_sql: ["bad", 0],
        import_freshness: ["not_measured", null],
        rejection_reasons: ["not_measured", null],
        feedback_answered: ["not_measured", null],
        won_with_path: ["not_measured", null],
        assets_with_stage: ["not_measured", null],
        content_unused: ["not_measured", null],
        sla_compliance: ["not_measured", null],
      });
    });
  });

  describe("on hand-built data", () => {
    beforeAll(async () => {
      const [col] = await db.insert(roadmapColumns).values({ key: "backlog", name: "Backlog", position: 0 }).returning();
      await db.insert(roadmapItems).values([
        { columnId: col!.id, position: 0, title: "a", team: "joint", kpiKey: "sqls" },
        { columnId: col!.id, position: 1, title: "b", team: "joint" },
        { columnId: col!.id, position: 2, title: "c", team: "sales", kpiKey: "revenue" },
      ]);
      await db.insert(campaigns).values({ campaignId: "C1", name: "C", channel: "email", importedAt: before(3) });
      const lead = (id: string, extra: Partial<typeof leads.$inferInsert> = {}) => ({
        leadId: id,
        email: `${id}@x.example`,
        createdAt: iso(100),
        sourceChannel: "email" as const,
        importedAt: before(12),
        ...extra,
      });
      await db.insert(leads).values([
        lead("L1", { mqlAt: iso(50), rejectedAt: iso(40), rejectionReason: "No budget" }),
        lead("L2", { mqlAt: iso(50), rejectedAt: iso(40), rejectionReason: "  " }),
        lead("L3", { mqlAt: iso(50), rejectedAt: iso(40), rejectionReason: "Student" }),
        lead("L4", { mqlAt: iso(50), rejectedAt: new Date(NOW.getTime() + 86_400_000).toISOString(), rejectionReason: "later" }),
        lead("L5", { rejectedAt: iso(40), rejectionReason: null }),
        lead("L6"),
        lead("L7"),
        lead("L8"),
        lead("L9"),
      ]);
      await db.insert(touchpoints).values([
        { touchpointId: "T1", leadId: "L6", occurredAt: iso(90), channel: "email", importedAt: before(3) },
        { touchpointId: "T2", leadId: "L7", occurredAt: iso(1), channel: "email", importedAt: before(3) },
      ]);
      const deal = (id: string, leadId: string, stage: "closed_won" | "closed_lost" | "proposal", closedAt: string | null) => ({
        dealId: id, name: id, primaryLeadId: leadId, amount: "100", createdAt: iso(80), stage, closedAt, importedAt: before(12),
      });
      await db.insert(deals).values([
        deal("D1", "L6", "closed_won", iso(10)),
        deal("D2", "L7", "closed_won", iso(10)),
        deal("D3", "L8", "closed_lost", iso(10)),
        deal("D4", "L9", "closed_won", new Date(NOW.getTime() + 86_400_000).toISOString()),
      ]);
      await db.insert(contentAssets).values([
        { assetId: "A1", title: "a", type: "deck", funnelStage: "tofu", publishedAt: iso(60), importedAt: before(3) },
        { assetId: "A2", title: "b", type: "deck", funnelStage: null, publishedAt: iso(60), importedAt: before(3) },
        { assetId: "A3", title: "c", type: "deck", funnelStage: "bofu", publishedAt: iso(60), archivedAt: iso(5), importedAt: before(3) },
        { assetId: "A4", title: "d", type: "deck", funnelStage: "mofu", publishedAt: new Date(NOW.getTime() + 86_400_000).toISOString(), importedAt: before(3) },
      ]);
      await db.insert(teamFeedback).values([
        { fromTeam: "sales", toTeam: "marketing", subject: "s", body: "b", evidenceKind: "lead", evidenceRef: "L1", createdAt: before(20), firstResponseAt: before(19) },
        { fromTeam: "marketing", toTeam: "sales", subject: "s", body: "b", evidenceKind: "lead", evidenceRef: "L2", status: "resolved", createdAt: before(20), firstResponseAt: before(18) },
        { fromTeam: "marketing", toTeam: "sales", subject: "s", body: "b", evidenceKind: "view", evidenceRef: "/sla", createdAt: before(2) },
      ]);
    });

    it("joint roadmap cards linked to a KPI: 1 of 3 cards → warn", async () => {
      expect(await jointKpiCards(db)).toMatchObject({ status: "warn", value: 1, detail: { joint: 1, total: 3 } });
    });

    it("rejected MQLs with a reason: 2 of 3 (L4 rejected after now, L5 never an MQL, L2 blank) → warn", async () => {
      const s = await rejectionReasons(db, NOW);
      expect(s.value).toBeCloseTo(2 / 3, 10);
      expect(s).toMatchObject({ status: "warn", detail: { rejected: 3, withReason: 2 } });
    });

    it("rejected MQLs with a reason: a decision made in the app wins over the import (docs/sla.md)", async () => {
      // L2 (imported, blank reason) rejected in the app with a reason; L3 (imported rejection) accepted
      // in the app; L10 rejected in the app only; L11's decision comes after now and does not count.
      await db.insert(leads).values([
        { leadId: "L10", email: "L10@x.example", createdAt: iso(100), mqlAt: iso(50), sourceChannel: "email", importedAt: before(12) },
        { leadId: "L11", email: "L11@x.example", createdAt: iso(100), mqlAt: iso(50), sourceChannel: "email", importedAt: before(12) },
      ]);
      await db.insert(leadFeedback).values([
        { leadId: "L2", verdict: "rejected", reason: "bad_fit", decidedAt: new Date(iso(30)) },
        { leadId: "L3", verdict: "accepted", decidedAt: new Date(iso(30)) },
        { leadId: "L10", verdict: "rejected", reason: "no_budget", decidedAt: new Date(iso(30)) },
        { leadId: "L11", verdict: "rejected", reason: "duplicate", decidedAt: new Date(NOW.getTime() + 86_400_000) },
      ]);
      try {
        expect(await rejectionReasons(db, NOW)).toMatchObject({ status: "good", value: 1, detail: { rejected: 3, withReason: 3 } });
      } finally {
        await deleteRows(db, "lead_feedback");
        await deleteRows(db, "leads", sql`lead_id in ('L10', 'L11')`);
      }
    });

    it("won deals with a touchpoint path: 1 of 2 (D4 closes after now, D2's touchpoint is after its close) → warn", async () => {
      expect(await wonWithPath(db, NOW)).toMatchObject({ status: "warn", value: 0.5, detail: { won: 2, withPath: 1 } });
    });

    it("assets with a funnel stage: 1 of 2 live assets → bad", async () => {
      expect(await assetsWithStage(db, NOW)).toMatchObject({ status: "bad", value: 0.5, detail: { assets: 2, staged: 1 } });
    });

    it("feedback answered: 2 of 3 → warn", async () => {
      const s = await feedbackAnswered(db, NOW);
      expect(s.value).toBeCloseTo(2 / 3, 10);
      expect(s.status).toBe("warn");
    });

    it("import freshness: CRM 12 days, marketing 3 days → the older, 12 → warn", async () => {
      expect(await importFreshness(db, NOW)).toMatchObject({ status: "warn", value: 12, detail: { crm: 12, marketing: 3 } });
    });

    it("KPI signals are the engine's values for the last 90 days", async () => {
      const { kpis } = await computeKpis(db, { from: "2026-04-02", to: "2026-06-30", asOf: NOW });
      const [unused, sla] = await kpiSignals(db, NOW);
      expect(unused!.value).toBe(kpis.content_unused_share);
      expect(sla!.value).toBe(kpis.sla_compliance);
      expect(unused!.detail).toEqual({ from: "2026-04-02", to: "2026-06-30" });
    });

    it("meeting cadence and organiser balance", async () => {
      const m = (at: string, organizerTeam: "marketing" | "sales") =>
        createMeeting(db, { id: ids.marketing!, role: "marketing" }, { title: "m", scheduledAt: at, durationMinutes: 60, organizerTeam, attendeeIds: [ids.marketing!, ids.sales!], agenda: "", notes: "" });
      await m("2026-04-01T10:00", "marketing");
      await m("2026-05-01T10:00", "marketing");
      const [cadence, balance] = await meetingSignals(db, NOW);
      expect(cadence).toMatchObject({ status: "bad", value: 60 }); // 2026-05-01 → 2026-06-30: 60 days > 42
      expect(balance).toMatchObject({ status: "bad", value: 0, detail: { marketing: 2, sales: 0, total: 2 } });
      await m("2026-06-01T10:00", "sales");
      const [c2, b2] = await meetingSignals(db, NOW);
      expect(c2).toMatchObject({ status: "good", value: 29 });
      expect(b2).toMatchObject({ status: "good", value: 1 });
    });

    it("agreed MQL and SQL terms: none, one, both", async () => {
      await syncGlossary(db);
      expect(await agreedMqlSql(db)).toMatchObject({ status: "bad", value: 0 });
      const terms = await listTerms(db);
      const id = (slug: string) => terms.find((x) => x.slug === slug)!.id;
      await approveTerm(db, { id: ids.marketing!, role: "marketing" }, { id: id("sql"), version: 1 });
      expect((await agreedMqlSql(db)).status).toBe("bad"); // one side only
      await approveTerm(db, { id: ids.sales!, role: "sales" }, { id: id("sql"), version: 1 });
      expect(await agreedMqlSql(db)).toMatchObject({ status: "warn", value: 1, detail: { mql: 0, sql: 1 } });
      await approveTerm(db, { id: ids.leadership!, role: "leadership" }, { id: id("mql"), version: 1 });
      await approveTerm(db, { id: ids.sales!, role: "sales" }, { id: id("mql"), version: 1 });
      expect(await agreedMqlSql(db)).toMatchObject({ status: "good", value: 2 });
    });
  });
});
