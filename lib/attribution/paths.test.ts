import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { insertDataset } from "@/lib/kpi/testing";
import { buildContext } from "@/lib/kpi";
import { computeAttribution } from "./report";
import { computeClosedLoop } from "./closed-loop";
import { dealJourney } from "./journey";
import { ATTRIBUTION_MODELS } from "./models";

/**
 * Path building and milestones (kpi-definitions.md §3) on hand-built deals: the order "by
 * occurred_at, then touchpoint_id as text", touches after the close and contacts that do not
 * exist yet left out, each contact once, lead creation at mql_at (or created_at), deal creation
 * falling back to lead creation, deals without touchpoints, a deal of amount 0; the journey's
 * credits add up to the amount.
 */
const AS_OF = "2025-04-15T00:00:00Z";
const PARAMS = { from: "2025-01-01", to: "2025-03-31", asOf: new Date(AS_OF) };

describeDb("attribution: paths and milestones", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await insertDataset(db, {
      leads: [
        { id: "LA", createdAt: "2024-12-01T00:00:00Z", mqlAt: "2025-01-10T12:00:00Z", sourceChannel: "webinar" },
        { id: "LB", createdAt: "2024-12-01T00:00:00Z", sourceChannel: "paid_search" },
        { id: "LLATE", createdAt: "2025-05-01T00:00:00Z", sourceChannel: "email" },
        { id: "LC", createdAt: "2025-01-05T00:00:00Z", mqlAt: "2025-05-01T00:00:00Z", sourceChannel: "outbound" },
        { id: "LD", createdAt: "2024-12-01T00:00:00Z", sourceChannel: "events" },
        { id: "LE", createdAt: "2024-12-01T00:00:00Z", sourceChannel: "events" },
      ],
      deals: [
        // X: ties by id as text, a contact twice, a contact not existing yet, a touch after the close
        { id: "X", primaryLeadId: "LA", amount: "1000.00", createdAt: "2025-01-20T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
        // Y: mql_at after as_of → lead creation from created_at; deal created before it
        { id: "Y", primaryLeadId: "LC", amount: "300.00", createdAt: "2025-01-02T00:00:00Z", stage: "closed_won", closedAt: "2025-03-01T00:00:00Z" },
        // Z: no touchpoints
        { id: "Z", primaryLeadId: "LD", amount: "50.00", createdAt: "2025-01-02T00:00:00Z", stage: "closed_won", closedAt: "2025-03-01T00:00:00Z" },
        // W: amount 0
        { id: "W", primaryLeadId: "LE", amount: "0", createdAt: "2025-01-02T00:00:00Z", stage: "closed_won", closedAt: "2025-03-01T00:00:00Z" },
      ],
      dealContacts: [
        { dealId: "X", leadId: "LA" },
        { dealId: "X", leadId: "LB" },
        { dealId: "X", leadId: "LLATE" },
      ],
      touchpoints: [
        { id: "T9", leadId: "LA", occurredAt: "2025-01-05T00:00:00Z", channel: "webinar" },
        { id: "T10", leadId: "LB", occurredAt: "2025-01-05T00:00:00Z", channel: "email" },
        { id: "T2", leadId: "LA", occurredAt: "2025-01-10T12:00:00Z", channel: "content" }, // exactly at mql_at
        { id: "T3", leadId: "LB", occurredAt: "2025-01-15T00:00:00Z", channel: "organic_search" },
        { id: "T4", leadId: "LA", occurredAt: "2025-02-01T00:00:00Z", channel: "direct" }, // at closed_at
        { id: "T5", leadId: "LA", occurredAt: "2025-02-01T00:00:01Z", channel: "paid_social" }, // after close
        { id: "T6", leadId: "LLATE", occurredAt: "2025-01-20T00:00:00Z", channel: "referral" }, // contact created after as_of
        { id: "TY1", leadId: "LC", occurredAt: "2025-01-06T00:00:00Z", channel: "outbound" },
        { id: "TY2", leadId: "LC", occurredAt: "2025-02-06T00:00:00Z", channel: "events" },
        { id: "TW1", leadId: "LE", occurredAt: "2025-02-06T00:00:00Z", channel: "events" },
      ],
    });
  });

  it("orders ties by touchpoint_id as text (T10 before T9), drops later touches and contacts not existing yet", async () => {
    const j = await dealJourney(t().conn.db, "X", AS_OF);
    expect(j?.touches.map((x) => x.touchpointId)).toEqual(["T10", "T9", "T2", "T3", "T4"]);
    // lead creation = T2 (at mql_at), deal creation = T3 (last at or before 01-20), last = T4 (at the close)
    expect(j?.touches.map((x) => x.milestones)).toEqual([["first"], [], ["lead_creation"], ["deal_creation"], ["last"]]);
    expect(j?.touches.map((x) => x.credit.first_touch)).toEqual([1000, 0, 0, 0, 0]);
    expect(j?.touches.map((x) => x.credit.linear)).toEqual([200, 200, 200, 200, 200]);
    // u: 40 first, 40 lead creation, 20 to T9 (the one between)
    expect(j?.touches.map((x) => x.credit.u_shaped)).toEqual([400, 200, 400, 0, 0]);
    // w: 30 / 30 / 30, 10 to T9
    expect(j?.touches.map((x) => x.credit.w_shaped)).toEqual([300, 100, 300, 300, 0]);
    for (const m of ATTRIBUTION_MODELS) expect(j!.touches.reduce((s, x) => s + Math.round(x.credit[m] * 100), 0), m).toBe(100000);
  });

  it("lead creation falls back to created_at when mql_at is after as_of; deal creation earlier than it becomes it", async () => {
    const j = await dealJourney(t().conn.db, "Y", AS_OF);
    // LC created 01-05 → no touch at or before it → t1; deal created 01-02 → none → lead creation
    expect(j?.touches.map((x) => x.milestones)).toEqual([["first", "lead_creation", "deal_creation"], ["last"]]);
    expect(j?.touches.map((x) => x.credit.full_path)).toEqual([217.5, 82.5]);
    // 31 days apart: weights 2^(−31/7) = 0.046436… and 1 → 300 × 0.044375… = 13.31 and 286.69
    expect(j?.touches.map((x) => x.credit.time_decay)).toEqual([13.31, 286.69]);
  });

  it("the report: no touchpoints, amount 0 still counts as a deal, every model adds up to the won revenue", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const res = await computeAttribution(db, ctx, "channel");
    expect(res.first_touch.total_revenue).toBe(1350);
    expect(res.first_touch.rows).toEqual([
      { key: "email", revenue: 1000, deals: 1, share: 1000 / 1350 },
      { key: "outbound", revenue: 300, deals: 1, share: 300 / 1350 },
      { key: "(no touchpoints)", revenue: 50, deals: 1, share: 50 / 1350 },
      { key: "events", revenue: 0, deals: 1, share: 0 },
    ]);
    for (const m of ATTRIBUTION_MODELS) {
      const sum = res[m].rows.reduce((s, r) => s + Math.round(r.revenue * 100), 0);
      expect(Math.abs(sum - 135000), m).toBeLessThanOrEqual(res[m].rows.length);
    }
    const byCampaign = await computeAttribution(db, ctx, "campaign", ["linear"]);
    expect(byCampaign.linear.rows.map((r) => [r.key, r.revenue, r.deals])).toEqual([
      ["(none)", 1300, 3],
      ["(no touchpoints)", 50, 1],
    ]);
  });

  it("assists: channels before the last touch; the last touch's channel; a deal once per channel", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const cl = await computeClosedLoop(db, ctx);
    expect(cl.assists).toEqual([
      { channel: "content", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "email", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "organic_search", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "outbound", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "webinar", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      // sorted by the first numeric column (assisted) only, then the channel
      { channel: "direct", assisted_conversions: 0, last_touch_conversions: 1, ratio: 0 },
      { channel: "events", assisted_conversions: 0, last_touch_conversions: 2, ratio: 0 },
    ]);
    // no accounts: nobody became a customer
    expect(cl.by_source.map((r) => [r.channel, r.won_deals, r.revenue, r.new_customers])).toEqual([
      ["events", 2, 50, 0],
      ["outbound", 1, 300, 0],
      ["webinar", 1, 1000, 0],
    ]);
  });

  it("a deal that does not exist at as_of has no journey", async () => {
    expect(await dealJourney(t().conn.db, "X", "2025-01-01T00:00:00Z")).toBeNull();
    expect(await dealJourney(t().conn.db, "NOPE", AS_OF)).toBeNull();
  });
});
