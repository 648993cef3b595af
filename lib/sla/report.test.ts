import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { importFolder } from "@/lib/import";
import { buildContext, businessDue, listSlaLeads, parseBusinessHours, type SlaSettings } from "@/lib/kpi";
import { clearDomain, insertDataset, setSettings, type LeadRow, type SettingsPatch } from "@/lib/kpi/testing";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { bodyValidator, responseSchema } from "@/lib/testing/openapi";
import { openApiDocument } from "@/lib/api/openapi";
import { slaHandler, type SlaReport } from "./report";

/**
 * GET /api/v1/sla (data-contract.md §2, kpi-definitions.md §4) through the real apiRoute
 * wrapper, and the due-time arithmetic of §4 on hand-computed examples: the SQL of the engine
 * (what the API and the page count) and the reference businessDue() must both give each due time.
 */

interface DueCase {
  name: string;
  settings: SettingsPatch;
  mqlAt: string;
  due: string;
}

/** Every due time computed by hand from the schedule; "Z" instants, local times in comments. */
const DUE_CASES: DueCase[] = [
  // §4's own examples, UTC, Mon–Fri 09:00–17:00, N = 4
  { name: "Friday 16:00 → Monday 12:00", settings: {}, mqlAt: "2025-01-10T16:00:00Z", due: "2025-01-13T12:00:00Z" },
  { name: "Saturday 10:00 → Monday 13:00", settings: {}, mqlAt: "2025-01-18T10:00:00Z", due: "2025-01-20T13:00:00Z" },
  { name: "before opening: Tuesday 08:00 → Tuesday 13:00", settings: {}, mqlAt: "2025-01-07T08:00:00Z", due: "2025-01-07T13:00:00Z" },
  { name: "due exactly at closing: Tuesday 13:00 → Tuesday 17:00, not Wednesday 09:00", settings: {}, mqlAt: "2025-01-07T13:00:00Z", due: "2025-01-07T17:00:00Z" },
  { name: "MQL exactly at closing: Tuesday 17:00 → Wednesday 13:00", settings: {}, mqlAt: "2025-01-07T17:00:00Z", due: "2025-01-08T13:00:00Z" },
  { name: "MQL exactly at opening: Wednesday 09:00 → Wednesday 13:00", settings: {}, mqlAt: "2025-01-08T09:00:00Z", due: "2025-01-08T13:00:00Z" },
  // New York: DST starts Sunday 2025-03-09 (EST −5 → EDT −4) and ends Sunday 2025-11-02
  {
    name: "New York, spring forward: Fri 15:00 EST → Mon 11:00 EDT",
    settings: { timeZone: "America/New_York" },
    mqlAt: "2025-03-07T20:00:00Z",
    due: "2025-03-10T15:00:00Z",
  },
  {
    name: "New York, fall back: Fri 16:00 EDT → Mon 12:00 EST",
    settings: { timeZone: "America/New_York" },
    mqlAt: "2025-10-31T20:00:00Z",
    due: "2025-11-03T17:00:00Z",
  },
  {
    name: "New York, weekend hours across the change: Sat 16:30 EST → Sun 10:30 EDT",
    settings: { timeZone: "America/New_York", businessHours: "mon-sun 09:00-17:00", slaResponseHours: "2" },
    mqlAt: "2025-03-08T21:30:00Z",
    due: "2025-03-09T14:30:00Z",
  },
  // Madrid: DST starts Sunday 2025-03-30 (CET +1 → CEST +2) and ends Sunday 2025-10-26
  {
    name: "Madrid, spring forward: Fri 16:00 CET → Mon 12:00 CEST",
    settings: { timeZone: "Europe/Madrid" },
    mqlAt: "2025-03-28T15:00:00Z",
    due: "2025-03-31T10:00:00Z",
  },
  {
    name: "Madrid, fall back: Fri 16:00 CEST → Mon 12:00 CET",
    settings: { timeZone: "Europe/Madrid" },
    mqlAt: "2025-10-24T14:00:00Z",
    due: "2025-10-27T11:00:00Z",
  },
  // A holiday: Monday 2025-01-13 off → 1 h Friday + 3 h Tuesday
  { name: "across a holiday: Fri 16:00 → Tue 12:00", settings: { holidays: ["2025-01-13"] }, mqlAt: "2025-01-10T16:00:00Z", due: "2025-01-14T12:00:00Z" },
  {
    name: "across two holidays: Wed 12-24 15:00 → Mon 12-29 11:00",
    settings: { holidays: ["2025-12-25", "2025-12-26"] },
    mqlAt: "2025-12-24T15:00:00Z",
    due: "2025-12-29T11:00:00Z",
  },
  // A split week: long days Monday–Thursday, a short Friday
  {
    name: "split week: Thu 16:00 → Fri 10:00",
    settings: { businessHours: "mon-thu 08:00-18:00; fri 08:00-14:00" },
    mqlAt: "2025-01-09T16:00:00Z",
    due: "2025-01-10T10:00:00Z",
  },
  {
    name: "split week: Fri 12:00 → Mon 10:00",
    settings: { businessHours: "mon-thu 08:00-18:00; fri 08:00-14:00" },
    mqlAt: "2025-01-10T12:00:00Z",
    due: "2025-01-13T10:00:00Z",
  },
  {
    name: "split week, N = 1.5: Fri 13:30 → Mon 09:00",
    settings: { businessHours: "mon-thu 08:00-18:00; fri 08:00-14:00", slaResponseHours: "1.5" },
    mqlAt: "2025-01-10T13:30:00Z",
    due: "2025-01-13T09:00:00Z",
  },
];

