import { beforeEach, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { computeKpis, type KpiParams } from "@/lib/kpi";
import { clearDomain, insertDataset, setSettings, type Dataset } from "./testing";

/**
 * Hand-built datasets per KPI group, with the expected values worked out in the comments.
 * Unless said otherwise: organisation time zone UTC, P = 2025-01-01 … 2025-03-31,
 * as_of = 2025-04-15T00:00:00Z.
 */
const base = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };
const RITA = "rita@example.test";
const OMAR = "omar@example.test";

// ---------------------------------------------------------------------------------------------
// Deals group dataset
//   leads: L1 webinar (A1), L2 outbound, L3 partner, L4 paid_search created after as_of,
//          L5 email created after as_of (a deal contact), L6 direct (a deal contact)
//   won in P:  D1 100.10  A1 enterprise  rita  L1  created 01-05 → closed 01-15         10 days
//              D2 200.205 (no account)    omar  L2  created 01-31 → closed 02-10 12:00  10.5 days
//              D3 300     A2 smb          rita  L3  created 02-01 → closed 03-01        28 days
//              D4 400     A2 smb          omar  L1  created 03-01 → closed 03-20        19 days
//   lost in P: D5 999     A1              rita  L1  closed 02-15
//   D6  50    closed_won 04-20 (after as_of) → open at as_of
//   D7  70    created 04-16 (after as_of) → does not exist
//   D8  1000  won 02-01 but its primary lead L4 was created after as_of → does not exist
//   D9  25.55 negotiation, A1, rita → open
//   D10 500   won in PY (2024-02-01)
// revenue = 1000.305 → 1000.31 (half away from zero; a float sum would give 1000.3)
// won 4, lost 1, win_rate 0.8, average 250.07625 → 250.08
// cycles 10, 10.5, 19, 28: median (10.5 + 19) / 2 = 14.75, mean 67.5 / 4 = 16.875
// marketing sourced: D1 + D4 (primary lead L1 = webinar) = 500.10; share 500.1 / 1000.305
// marketing influenced: D1, D4 (T1 webinar on L1 01-10), D2 (contact L6, email at exactly its
//   closed_at) = 700.305 → 700.31; D3: its primary lead L3 has only a partner touch and its
//   contact L5 was created after as_of, so L5's email touch does not count
// content influenced: D3 (U1 shared 02-20 ≤ close) = 300; U2 viewed (not customer-facing),
//   U3 sent after D4's close, U4 presented on an asset published after as_of
// open: D6 + D9 = 75.55, 2 deals
// velocity = 2 × 0.8 × 250.07625 / 16.875 = 23.7109… → 23.71
// revenue_prev_year = 500 (D10); growth = (1000.305 − 500) / 500 = 1.00061
// content: CA1 active+used (U1), CA2 archived before P, CA3 published after as_of (absent),
//   CA4 archived after as_of (not yet archived → active, its usage is after P), CA5 active with a
//   "viewed" only → 1 used / 3 active
// ---------------------------------------------------------------------------------------------
const dealsData: Dataset = {
  accounts: [
    { id: "A1", segment: "enterprise" },
    { id: "A2", segment: "smb" },
  ],
  leads: [
    { id: "L1", accountId: "A1", sourceChannel: "webinar" },
    { id: "L2", sourceChannel: "outbound" },
    { id: "L3", sourceChannel: "partner" },
    { id: "L4", sourceChannel: "paid_search", createdAt: "2025-04-16T00:00:00Z" },
    { id: "L5", sourceChannel: "email", createdAt: "2025-04-18T00:00:00Z" },
    { id: "L6", sourceChannel: "direct" },
  ],
  deals: [
    { id: "D1", primaryLeadId: "L1", accountId: "A1", ownerEmail: RITA, amount: "100.10", createdAt: "2025-01-05T00:00:00Z", stage: "closed_won", closedAt: "2025-01-15T00:00:00Z" },
    { id: "D2", primaryLeadId: "L2", ownerEmail: OMAR, amount: "200.205", createdAt: "2025-01-31T00:00:00Z", stage: "closed_won", closedAt: "2025-02-10T12:00:00Z" },
    { id: "D3", primaryLeadId: "L3", accountId: "A2", ownerEmail: RITA, amount: "300", createdAt: "2025-02-01T00:00:00Z", stage: "closed_won", closedAt: "2025-03-01T00:00:00Z" },
    { id: "D4", primaryLeadId: "L1", accountId: "A2", ownerEmail: OMAR, amount: "400", createdAt: "2025-03-01T00:00:00Z", stage: "closed_won", closedAt: "2025-03-20T00:00:00Z" },
    { id: "D5", primaryLeadId: "L1", accountId: "A1", ownerEmail: "Rita@Example.test", amount: "999", createdAt: "2025-01-01T00:00:00Z", stage: "closed_lost", closedAt: "2025-02-15T00:00:00Z" },
    { id: "D6", primaryLeadId: "L2", amount: "50", createdAt: "2025-03-25T00:00:00Z", stage: "closed_won", closedAt: "2025-04-20T00:00:00Z" },
    { id: "D7", primaryLeadId: "L2", amount: "70", createdAt: "2025-04-16T00:00:00Z", stage: "qualification" },
    { id: "D8", primaryLeadId: "L4", amount: "1000", createdAt: "2025-01-20T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
    { id: "D9", primaryLeadId: "L1", accountId: "A1", ownerEmail: RITA, amount: "25.55", createdAt: "2025-02-01T00:00:00Z", stage: "negotiation" },
    { id: "D10", primaryLeadId: "L1", accountId: "A1", amount: "500", createdAt: "2024-01-01T00:00:00Z", stage: "closed_won", closedAt: "2024-02-01T00:00:00Z" },
  ],
  dealContacts: [
    { dealId: "D2", leadId: "L6" },
    { dealId: "D3", leadId: "L5" },
  ],
  touchpoints: [
    { id: "T1", leadId: "L1", occurredAt: "2025-01-10T00:00:00Z", channel: "webinar" },
    { id: "T2", leadId: "L2", occurredAt: "2025-01-10T00:00:00Z", channel: "outbound" },
    { id: "T3", leadId: "L6", occurredAt: "2025-02-10T12:00:00Z", channel: "email" },
    { id: "T5", leadId: "L6", occurredAt: "2025-02-10T12:00:01Z", channel: "webinar" },
    { id: "T6", leadId: "L3", occurredAt: "2025-02-10T12:00:00Z", channel: "partner" },
    { id: "T4", leadId: "L5", occurredAt: "2025-02-01T00:00:00Z", channel: "email" },
  ],
  assets: [
    { id: "CA1", publishedAt: "2024-01-01T00:00:00Z" },
    { id: "CA2", publishedAt: "2024-01-01T00:00:00Z", archivedAt: "2024-12-31T00:00:00Z" },
    { id: "CA3", publishedAt: "2025-04-16T00:00:00Z" },
    { id: "CA4", publishedAt: "2024-01-01T00:00:00Z", archivedAt: "2025-06-01T00:00:00Z" },
    { id: "CA5", publishedAt: "2025-03-31T23:00:00Z" },
  ],
  usages: [
    { id: "U1", assetId: "CA1", occurredAt: "2025-02-20T00:00:00Z", action: "shared", dealId: "D3" },
    { id: "U2", assetId: "CA1", occurredAt: "2025-01-10T00:00:00Z", action: "viewed", dealId: "D1" },
    { id: "U3", assetId: "CA1", occurredAt: "2025-03-21T00:00:00Z", action: "sent", dealId: "D4" },
    { id: "U4", assetId: "CA3", occurredAt: "2025-02-01T00:00:00Z", action: "presented", dealId: "D2" },
    { id: "U5", assetId: "CA4", occurredAt: "2025-04-10T00:00:00Z", action: "sent" },
    { id: "U6", assetId: "CA5", occurredAt: "2025-03-31T23:30:00Z", action: "viewed" },
  ],
};

describeDb("kpi engine: hand-built datasets", (t) => {
  const db = () => t().conn.db;
  const run = (p: Partial<KpiParams> = {}) => computeKpis(db(), { ...base, ...p });

  beforeEach(async () => {
    await clearDomain(db());
    await setSettings(db());
  });

  it("empty database: counts 0, money 0, every ratio null", async () => {
    const { kpis } = await run();
    expect(kpis).toEqual({
      revenue: 0, revenue_prev_year: 0, revenue_growth_yoy: null, won_deals: 0, lost_deals: 0,
      win_rate: null, average_deal_size: null, sales_cycle_days_median: null, sales_cycle_days_mean: null,
      mqls: 0, sqls: 0, mql_to_sql_rate: null, lead_rejection_rate: null, closing_efficiency: null,
      marketing_sourced_revenue: 0, marketing_sourced_share: null, marketing_influenced_revenue: 0,
      open_pipeline: 0, open_deals: 0, pipeline_velocity_per_day: null, customer_retention_rate: null,
      customer_lifetime_value: null, content_usage_rate: null, content_unused_share: null,
      content_influenced_revenue: 0, sla_compliance: null,
    });
  });

  it("deals group: sums, counts, cycle median/mean, as_of cuts, influence", async () => {
    await insertDataset(db(), dealsData);
    const { kpis } = await run();
    expect(kpis).toMatchObject({
      revenue: 1000.31, won_deals: 4, lost_deals: 1, win_rate: 0.8, average_deal_size: 250.08,
      sales_cycle_days_median: 14.75, sales_cycle_days_mean: 16.875,
      marketing_sourced_revenue: 500.1, marketing_influenced_revenue: 700.31,
      content_influenced_revenue: 300, open_pipeline: 75.55, open_deals: 2,
      pipeline_velocity_per_day: 23.71, revenue_prev_year: 500,
    });
    expect(kpis.marketing_sourced_share).toBeCloseTo(500.1 / 1000.305, 12);
    expect(kpis.revenue_growth_yoy).toBeCloseTo(1.00061, 12);
    expect(kpis.content_usage_rate).toBeCloseTo(1 / 3, 12);
    expect(kpis.content_unused_share).toBeCloseTo(2 / 3, 12);
  });

  it("deals group: as_of inside P makes later closes open and later records absent", async () => {
    await insertDataset(db(), dealsData);
    // as_of 2025-02-12: won D1, D2 only (D3, D4 close later → open; D5 lost later → open);
    // D9 open; D4 (created 03-01) and D6 not created yet. open = D3 300 + D5 999 + D9 25.55 = 1324.55
    const { kpis } = await run({ asOf: new Date("2025-02-12T00:00:00Z") });
    expect(kpis).toMatchObject({
      won_deals: 2, lost_deals: 0, revenue: 300.31, open_deals: 3, open_pipeline: 1324.55,
      win_rate: 1, sales_cycle_days_median: 10.25, sales_cycle_days_mean: 10.25,
    });
  });

  it("deal filters: segment (account-less deals out), owner (case-insensitive), empty population", async () => {
    await insertDataset(db(), dealsData);
    // enterprise = account A1: D1 won, D5 lost, D9 open; D2 (no account) is left out
    expect((await run({ segment: ["enterprise"] })).kpis).toMatchObject({
      revenue: 100.1, won_deals: 1, lost_deals: 1, win_rate: 0.5, open_deals: 1, open_pipeline: 25.55,
      revenue_prev_year: 500,
    });
    // smb = A2: D3, D4 → 700; D6 (no account) not open in smb
    expect((await run({ segment: ["smb"] })).kpis).toMatchObject({ revenue: 700, won_deals: 2, open_deals: 0 });
    // deal owner rita: D1, D3 won, D5 lost (stored mixed case), D9 open
    expect((await run({ ownerEmail: ["RITA@example.test"] })).kpis).toMatchObject({
      revenue: 400.1, won_deals: 2, lost_deals: 1, open_deals: 1, content_influenced_revenue: 300,
    });
    // source channel of the primary lead: outbound = D2 (won), D6 (open)
    expect((await run({ sourceChannel: ["outbound"] })).kpis).toMatchObject({
      revenue: 200.21, won_deals: 1, open_deals: 1, open_pipeline: 50, marketing_sourced_revenue: 0,
      marketing_sourced_share: 0,
    });
    // nobody: counts 0, ratios null, money 0
    const { kpis } = await run({ sourceChannel: ["referral"] });
    expect(kpis).toMatchObject({
      revenue: 0, won_deals: 0, lost_deals: 0, win_rate: null, average_deal_size: null,
      sales_cycle_days_median: null, sales_cycle_days_mean: null, marketing_sourced_share: null,
      revenue_prev_year: 0, revenue_growth_yoy: null, open_pipeline: 0, open_deals: 0,
      pipeline_velocity_per_day: null, mqls: 0, mql_to_sql_rate: null, closing_efficiency: null,
      customer_lifetime_value: null,
    });
    // content usage is not filtered
    expect(kpis.content_usage_rate).toBeCloseTo(1 / 3, 12);
  });

  it("PY is seen as of as_of − 1 year", async () => {
    // P = 2025-01-01 … 2025-03-31 with as_of 2025-02-15 → PY as_of 2024-02-15:
    // P1 (won 2024-02-01) counts, P2 (won 2024-03-01) has not happened yet, P3 (won
    // 2024-02-10, created 2024-02-20?) impossible — instead P3's lead was created 2024-02-20.
    await insertDataset(db(), {
      leads: [{ id: "L1" }, { id: "L3", createdAt: "2024-02-20T00:00:00Z" }],
      deals: [
        { id: "P1", primaryLeadId: "L1", amount: "100", createdAt: "2024-01-10T00:00:00Z", stage: "closed_won", closedAt: "2024-02-01T00:00:00Z" },
        { id: "P2", primaryLeadId: "L1", amount: "40", createdAt: "2024-01-10T00:00:00Z", stage: "closed_won", closedAt: "2024-03-01T00:00:00Z" },
        { id: "P3", primaryLeadId: "L3", amount: "7", createdAt: "2024-01-10T00:00:00Z", stage: "closed_won", closedAt: "2024-02-10T00:00:00Z" },
        { id: "N1", primaryLeadId: "L1", amount: "150", createdAt: "2025-01-10T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
      ],
    });
    const { kpis } = await run({ asOf: new Date("2025-02-15T00:00:00Z") });
    expect(kpis.revenue_prev_year).toBe(100);
    expect(kpis.revenue_growth_yoy).toBe(0.5);
    // as of after P: PY as_of 2024-04-15 → P1 + P2 + P3 = 147
    expect((await run()).kpis.revenue_prev_year).toBe(147);
  });

  it("PY maps 29 February to 28 February", async () => {
    // P = 2024-02-29 (one day) → PY = 2023-02-28
    await insertDataset(db(), {
      leads: [{ id: "L1", createdAt: "2020-01-01T00:00:00Z" }],
      deals: [
        { id: "X1", primaryLeadId: "L1", amount: "11", createdAt: "2023-01-01T00:00:00Z", stage: "closed_won", closedAt: "2023-02-28T12:00:00Z" },
        { id: "X2", primaryLeadId: "L1", amount: "13", createdAt: "2023-01-01T00:00:00Z", stage: "closed_won", closedAt: "2023-03-01T12:00:00Z" },
      ],
    });
    const { kpis } = await run({ from: "2024-02-29", to: "2024-02-29", asOf: new Date("2024-03-10T00:00:00Z") });
    expect(kpis.revenue_prev_year).toBe(11);
  });

  it("non-UTC organisation time zone (America/New_York)", async () => {
    await setSettings(db(), { timeZone: "America/New_York" });
    await insertDataset(db(), {
      leads: [
        { id: "L1", createdAt: "2024-06-01T00:00:00Z", mqlAt: "2025-01-01T04:59:59Z" }, // Dec 31 23:59:59 EST
        { id: "L2", createdAt: "2024-06-01T00:00:00Z", mqlAt: "2025-01-01T05:00:00Z" }, // Jan 1 00:00 EST
        { id: "L3", createdAt: "2024-06-01T00:00:00Z", mqlAt: "2025-04-01T03:59:59Z" }, // Mar 31 23:59:59 EDT
        { id: "L4", createdAt: "2024-06-01T00:00:00Z", mqlAt: "2025-04-01T04:00:00Z" }, // Apr 1 00:00 EDT
      ],
      deals: [
        // closed 2025-04-01T02:00Z = March 31, 22:00 EDT → in P
        { id: "D1", primaryLeadId: "L1", amount: "10", createdAt: "2025-03-01T00:00:00Z", stage: "closed_won", closedAt: "2025-04-01T02:00:00Z" },
        // closed 2025-01-01T03:00Z = Dec 31, 22:00 EST → not in P
        { id: "D2", primaryLeadId: "L1", amount: "20", createdAt: "2024-12-01T00:00:00Z", stage: "closed_won", closedAt: "2025-01-01T03:00:00Z" },
      ],
    });
    const { kpis } = await run();
    expect(kpis).toMatchObject({ revenue: 10, won_deals: 1, mqls: 2 });
    // the same data read in UTC: D1 is in April, D2 in January; the MQLs in P are L1, L2
    await setSettings(db(), { timeZone: "UTC" });
    expect((await run()).kpis).toMatchObject({ revenue: 20, won_deals: 1, mqls: 2 });
  });

  it("leads group: funnel rates, closing efficiency with an unfiltered deal, as_of cuts", async () => {
    // MQLs in P: LA (sql in P), LB (sql after P, ≤ as_of → counts), LC (sql after as_of → not),
    //   LD (rejected) → mqls 4, mql_to_sql 2/4, rejection 1/4
    // SQLs in P: LA (deal won after as_of → no), LE (mql before P; deal won by bob → yes) → 1/2
    // LF: created after as_of → does not exist
    await insertDataset(db(), {
      accounts: [{ id: "A1", segment: "smb" }],
      leads: [
        { id: "LA", ownerEmail: "ann@example.test", accountId: "A1", mqlAt: "2025-01-10T00:00:00Z", sqlAt: "2025-01-20T00:00:00Z" },
        { id: "LB", ownerEmail: "bob@example.test", mqlAt: "2025-02-01T00:00:00Z", sqlAt: "2025-04-10T00:00:00Z" },
        { id: "LC", ownerEmail: "bob@example.test", mqlAt: "2025-02-05T00:00:00Z", sqlAt: "2025-04-20T00:00:00Z" },
        { id: "LD", ownerEmail: "bob@example.test", mqlAt: "2025-03-01T00:00:00Z", rejectedAt: "2025-03-02T00:00:00Z" },
        { id: "LE", ownerEmail: "ANN@example.test", sourceChannel: "outbound", mqlAt: "2024-12-31T23:59:59Z", sqlAt: "2025-01-02T00:00:00Z" },
        { id: "LF", createdAt: "2025-04-16T00:00:00Z", mqlAt: "2025-04-16T00:00:00Z" },
      ],
      deals: [
        { id: "DA", primaryLeadId: "LA", ownerEmail: "bob@example.test", amount: "1", createdAt: "2025-01-20T00:00:00Z", stage: "closed_won", closedAt: "2025-05-01T00:00:00Z" },
        { id: "DE", primaryLeadId: "LE", ownerEmail: "bob@example.test", amount: "1", createdAt: "2025-01-02T00:00:00Z", stage: "closed_won", closedAt: "2025-06-01T00:00:00Z" },
      ],
    });
    // as of 2025-07-01 DA and DE are won; as of 2025-04-15 neither
    const late = await run({ asOf: new Date("2025-07-01T00:00:00Z") });
    expect(late.kpis).toMatchObject({ mqls: 4, sqls: 2, mql_to_sql_rate: 0.75, lead_rejection_rate: 0.25, closing_efficiency: 1 });
    const { kpis } = await run();
    expect(kpis).toMatchObject({ mqls: 4, sqls: 2, mql_to_sql_rate: 0.5, lead_rejection_rate: 0.25, closing_efficiency: 0 });
    await db().execute((await import("drizzle-orm")).sql`update deals set closed_at = '2025-04-01T00:00:00Z' where deal_id = 'DE'`);
    expect((await run()).kpis.closing_efficiency).toBe(0.5);
    // lead owner ann (case-insensitive): MQL LA; SQLs LA, LE — DE's owner is bob, not filtered
    expect((await run({ ownerEmail: ["ann@example.test"] })).kpis).toMatchObject({
      mqls: 1, sqls: 2, mql_to_sql_rate: 1, lead_rejection_rate: 0, closing_efficiency: 0.5,
    });
    // the lead's account segment: only LA; source outbound: only LE
    expect((await run({ segment: ["smb"] })).kpis).toMatchObject({ mqls: 1, sqls: 1, closing_efficiency: 0 });
    expect((await run({ sourceChannel: ["outbound"] })).kpis).toMatchObject({ mqls: 0, sqls: 1, mql_to_sql_rate: null, closing_efficiency: 1 });
    // as_of inside P: LB/LC/LD MQLs after 2025-01-25 do not exist yet; LA's sql 01-20 counts
    expect((await run({ asOf: new Date("2025-01-25T00:00:00Z") })).kpis).toMatchObject({
      mqls: 1, sqls: 2, mql_to_sql_rate: 1,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Retention / lifetime value
//   account  segment  since       churned      S? retained?  W-start? churned in W?
//   A1       ent      2023-01-01  —            S  yes         yes      no
//   A2       ent      2023-06-01  2025-02-15   S  no          yes      yes
//   A3       smb      2024-06-01  —            S  yes         no (since inside W)
//   A4       smb      2025-02-01  —            no (new in P)  no
//   A5       smb      2022-01-01  2024-12-31   no (churned before P) yes yes
//   A6       mid      2023-01-01  2025-04-20   S  yes (churn after as_of's date: not yet) yes no
//   A7       mid      2025-05-01  —            no (customer_since after as_of)
//   A8       mid      2023-01-01  2025-03-31   S  no (churned on `to`) yes yes
//   retention = 3 / 5 = 0.6
//   W = 2024-04-01 … 2025-03-31: churn = 3 / 5 → lifetime min(5/3, 5) = 5/3
//   won in W with an account: D1 A1 1000 (2024-05-01), D2 A1 500 (2025-01-10), D3 A3 301;
//   D4 9999 has no account; D5 (A1, 2024-03-31) is before W → arpa = 1801 / 2 = 900.5
//   LTV = 900.5 × 5 / 3 = 1500.8333… → 1500.83
// ---------------------------------------------------------------------------------------------
const accountsData: Dataset = {
  accounts: [
    { id: "A1", segment: "enterprise", customerSince: "2023-01-01" },
    { id: "A2", segment: "enterprise", customerSince: "2023-06-01", churnedOn: "2025-02-15" },
    { id: "A3", segment: "smb", customerSince: "2024-06-01" },
    { id: "A4", segment: "smb", customerSince: "2025-02-01" },
    { id: "A5", segment: "smb", customerSince: "2022-01-01", churnedOn: "2024-12-31" },
    { id: "A6", segment: "mid_market", customerSince: "2023-01-01", churnedOn: "2025-04-20" },
    { id: "A7", segment: "mid_market", customerSince: "2025-05-01" },
    { id: "A8", segment: "mid_market", customerSince: "2023-01-01", churnedOn: "2025-03-31" },
  ],
  leads: [{ id: "L1", createdAt: "2023-01-01T00:00:00Z" }],
  deals: [
    { id: "D1", primaryLeadId: "L1", accountId: "A1", ownerEmail: RITA, amount: "1000", createdAt: "2024-04-01T00:00:00Z", stage: "closed_won", closedAt: "2024-05-01T00:00:00Z" },
    { id: "D2", primaryLeadId: "L1", accountId: "A1", ownerEmail: OMAR, amount: "500", createdAt: "2025-01-01T00:00:00Z", stage: "closed_won", closedAt: "2025-01-10T00:00:00Z" },
    { id: "D3", primaryLeadId: "L1", accountId: "A3", ownerEmail: RITA, amount: "301", createdAt: "2025-01-01T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
    { id: "D4", primaryLeadId: "L1", ownerEmail: RITA, amount: "9999", createdAt: "2025-01-01T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
    { id: "D5", primaryLeadId: "L1", accountId: "A1", amount: "7777", createdAt: "2024-03-01T00:00:00Z", stage: "closed_won", closedAt: "2024-03-31T23:59:59Z" },
  ],
};

describeDb("kpi engine: retention and lifetime value", (t) => {
  const db = () => t().conn.db;
  const run = (p: Partial<KpiParams> = {}) => computeKpis(db(), { ...base, ...p });

  beforeEach(async () => {
    await clearDomain(db());
    await setSettings(db());
  });

  it("retention with a churn inside P, LTV with churn", async () => {
    await insertDataset(db(), accountsData);
    const { kpis } = await run();
    expect(kpis.customer_retention_rate).toBe(0.6);
    expect(kpis.customer_lifetime_value).toBe(1500.83);
  });

  it("segment narrows accounts and deals; owner narrows only the deals of arpa", async () => {
    await insertDataset(db(), accountsData);
    // enterprise: S = A1, A2 → 1/2; W-start A1, A2, churned A2 → lifetime 2; arpa 1500 / 1
    expect((await run({ segment: ["enterprise"] })).kpis).toMatchObject({
      customer_retention_rate: 0.5, customer_lifetime_value: 3000,
    });
    // smb: S = A3 → 1; W-start A5 churned → lifetime 1; arpa 301
    expect((await run({ segment: ["smb"] })).kpis).toMatchObject({
      customer_retention_rate: 1, customer_lifetime_value: 301,
    });
    // mid_market: S = A6, A8 → 0.5; no deal with an account won in W → LTV null
    expect((await run({ segment: ["mid_market"] })).kpis).toMatchObject({
      customer_retention_rate: 0.5, customer_lifetime_value: null,
    });
    // owner rita: arpa = (D1 1000 + D3 301) / 2 = 650.5 × 5/3 = 1084.1666… ; retention unchanged
    expect((await run({ ownerEmail: [RITA] })).kpis).toMatchObject({
      customer_retention_rate: 0.6, customer_lifetime_value: 1084.17,
    });
  });

  it("LTV cap: churn 0 → 5 years; no customers at W's start → 5 years; no account deal → null", async () => {
    // only A1 (never churns) and D1, D2: arpa 1500 × 5 = 7500
    await insertDataset(db(), {
      accounts: [{ id: "A1", segment: "enterprise", customerSince: "2023-01-01" }],
      leads: [{ id: "L1" }],
      deals: [
        { id: "D1", primaryLeadId: "L1", accountId: "A1", amount: "1000", createdAt: "2024-04-01T00:00:00Z", stage: "closed_won", closedAt: "2024-05-01T00:00:00Z" },
        { id: "D2", primaryLeadId: "L1", accountId: "A1", amount: "500", createdAt: "2025-01-01T00:00:00Z", stage: "closed_won", closedAt: "2025-01-10T00:00:00Z" },
      ],
    });
    expect((await run()).kpis.customer_lifetime_value).toBe(7500);
    // undefined churn: the only account became a customer inside W
    await db().execute((await import("drizzle-orm")).sql`update accounts set customer_since = '2024-06-01'`);
    expect((await run()).kpis.customer_lifetime_value).toBe(7500);
    // retention: no account was a customer at the start of P? A1 since 2024-06-01 < 2025-01-01 → 1
    expect((await run()).kpis.customer_retention_rate).toBe(1);
    // LTV null when the won deals have no account
    await db().execute((await import("drizzle-orm")).sql`update deals set account_id = null`);
    expect((await run()).kpis.customer_lifetime_value).toBeNull();
  });
});
