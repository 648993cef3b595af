import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { NO_SOURCE_DATASET, NO_SOURCE_PARAMS, NO_SOURCE_QUERY } from "@/lib/testing/no-source";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { buildContext } from "@/lib/kpi";
import { clearDomain, insertDataset } from "@/lib/kpi/testing";
import { openApiDocument } from "@/lib/api/openapi";
import { bodyValidator, responseSchema } from "@/lib/testing/openapi";
import { attributionHandler, closedLoopHandler } from "./api";
import { ATTRIBUTION_MODELS, type AttributionModel } from "./models";
import type { AttributionResult } from "./report";
import { dealsOfKey } from "./report";
import type { ClosedLoopResult } from "./closed-loop";
import { dealJourney } from "./journey";

const doc = openApiDocument();
const validateBody = bodyValidator(doc);

/**
 * Attribution and closed-loop on deals without a primary lead (lib/testing/no-source.ts).
 * Paths of the won deals in P (touches ≤ close, contacts existing at as_of):
 * - D1 1000 (primary L1): T1 webinar 01-05, T2 email 01-25; lead creation = last touch ≤ L1's MQL
 *   01-10 → T1; deal creation = last touch ≤ 01-15 → T1.
 * - D2 500 (no primary lead; contact L5): T3 paid_search 01-10, T4 organic_social 02-10; no primary
 *   lead → lead creation = t1 = T3; deal creation = last touch ≤ 01-20 → T3.
 * - D3 300 (no primary lead; contacts L3, L4 — L4 created after as_of does not count): T5 outbound
 *   01-25, T8 partner 02-20; lead creation T5; deal creation = last touch ≤ 02-01 → T5.
 * - D4 200 (primary L2, source unknown): T7 unknown — one touch.
 * - D9 50 (no primary lead, no contacts): empty path → "(no touchpoints)".
 * Total 2050. For a two-touch path whose milestones lead creation and deal creation are t1:
 * first / u_shaped / w_shaped give t1 100% (the split share has no "other" touch and goes to the
 * one distinct milestone), last gives t2 100%, linear 50/50, full_path t1 3 × 22.5% + 5% = 72.5%,
 * t2 22.5% + 5% = 27.5%; time decay 2^(−d/7), d = days to the close: D1 27 and 7, D2 36 and 5,
 * D3 35 and 9.
 */
type Row = [key: string, revenue: number, deals: number];
const FIRST: Row[] = [["webinar", 1000, 1], ["paid_search", 500, 1], ["outbound", 300, 1], ["unknown", 200, 1], ["(no touchpoints)", 50, 1]];
const w = (d: number) => 2 ** (-d / 7);
const part = (amount: number, mine: number, other: number) => Math.round((amount * w(mine) * 100) / (w(mine) + w(other))) / 100;
const EXPECTED: Record<AttributionModel, Row[]> = {
  first_touch: FIRST,
  u_shaped: FIRST,
  w_shaped: FIRST,
  last_touch: [["email", 1000, 1], ["organic_social", 500, 1], ["partner", 300, 1], ["unknown", 200, 1], ["(no touchpoints)", 50, 1]],
  linear: [
    ["email", 500, 1], ["webinar", 500, 1], ["organic_social", 250, 1], ["paid_search", 250, 1],
    ["unknown", 200, 1], ["outbound", 150, 1], ["partner", 150, 1], ["(no touchpoints)", 50, 1],
  ],
  full_path: [
    ["webinar", 725, 1], ["paid_search", 362.5, 1], ["email", 275, 1], ["outbound", 217.5, 1],
    ["unknown", 200, 1], ["organic_social", 137.5, 1], ["partner", 82.5, 1], ["(no touchpoints)", 50, 1],
  ],
  time_decay: [
    ["email", part(1000, 7, 27), 1], // 878.73
    ["organic_social", part(500, 5, 36), 1], // 477.81
    ["partner", part(300, 9, 35), 1], // 278.76
    ["unknown", 200, 1],
    ["webinar", part(1000, 27, 7), 1], // 121.27
    ["(no touchpoints)", 50, 1],
    ["paid_search", part(500, 36, 5), 1], // 22.19
    ["outbound", part(300, 35, 9), 1], // 21.24
  ],
};