const baseWeek = parseBusinessHours("mon-fri 09:00-17:00") ?? [];
function referenceSettings(patch: SettingsPatch): SlaSettings {
  return {
    timeZone: patch.timeZone ?? "UTC",
    slaResponseHours: Number(patch.slaResponseHours ?? "4"),
    week: patch.businessHours ? (parseBusinessHours(patch.businessHours) ?? []) : baseWeek,
    holidays: patch.holidays ?? [],
  };
}

describe("due times of kpi-definitions.md §4 (reference arithmetic)", () => {
  it.each(DUE_CASES)("$name", ({ settings, mqlAt, due }) => {
    expect(businessDue(new Date(mqlAt), referenceSettings(settings))?.toISOString()).toBe(new Date(due).toISOString());
  });
});

const expected = JSON.parse(readFileSync(resolve(TINY_DIR, "expected.json"), "utf8")) as { sla: SlaReport };

describeDb("GET /api/v1/sla", (t) => {
  const db = () => t().conn.db;
  const get = async (qs: string, opts: { auth?: boolean } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.auth !== false) {
      const { key } = await createApiKey(db(), { name: "sla test", role: "sales" });
      headers.Authorization = `Bearer ${key}`;
    }
    const route = apiRoute("sla", slaHandler, { getDb: async () => db() });
    return route(new Request(`http://localhost/api/v1/sla?${qs}`, { headers }));
  };
  const report = async (qs: string): Promise<SlaReport> => {
    const res = await get(qs);
    expect(res.status).toBe(200);
    return (await res.json()) as SlaReport;
  };

  beforeEach(async () => {
    await clearDomain(db());
    await setSettings(db());
  });

  it("the tiny fixture answers exactly expected.json's sla section", async () => {
    const imported = await importFolder(db(), TINY_DIR);
    expect(imported.ok).toBe(true);
    const res = await get("from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as SlaReport;
    expect(Object.keys(body)).toEqual(["sales", "by_owner", "marketing"]);
    expect(Object.keys(body.sales)).toEqual(["mqls", "met", "breached", "pending", "at_risk", "compliance"]);
    expect(body).toEqual(expected.sla);
    const doc = openApiDocument();
    const validate = bodyValidator(doc);
    expect(validate(responseSchema(doc, "/api/v1/sla", "get", "200"), body)).toEqual([]);
    expect(validate(responseSchema(doc, "/api/v1/sla", "get", "200"), { ...body, sales: { ...body.sales, compliance: "0.5" } })).not.toEqual([]);
    // the filters narrow the sales side only; the marketing side stays company-wide
    const omar = await report("from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z&owner_email=OMAR@alignboard.example");
    expect(omar.sales).toEqual({ mqls: 2, met: 1, breached: 1, pending: 0, at_risk: 0, compliance: 0.5 });
    expect(omar.by_owner.map((o) => o.owner_email)).toEqual(["omar@alignboard.example"]);
    expect(omar.marketing).toEqual(expected.sla.marketing);
  });

  it("400 names the bad parameter; 401 without a key; nothing to divide by → null", async () => {
    for (const [qs, field] of [
      ["to=2025-03-31", "from"],
      ["from=2025-04-01&to=2025-03-31", "from"],
      ["from=2025-01-01&to=2025-03-31&owner_email=nobody", "owner_email"],
      ["from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00", "as_of"],
    ] as const) {
      const res = await get(qs);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: "invalid_parameter", field });
    }
    expect((await get("from=2025-01-01&to=2025-03-31", { auth: false })).status).toBe(401);
    expect(await report("from=2025-01-01&to=2025-01-31&as_of=2025-01-20T00:00:00Z")).toEqual({
      sales: { mqls: 0, met: 0, breached: 0, pending: 0, at_risk: 0, compliance: null },
      by_owner: [],
      marketing: { months: [], compliance: null },
    });
  });

  it("due times in SQL equal the hand-computed table (both DST changes, holidays, a split week)", async () => {
    const groups = new Map<string, DueCase[]>();
    for (const c of DUE_CASES) groups.set(JSON.stringify(c.settings), [...(groups.get(JSON.stringify(c.settings)) ?? []), c]);
    for (const [key, cases] of groups) {
      await clearDomain(db());
      await setSettings(db(), JSON.parse(key) as SettingsPatch);
      await insertDataset(db(), {
        leads: cases.map((c, i): LeadRow => ({ id: `D${i}`, createdAt: "2025-01-01T00:00:00Z", mqlAt: c.mqlAt })),
      });
      const settings = await getOrgSettings(db());
      const ctx = await buildContext(db(), { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-02-01T00:00:00Z") }, settings);
      const rows = await listSlaLeads(db(), ctx.p, ctx.filters, settings.sla);
      const got = Object.fromEntries(rows.map((r) => [r.leadId, r.dueAt?.toISOString()]));
      cases.forEach((c, i) => expect(got[`D${i}`], c.name).toBe(new Date(c.due).toISOString()));
    }
  });

  /**
   * Status boundaries, UTC, Mon–Fri 09–17, N = 4; every MQL Tuesday 2025-01-07 09:00 (due 13:00)
   * unless said otherwise.
   * B1 call at 13:00:00 exactly           → met (at the due time)
   * B2 call at 13:00:01                   → breached
   * B3 no response, as_of 12:00 = 3 of 4 h used → pending, at_risk (exactly 75%)
   * B4 MQL 09:00:01, as_of 12:00 → 2 h 59 min 59 s used → pending, not at risk
   * B5 no response; as_of … after due → breached (other as_of below)
   */
  const boundaryLeads: LeadRow[] = [
    { id: "B1", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", ownerEmail: "rita@example.test" },
    { id: "B2", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", ownerEmail: "rita@example.test" },
    { id: "B3", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z" },
    { id: "B4", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:01Z" },
  ];
  const boundaryActivities = [
    { id: "X1", leadId: "B1", occurredAt: "2025-01-07T13:00:00Z" },
    { id: "X2", leadId: "B2", occurredAt: "2025-01-07T13:00:01Z" },
  ];
  const jan = (asOf: string) => `from=2025-01-01&to=2025-01-31&as_of=${asOf}`;

  it("a response exactly at the due time is met; at_risk starts at exactly 75% of the window", async () => {
    await insertDataset(db(), { leads: boundaryLeads, activities: boundaryActivities });
    // as_of Tue 12:00: B1 and B2 have not answered yet (their calls are later) → 4 pending;
    // B1, B2, B3 have used 3 h of 4 (75%) → at risk; B4 2:59:59 → not
    expect((await report(jan("2025-01-07T12:00:00Z"))).sales).toEqual({
      mqls: 4, met: 0, breached: 0, pending: 4, at_risk: 3, compliance: null,
    });
    // one second earlier nobody has used 75%
    expect((await report(jan("2025-01-07T11:59:59Z"))).sales.at_risk).toBe(0);
    // as_of = due time 13:00: B1 answered exactly at due → met; B3 unanswered but due = as_of → pending
    expect((await report(jan("2025-01-07T13:00:00Z"))).sales).toEqual({
      mqls: 4, met: 1, breached: 0, pending: 3, at_risk: 3, compliance: 1,
    });
    // one second after due: B2 answered late → breached; B3 (due 13:00) breached; B4 (due 13:00:01) pending
    expect((await report(jan("2025-01-07T13:00:01Z"))).sales).toEqual({
      mqls: 4, met: 1, breached: 2, pending: 1, at_risk: 1, compliance: 1 / 3,
    });
    const later = await report(jan("2025-01-08T09:00:00Z"));
    expect(later.sales).toEqual({ mqls: 4, met: 1, breached: 3, pending: 0, at_risk: 0, compliance: 0.25 });
    expect(later.by_owner).toEqual([
      { owner_email: "rita@example.test", mqls: 2, met: 1, breached: 1, pending: 0, compliance: 0.5 },
      { owner_email: null, mqls: 2, met: 0, breached: 2, pending: 0, compliance: 0 },
    ]);
  });

  it("as_of cuts responses: an activity, sql_at or rejected_at after as_of has not happened yet", async () => {
    await insertDataset(db(), {
      leads: [
        { id: "C1", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z" },
        { id: "C2", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", sqlAt: "2025-01-07T11:00:00Z" },
        { id: "C3", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T09:00:00Z", rejectedAt: "2025-01-07T14:00:00Z" },
        // an MQL after as_of is no MQL yet; a lead created after as_of does not exist
        { id: "C4", createdAt: "2025-01-01T00:00:00Z", mqlAt: "2025-01-07T10:45:00Z" },
        { id: "C5", createdAt: "2025-01-07T10:40:00Z", mqlAt: "2025-01-07T10:40:00Z" },
      ],
      activities: [{ id: "Y1", leadId: "C1", occurredAt: "2025-01-07T11:00:00Z" }],
    });
    // as_of 10:30: nothing has answered, C4/C5 do not count → 3 pending
    expect((await report(jan("2025-01-07T10:30:00Z"))).sales).toEqual({
      mqls: 3, met: 0, breached: 0, pending: 3, at_risk: 0, compliance: null,
    });
    // as_of 11:30: C1's call and C2's sql_at count (met); C3's rejection at 14:00 has not happened
    expect((await report(jan("2025-01-07T11:30:00Z"))).sales).toEqual({
      mqls: 5, met: 2, breached: 0, pending: 3, at_risk: 0, compliance: 1,
    });
    // as_of 14:30: C3's rejection at 14:00 came after its 13:00 due time → breached;
    // C4 (due 14:45) and C5 (due 14:40) still pending and at risk (3 h 45 / 3 h 50 used)
    expect((await report(jan("2025-01-07T14:30:00Z"))).sales).toEqual({
      mqls: 5, met: 2, breached: 1, pending: 2, at_risk: 2, compliance: 2 / 3,
    });
  });
});
