import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { buildContext } from "@/lib/kpi";
import { clearDomain, insertDataset, setSettings } from "@/lib/kpi/testing";
import { cacheStats } from "@/lib/cache";
import { DomainError } from "@/lib/errors";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { describeDb } from "@/lib/testing/describe-db";
import { upsertUser } from "@/lib/users/users";
import { decideLead, decideLeadSchema, decisionConflicts, rejectionsBy } from "./decisions";
import { computeSlaReport } from "./report";
import { loadSlaPage } from "./page-data";

/**
 * Accept / reject in the app (issue 10 item 3). UTC, Mon–Fri 09–17, N = 4; the app's clock
 * (ALIGNBOARD_NOW) is Tue 2025-01-07 11:00Z. Leads L1–L3 became MQLs at Tue 09:00 (due 13:00).
 */
const NOW = "2025-01-07T11:00:00Z";
const JAN = { from: "2025-01-01", to: "2025-01-31", asOf: new Date(NOW) };

describeDb("SLA: lead decisions", (t) => {
  const db = () => t().conn.db;
  let sara = 0;
  let sam = 0;

  beforeEach(async () => {
    vi.stubEnv("ALIGNBOARD_NOW", NOW);
    await clearDomain(db());
    await setSettings(db());
    await insertDataset(db(), {
      leads: [
        { id: "L1", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", sourceChannel: "paid_search" },
        { id: "L2", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", sourceChannel: "paid_search" },
        { id: "L3", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", sourceChannel: "webinar" },
        { id: "NOTMQL", createdAt: "2025-01-01T00:00:00Z", mqlAt: null },
      ],
    });
    sara = (await upsertUser(db(), { email: "sara@example.test", name: "Sara", role: "sales" })).id;
    sam = (await upsertUser(db(), { email: "sam@example.test", name: "Sam", role: "sales" })).id;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("an acceptance is the sales response: the lead leaves the queue as met and becomes an SQL", async () => {
    const before = await loadSlaPage(db(), JAN);
    expect([before.sales.pending, before.queue.map((q) => q.leadId)]).toEqual([3, ["L1", "L2", "L3"]]);
    const decided = await decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "L1", verdict: "accepted" }));
    expect(decided).toMatchObject({ leadId: "L1", verdict: "accepted", decidedAt: "2025-01-07T11:00:00.000Z", decidedBy: "Sara" });
    const after = await loadSlaPage(db(), JAN);
    expect(after.queue.map((q) => q.leadId)).toEqual(["L2", "L3"]);
    expect((await computeSlaReport(db(), JAN)).sales).toEqual({ mqls: 3, met: 1, breached: 0, pending: 2, at_risk: 0, compliance: 1 });
    const facts = await db().execute<{ sql_at: unknown; rejected_at: unknown }>(sql`select sql_at, rejected_at from kpi_lead_facts where lead_id = 'L1'`);
    expect(new Date(String(facts[0]?.sql_at)).toISOString()).toBe("2025-01-07T11:00:00.000Z");
    expect(facts[0]?.rejected_at).toBeNull();
    const audit = await db().execute<{ action: string; entity_id: string }>(sql`select action, entity_id from audit_log where entity = 'lead_decision'`);
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([["accept", "L1"]]);
  });

  it("the cached page and report (as_of = now) show a decision and a settings change at once", async () => {
    const live = { ...JAN, asOfNow: true };
    const before = await loadSlaPage(db(), live);
    expect(before.queue.map((q) => q.leadId)).toEqual(["L1", "L2", "L3"]);
    const report = await computeSlaReport(db(), live);
    expect(report.sales).toEqual({ mqls: 3, met: 0, breached: 0, pending: 3, at_risk: 0, compliance: null });
    // served from the cache while nothing changed
    const hits = cacheStats.hits;
    expect(await loadSlaPage(db(), live)).toEqual(before);
    expect(await computeSlaReport(db(), live)).toEqual(report);
    expect(cacheStats.hits).toBe(hits + 2);
    await decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "L2", verdict: "rejected", reason: "no_budget" }));
    const after = await loadSlaPage(db(), live);
    expect(after.queue.map((q) => q.leadId)).toEqual(["L1", "L3"]);
    expect(after.rejectionsByChannel.find((r) => r.key === "paid_search")).toMatchObject({ mqls: 2, rejected: 1, reasons: { no_budget: 1 } });
    expect((await computeSlaReport(db(), live)).sales).toEqual({ mqls: 3, met: 1, breached: 0, pending: 2, at_risk: 0, compliance: 1 });
    // N = 1 business hour: L1 and L3 (mql 09:00, due 10:00) are breached as of 11:00; L2's rejection at 11:00 too
    await setSettings(db(), { slaResponseHours: "1" });
    expect((await computeSlaReport(db(), live)).sales).toEqual({ mqls: 3, met: 0, breached: 3, pending: 0, at_risk: 0, compliance: 0 });
    expect((await loadSlaPage(db(), live)).queue).toEqual([]);
  });

  it("the first decision wins; the second is refused with the decision as it stands", async () => {
    const results = await Promise.allSettled([
      decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "L2", verdict: "accepted" })),
      decideLead(db(), { id: sam }, decideLeadSchema.parse({ leadId: "L2", verdict: "rejected", reason: "no_budget" })),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect([ok.length, refused.length]).toEqual([1, 1]);
    const err = refused[0]?.reason as DomainError;
    expect(err).toBeInstanceOf(DomainError);
    expect([err.code, err.key]).toEqual(["conflict", "already_decided"]);
    const winner = ok[0]?.status === "fulfilled" ? ok[0].value : null;
    expect(err.payload).toEqual(winner);
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from lead_feedback where lead_id = 'L2'`);
    expect(rows[0]?.n).toBe(1);
  });

  it("validation: a rejection needs a reason, `other` needs its text; only MQLs; unknown lead", async () => {
    expect(decideLeadSchema.safeParse({ leadId: "L1", verdict: "rejected" }).success).toBe(false);
    const other = decideLeadSchema.safeParse({ leadId: "L1", verdict: "rejected", reason: "other", comment: "  " });
    expect(other.success ? [] : other.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["comment", "required"]]);
    expect(decideLeadSchema.safeParse({ leadId: "L1", verdict: "rejected", reason: "weather" }).success).toBe(false);
    expect(decideLeadSchema.safeParse({ leadId: "L1", verdict: "maybe" }).success).toBe(false);
    await expect(decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "NOTMQL", verdict: "accepted" }))).rejects.toMatchObject({ key: "not_mql" });
    await expect(decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "NOPE", verdict: "accepted" }))).rejects.toMatchObject({ code: "not_found" });
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from lead_feedback`);
    expect(rows[0]?.n).toBe(0);
  });

  it("an import does not overwrite a decision; the disagreement is listed; rejections by channel and reason", async () => {
    await decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "L1", verdict: "rejected", reason: "bad_fit" }));
    await decideLead(db(), { id: sara }, decideLeadSchema.parse({ leadId: "L3", verdict: "rejected", reason: "other", comment: "Student project" }));
    // a later import says L1 is an SQL (imported columns only)
    await db().execute(sql`update leads set sql_at = '2025-01-07T10:30:00Z' where lead_id = 'L1'`);
    const facts = await db().execute<{ sql_at: unknown; rejected_at: unknown }>(sql`select sql_at, rejected_at from kpi_lead_facts where lead_id = 'L1'`);
    expect(facts[0]?.sql_at).toBeNull();
    expect(new Date(String(facts[0]?.rejected_at)).toISOString()).toBe("2025-01-07T11:00:00.000Z");
    expect(await decisionConflicts(db())).toEqual([
      { leadId: "L1", verdict: "rejected", importedSqlAt: "2025-01-07T10:30:00.000Z", importedRejectedAt: null },
    ]);
    const settings = await getOrgSettings(db());
    const ctx = await buildContext(db(), JAN, settings);
    expect(await rejectionsBy(db(), ctx, "channel")).toEqual([
      { key: "paid_search", mqls: 2, rejected: 1, rejectionRate: 0.5, reasons: { bad_fit: 1 } },
      { key: "webinar", mqls: 1, rejected: 1, rejectionRate: 1, reasons: { other: 1 } },
    ]);
    expect(await rejectionsBy(db(), ctx, "campaign")).toEqual([
      { key: null, mqls: 3, rejected: 2, rejectionRate: 2 / 3, reasons: { bad_fit: 1, other: 1 } },
    ]);
    // as of before the decisions, nothing was rejected yet
    const early = await buildContext(db(), { ...JAN, asOf: new Date("2025-01-07T10:00:00Z") }, settings);
    expect((await rejectionsBy(db(), early, "channel")).map((g) => g.rejected)).toEqual([0, 0]);
  });
});
