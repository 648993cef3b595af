import { beforeEach, expect, it } from "vitest";
import { clearDomain, insertDataset, setSettings, type LeadRow } from "@/lib/kpi/testing";
import { describeDb } from "@/lib/testing/describe-db";
import { loadSlaPage } from "./page-data";
import { computeSlaReport, toSlaReport } from "./report";

/**
 * The SLA page's data on a hand-computed set. UTC, Mon–Fri 09–17, N = 4 h, P = January 2025,
 * as_of = Tue 2025-01-21 12:00Z.
 *
 * lead  mql_at           response            business time used   status
 * Q1    Tue 21 08:00     none                3 h (left 1 h)       pending, at risk   (rita)
 * Q2    Tue 21 10:00     none                2 h (left 2 h)       pending
 * Q3    Mon 20 16:00     none                1 + 3 = 4 h (left 0) pending, at risk (due = as_of)
 * R1    Fri 10 16:00     call Mon 13 12:00   4 h                  met               (rita)
 * R2    Sat 18 10:00     call Mon 20 13:01   4 h 1 min            breached, 1 min late (rita)
 * R3    Wed 08 09:00     rejected 10:00      1 h                  met
 * R4    Thu 16 09:00     none                8+8+8+3 = 27 h       breached, 23 h late
 *
 * Responded: 1 h, 4 h, 4 h 1 min → median 4 h; p90 = 4 h + 0.8 × 1 min = 4.01333… h;
 * buckets [<0.5, 0.5–1, 1–2, 2–4, 4–8, 8–16, ≥16] → [0, 0, 1, 0, 2, 0, 0].
 */
const RITA = "rita@example.test";
const lead = (id: string, mqlAt: string, extra: Partial<LeadRow> = {}): LeadRow => ({ id, createdAt: "2025-01-01T00:00:00Z", mqlAt, ...extra });
const PARAMS = { from: "2025-01-01", to: "2025-01-31", asOf: new Date("2025-01-21T12:00:00Z") };
const HOUR = 3_600_000;

describeDb("SLA page data", (t) => {
  const db = () => t().conn.db;

  beforeEach(async () => {
    await clearDomain(db());
    await setSettings(db());
    await insertDataset(db(), {
      leads: [
        lead("Q1", "2025-01-21T08:00:00Z", { ownerEmail: RITA }),
        lead("Q2", "2025-01-21T10:00:00Z"),
        lead("Q3", "2025-01-20T16:00:00Z"),
        lead("R1", "2025-01-10T16:00:00Z", { ownerEmail: RITA }),
        lead("R2", "2025-01-18T10:00:00Z", { ownerEmail: RITA }),
        lead("R3", "2025-01-08T09:00:00Z", { rejectedAt: "2025-01-08T10:00:00Z" }),
        lead("R4", "2025-01-16T09:00:00Z"),
      ],
      activities: [
        { id: "A1", leadId: "R1", occurredAt: "2025-01-13T12:00:00Z" },
        { id: "A2", leadId: "R2", occurredAt: "2025-01-20T13:01:00Z" },
      ],
    });
  });

  it("queue by time left, breached list with lateness, distribution, trend and teams", async () => {
    const d = await loadSlaPage(db(), PARAMS);
    expect(d.queue.map((q) => [q.leadId, q.atRisk, q.leftMs, q.dueAt])).toEqual([
      ["Q3", true, 0, "2025-01-21T12:00:00.000Z"],
      ["Q1", true, HOUR, "2025-01-21T13:00:00.000Z"],
      ["Q2", false, 2 * HOUR, "2025-01-21T14:00:00.000Z"],
    ]);
    // The live countdown's input: the business time from as_of to the due time, and N.
    const at = (iso: string) => Date.parse(iso);
    expect(d.queue.map((q) => [q.leadId, q.spans, q.windowMs])).toEqual([
      ["Q3", [], 4 * HOUR],
      ["Q1", [[at("2025-01-21T12:00:00Z"), at("2025-01-21T13:00:00Z")]], 4 * HOUR],
      ["Q2", [[at("2025-01-21T12:00:00Z"), at("2025-01-21T14:00:00Z")]], 4 * HOUR],
    ]);
    expect(d.asOf).toBe("2025-01-21T12:00:00.000Z");
    expect(d.queueTotal).toBe(3);
    expect(d.queue[1]?.ownerEmail).toBe(RITA);
    expect(d.breached.map((b) => [b.leadId, b.lateMs, b.firstResponseAt])).toEqual([
      ["R2", 60_000, "2025-01-20T13:01:00.000Z"],
      ["R4", 23 * HOUR, null],
    ]);
    expect(d.breachedTotal).toBe(2);
    expect(d.responded).toBe(3);
    expect(d.distribution).toEqual([0, 0, 1, 0, 2, 0, 0]);
    expect(d.medianHours).toBe(4);
    expect(d.p90Hours).toBeCloseTo(4 + 0.8 / 60, 9);
    expect(d.trendGrain).toBe("week");
    expect(d.trend).toEqual([
      { start: "2025-01-06", met: 2, breached: 0, pending: 0, compliance: 1 },
      { start: "2025-01-13", met: 0, breached: 2, pending: 0, compliance: 0 },
      { start: "2025-01-20", met: 0, breached: 0, pending: 3, compliance: null },
    ]);
    expect(d.teams).toEqual([
      { team: null, mqls: 4, met: 1, breached: 1, pending: 2, compliance: 0.5 },
      { team: "sales", mqls: 3, met: 1, breached: 1, pending: 1, compliance: 0.5 },
    ]);
    expect(d.windowMs).toBe(4 * HOUR);
    // the page's totals are the API's numbers
    expect(toSlaReport(d.sales, d.marketing)).toEqual(await computeSlaReport(db(), PARAMS));
    expect(d.sales).toMatchObject({ mqls: 7, met: 2, breached: 2, pending: 3, atRisk: 2, compliance: 0.5 });
  });

  it("a year is shown by month; nothing responded → no median, empty buckets", async () => {
    const d = await loadSlaPage(db(), { ...PARAMS, from: "2025-01-01", to: "2025-12-31", asOf: new Date("2025-01-09T00:00:00Z") });
    // as of Thu 01-09 00:00: only R3 (mql 01-08, rejected 10:00) exists as an MQL and has answered
    expect(d.trendGrain).toBe("month");
    expect(d.trend).toEqual([{ start: "2025-01-01", met: 1, breached: 0, pending: 0, compliance: 1 }]);
    const none = await loadSlaPage(db(), { ...PARAMS, asOf: new Date("2025-01-08T09:30:00Z") });
    expect([none.responded, none.medianHours, none.p90Hours, none.distribution]).toEqual([0, null, null, [0, 0, 0, 0, 0, 0, 0]]);
    expect(none.queue.map((q) => [q.leadId, q.leftMs])).toEqual([["R3", 3.5 * HOUR]]);
    // as of Wed 01-08 09:30, R3 (mql 09:00) is due 13:00: the spans are the 3.5 h left, on one day
    expect(none.queue[0]?.spans).toEqual([[Date.parse("2025-01-08T09:30:00Z"), Date.parse("2025-01-08T13:00:00Z")]]);
  });
});