describeDb("attribution and closed loop: deals without a primary lead", (t) => {
  let key = "";
  beforeAll(async () => {
    const { db } = t().conn;
    await clearDomain(db);
    await insertDataset(db, NO_SOURCE_DATASET);
    key = (await createApiKey(db, { name: "no-source", role: "marketing" })).key;
  });

  const get = async (path: string, handler: typeof attributionHandler) => {
    const route = apiRoute("closed_loop", handler, { getDb: async () => t().conn.db });
    return route(new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${key}` } }));
  };

  it("the hand-computed time-decay figures", () => {
    expect(EXPECTED.time_decay.map((r) => r[1])).toEqual([878.73, 477.81, 278.76, 200, 121.27, 50, 22.19, 21.24]);
  });

  for (const model of ATTRIBUTION_MODELS) {
    it(`${model} by channel credits the deals without a primary lead through their contacts' touches`, async () => {
      const res = await get(`/api/v1/attribution?${NO_SOURCE_QUERY}&model=${model}&group_by=channel`, attributionHandler);
      expect(res.status).toBe(200);
      const body = (await res.json()) as AttributionResult;
      expect(validateBody(responseSchema(doc, "/api/v1/attribution", "get", "200"), body)).toEqual([]);
      expect(body.total_revenue).toBe(2050);
      expect(body.rows.map((r) => [r.key, r.revenue, r.deals])).toEqual(EXPECTED[model]);
      for (const r of body.rows) expect(r.share).toBeCloseTo(r.revenue / 2050, 4);
    });
  }

  it("by campaign: every touch has no campaign", async () => {
    const res = await get(`/api/v1/attribution?${NO_SOURCE_QUERY}&model=linear&group_by=campaign`, attributionHandler);
    const body = (await res.json()) as AttributionResult;
    expect(body.rows.map((r) => [r.key, r.revenue, r.deals])).toEqual([["(none)", 2000, 4], ["(no touchpoints)", 50, 1]]);
  });

  it("a source_channel filter leaves the deals without a primary lead out of attribution", async () => {
    const res = await get(`/api/v1/attribution?${NO_SOURCE_QUERY}&model=first_touch&source_channel=unknown`, attributionHandler);
    const body = (await res.json()) as AttributionResult;
    expect(body.total_revenue).toBe(200);
    expect(body.rows).toEqual([{ key: "unknown", revenue: 200, deals: 1, share: 1 }]);
  });

  it("closed loop: deals without a primary lead are customers by source `unknown` (source not recorded)", async () => {
    const res = await get(`/api/v1/closed-loop?${NO_SOURCE_QUERY}`, closedLoopHandler);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ClosedLoopResult;
    expect(validateBody(responseSchema(doc, "/api/v1/closed-loop", "get", "200"), body)).toEqual([]);
    // unknown: D2 (A2's first win), D3 (no account), D4 (lead source unknown; A1's first win is D1), D9 (A3's first win).
    expect(body.by_source).toEqual([
      { channel: "unknown", won_deals: 4, revenue: 1050, new_customers: 2 },
      { channel: "webinar", won_deals: 1, revenue: 1000, new_customers: 1 },
    ]);
    // Assists: D1 webinar → email, D2 paid_search → organic_social, D3 outbound → partner, D4 unknown alone.
    expect(body.assists).toEqual([
      { channel: "outbound", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "paid_search", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "webinar", assisted_conversions: 1, last_touch_conversions: 0, ratio: null },
      { channel: "email", assisted_conversions: 0, last_touch_conversions: 1, ratio: 0 },
      { channel: "organic_social", assisted_conversions: 0, last_touch_conversions: 1, ratio: 0 },
      { channel: "partner", assisted_conversions: 0, last_touch_conversions: 1, ratio: 0 },
      { channel: "unknown", assisted_conversions: 0, last_touch_conversions: 1, ratio: 0 },
    ]);
  });

  it("the journey of a deal without a primary lead: its contacts' touches, lead creation at the first touch", async () => {
    const { db } = t().conn;
    const asOf = NO_SOURCE_PARAMS.asOf!.toISOString();
    const d2 = await dealJourney(db, "D2", asOf);
    expect(d2).not.toBeNull();
    expect(d2!.primaryLeadId).toBeNull();
    expect(d2!.leadCreatedAt).toBeNull();
    expect(d2!.touches.map((x) => [x.touchpointId, x.leadId, x.milestones])).toEqual([
      ["T3", "L5", ["first", "lead_creation", "deal_creation"]],
      ["T4", "L5", ["last"]],
    ]);
    expect(d2!.touches.map((x) => x.credit.full_path)).toEqual([362.5, 137.5]);
    // D3: L4 (created after as_of) is not a contact yet, so T6 is not on the path.
    const d3 = await dealJourney(db, "D3", asOf);
    expect(d3!.touches.map((x) => x.touchpointId)).toEqual(["T5", "T8"]);
    // An open deal without a primary lead and without contacts has a journey (empty), not a 404.
    const d6 = await dealJourney(db, "D6", asOf);
    expect(d6).toMatchObject({ dealId: "D6", won: false, primaryLeadId: null, touches: [] });
  });

  it("the deals behind a row include deals without a primary lead", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, NO_SOURCE_PARAMS);
    expect((await dealsOfKey(db, ctx, "channel", "first_touch", "paid_search")).map((d) => d.dealId)).toEqual(["D2"]);
    expect((await dealsOfKey(db, ctx, "channel", "linear", "(no touchpoints)")).map((d) => d.dealId)).toEqual(["D9"]);
  });
});
