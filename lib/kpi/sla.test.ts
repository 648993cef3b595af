import { beforeEach, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { businessDue, computeKpis, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { buildContext } from "./windows";
import { listSlaLeads, marketingSlaGroup, salesSlaGroup } from "./groups/sla";
import { clearDomain, insertDataset, setSettings, type Dataset, type LeadRow } from "./testing";

/**
 * Sales-response SLA (kpi-definitions.md §4). P = January 2025, UTC, N = 4, Mon–Fri 09–17,
 * as_of = Tue 2025-01-21 12:00Z.
 *
 * lead  mql_at            due              first response                 status
 * S1    Fri 01-10 16:00   Mon 01-13 12:00  call Mon 12:00 (exactly due)   met
 * S2    Sat 01-18 10:00   Mon 01-20 13:00  call Mon 13:01                 breached
 * S3    Tue 01-07 08:00   Tue 01-07 13:00  sql_at 01-06 (before mql) → at mql_at   met
 * S4    Tue 01-14 13:00   Tue 01-14 17:00  call Wed 08:30 (before Wed 09:00)      breached
 * S5    Tue 01-21 08:00   Tue 01-21 13:00  none; 3 of 4 h used at as_of  pending, at_risk
 * S6    Tue 01-21 10:00   Tue 01-21 14:00  none; 2 h used                 pending
 * S7    Mon 01-20 16:00   Tue 01-21 12:00  none; due = as_of             pending, at_risk
 * S8    Fri 01-17 09:00   Fri 01-17 13:00  none (activity before mql, another after as_of) breached
 * S9    Wed 01-08 09:00   Wed 01-08 13:00  rejected_at 10:00              met
 * S10   Wed 01-22 09:00   (after as_of: not an MQL yet)
 * met 3, breached 3, pending 3, at_risk 2 → compliance 3 / 6 = 0.5
 */
const RITA = "rita@example.test";
const lead = (id: string, mqlAt: string, extra: Partial<LeadRow> = {}): LeadRow => ({
  id,
  createdAt: "2025-01-01T00:00:00Z",
  mqlAt,
  ownerEmail: RITA,
  ...extra,
});
const slaData: Dataset = {
  leads: [
    lead("S1", "2025-01-10T16:00:00Z"),
    lead("S2", "2025-01-18T10:00:00Z"),
    lead("S3", "2025-01-07T08:00:00Z", { sqlAt: "2025-01-06T10:00:00Z" }),
    lead("S4", "2025-01-14T13:00:00Z", { ownerEmail: "omar@example.test" }),
    lead("S5", "2025-01-21T08:00:00Z"),
    lead("S6", "2025-01-21T10:00:00Z", { ownerEmail: null }),
    lead("S7", "2025-01-20T16:00:00Z"),
    lead("S8", "2025-01-17T09:00:00Z"),
    lead("S9", "2025-01-08T09:00:00Z", { rejectedAt: "2025-01-08T10:00:00Z" }),
    lead("S10", "2025-01-22T09:00:00Z"),
  ],
  activities: [
    { id: "A1", leadId: "S1", occurredAt: "2025-01-13T12:00:00Z" },
    { id: "A1b", leadId: "S1", occurredAt: "2025-01-13T15:00:00Z" },
    { id: "A2", leadId: "S2", occurredAt: "2025-01-20T13:01:00Z" },
    { id: "A4", leadId: "S4", occurredAt: "2025-01-15T08:30:00Z" },
    { id: "A8a", leadId: "S8", occurredAt: "2025-01-16T10:00:00Z" },
    { id: "A8b", leadId: "S8", occurredAt: "2025-01-21T13:00:00Z" },
  ],
};
const params: KpiParams = { from: "2025-01-01", to: "2025-01-31", asOf: new Date("2025-01-21T12:00:00Z") };
const iso = (d: Date | null) => d?.toISOString().replace(".000Z", "Z") ?? null;

describeDb("kpi engine: sales SLA", (t) => {
  const db = () => t().conn.db;

  beforeEach(async () => {
    await clearDomain(db());
    await setSettings(db());
  });

  async function slaLeads(p: KpiParams = params) {
    const settings = await getOrgSettings(db());
    const ctx = await buildContext(db(), p, settings);
    return listSlaLeads(db(), ctx.p, ctx.filters, settings.sla);
  }

  it("met / breached / pending / at_risk and the four due-time examples", async () => {
    await insertDataset(db(), slaData);
    const rows = await slaLeads();
    const byId = Object.fromEntries(rows.map((r) => [r.leadId, r]));
    expect(Object.keys(byId).sort()).toEqual(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"]);
    const view = (id: string) => {
      const r = byId[id]!;
      return [iso(r.dueAt), iso(r.firstResponseAt), r.status, r.atRisk];
    };
    expect(view("S1")).toEqual(["2025-01-13T12:00:00Z", "2025-01-13T12:00:00Z", "met", false]);
    expect(view("S2")).toEqual(["2025-01-20T13:00:00Z", "2025-01-20T13:01:00Z", "breached", false]);
    expect(view("S3")).toEqual(["2025-01-07T13:00:00Z", "2025-01-07T08:00:00Z", "met", false]);
    expect(view("S4")).toEqual(["2025-01-14T17:00:00Z", "2025-01-15T08:30:00Z", "breached", false]);
    expect(view("S5")).toEqual(["2025-01-21T13:00:00Z", null, "pending", true]);
    expect(view("S6")).toEqual(["2025-01-21T14:00:00Z", null, "pending", false]);
    expect(view("S7")).toEqual(["2025-01-21T12:00:00Z", null, "pending", true]);
    expect(view("S8")).toEqual(["2025-01-17T13:00:00Z", null, "breached", false]);
    expect(view("S9")).toEqual(["2025-01-08T13:00:00Z", "2025-01-08T10:00:00Z", "met", false]);

    const { kpis } = await computeKpis(db(), params);
    expect(kpis.sla_compliance).toBe(0.5);
    expect(kpis.mqls).toBe(9);

    const settings = await getOrgSettings(db());
    const ctx = await buildContext(db(), params, settings);
    const sla = await salesSlaGroup(db(), ctx.p, ctx.filters, settings.sla);
    expect(sla).toMatchObject({ mqls: 9, met: 3, breached: 3, pending: 3, atRisk: 2, compliance: 0.5 });
    expect(sla.byOwner.map((o) => [o.ownerEmail, o.mqls, o.met, o.breached, o.pending])).toEqual([
      [RITA, 7, 3, 2, 2],
      ["omar@example.test", 1, 0, 1, 0],
      [null, 1, 0, 0, 1],
    ]);
  });

  it("filters choose the leads (lead owner); nothing met or breached → null", async () => {
    await insertDataset(db(), slaData);
    const omar = await computeKpis(db(), { ...params, ownerEmail: ["OMAR@example.test"] });
    expect(omar.kpis.sla_compliance).toBe(0);
    // P = 01-20 … 01-21: only S7, S5, S6, all pending at as_of → met + breached = 0 → null
    const early = await computeKpis(db(), { ...params, from: "2025-01-20", to: "2025-01-21" });
    expect(early.kpis.mqls).toBe(3);
    expect(early.kpis.sla_compliance).toBeNull();
    // segment filter on leads without an account: nobody
    const none = await computeKpis(db(), { ...params, segment: ["smb"] });
    expect([none.kpis.mqls, none.kpis.sla_compliance]).toEqual([0, null]);
  });

  it("holidays, other schedules, fractional N: SQL agrees with the reference implementation", async () => {
    // Monday 2025-01-13 is a holiday: S1 (Fri 16:00) → 1 h Fri + 3 h Tue → Tue 01-14 12:00
    await setSettings(db(), { holidays: ["2025-01-13"] });
    await insertDataset(db(), slaData);
    const rows = await slaLeads();
    expect(iso(rows.find((r) => r.leadId === "S1")!.dueAt)).toBe("2025-01-14T12:00:00Z");
    expect(rows.find((r) => r.leadId === "S1")!.status).toBe("met");

    // A pseudo-random set of MQLs around the DST changes of New York, a richer schedule,
    // a holiday and N = 4.5: every SQL due time equals businessDue().
    await clearDomain(db());
    await setSettings(db(), {
      timeZone: "America/New_York",
      slaResponseHours: "4.5",
      businessHours: "mon-thu 08:00-18:00; fri 08:00-14:00; sat 10:00-12:00",
      holidays: ["2025-03-10", "2025-11-03", "2025-11-04"],
    });
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const leads: LeadRow[] = [];
    for (let i = 0; i < 120; i++) {
      const window = i % 2 === 0 ? Date.UTC(2025, 2, 5) : Date.UTC(2025, 9, 30);
      const at = new Date(window + Math.floor(rand() * 9 * 86_400_000) + Math.floor(rand() * 1000));
      leads.push({ id: `R${i}`, createdAt: "2025-01-01T00:00:00Z", mqlAt: at.toISOString() });
    }
    await insertDataset(db(), { leads });
    const settings = await getOrgSettings(db());
    const p: KpiParams = { from: "2025-03-01", to: "2025-11-30", asOf: new Date("2025-12-31T00:00:00Z") };
    const got = await slaLeads(p);
    expect(got).toHaveLength(120);
    for (const r of got) {
      expect([r.leadId, r.dueAt?.toISOString()]).toEqual([r.leadId, businessDue(r.mqlAt, settings.sla)?.toISOString()]);
    }
  });

  it("marketing delivery: whole months inside P that ended by as_of, unfiltered", async () => {
    // New York calendar: the MQL at 2025-03-01T03:00Z is still February locally.
    await setSettings(db(), { timeZone: "America/New_York" });
    await db().execute((await import("drizzle-orm")).sql`update organisation_settings set mql_monthly_target = 2`);
    await insertDataset(db(), {
      leads: [
        lead("M1", "2025-02-03T15:00:00Z"),
        lead("M2", "2025-03-01T03:00:00Z", { ownerEmail: "omar@example.test" }),
        lead("M3", "2025-03-10T15:00:00Z"),
        lead("M4", "2025-01-20T15:00:00Z"),
      ],
    });
    const settings = await getOrgSettings(db());
    const at = async (p: KpiParams) => {
      const ctx = await buildContext(db(), p, settings);
      return marketingSlaGroup(db(), ctx.p, settings);
    };
    // P = 01-15 … 04-30: January is not wholly inside; April has not ended by as_of 04-15
    expect(await at({ from: "2025-01-15", to: "2025-04-30", asOf: new Date("2025-04-15T00:00:00Z"), ownerEmail: [RITA] })).toEqual({
      months: [
        { month: "2025-02", target: 2, delivered: 2, met: true },
        { month: "2025-03", target: 2, delivered: 1, met: false },
      ],
      compliance: 0.5,
    });
    // March ends at 2025-04-01T04:00Z in New York: as of 03:59 it has not ended yet
    expect((await at({ from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-01T03:59:00Z") })).months.map((m) => m.month)).toEqual(["2025-01", "2025-02"]);
    expect(await at({ from: "2025-01-02", to: "2025-01-31", asOf: new Date("2025-04-01T00:00:00Z") })).toEqual({ months: [], compliance: null });
  });
});
