import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "@/lib/import";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { openApiDocument } from "@/lib/api/openapi";
import { bodyValidator, responseSchema } from "@/lib/testing/openapi";
import { buildContext, computeKpis, type KpiParams } from "@/lib/kpi";
import type { Db } from "@/db/client";
import { listAssetMetrics, type AssetMetrics } from "./metrics";
import { contentSummary, contentUsageHandler, contentUsageReport } from "./report";

const expected = JSON.parse(readFileSync(resolve(TINY_DIR, "expected.json"), "utf8")) as { "content-usage": unknown };
const TINY_QS = "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z";

async function call(db: Db, role: "sales" | "marketing", qs: string): Promise<Response> {
  const { key } = await createApiKey(db, { name: `content ${role}`, role });
  const route = apiRoute("content", contentUsageHandler, { getDb: async () => db });
  return route(new Request(`http://localhost/api/v1/content-usage?${qs}`, { headers: { Authorization: `Bearer ${key}` } }));
}

describeDb("content usage: tiny fixture", (t) => {
  beforeAll(async () => {
    const report = await importFolder(t().conn.db, TINY_DIR);
    expect(report.ok).toBe(true);
  });

  it("GET /api/v1/content-usage answers expected.json's content-usage section, exactly", async () => {
    const res = await call(t().conn.db, "sales", TINY_QS);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body: unknown = await res.json();
    expect(body).toEqual(expected["content-usage"]);
    // the documented schema (docs/openapi.json) accepts it
    const doc = openApiDocument();
    expect(bodyValidator(doc)(responseSchema(doc, "/api/v1/content-usage", "get", "200"), body)).toEqual([]);
    // key order as in the contract
    expect(Object.keys(body as object)).toEqual(Object.keys(expected["content-usage"] as object));
  });

  it("per asset: CA1's second use (D2, after its close) does not influence; CA3 is used only internally", async () => {
    const db = t().conn.db;
    const ctx = await buildContext(db, { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") });
    const { rows } = await listAssetMetrics(db, ctx, { status: "all", sort: "title", dir: "asc" });
    const by = new Map(rows.map((r) => [r.assetId, r]));
    expect(by.get("CA1")).toMatchObject({ uses: 2, shared: 1, sent: 1, dealsTouched: 2, dealsInfluenced: 1, influencedRevenue: 40000 });
    expect(by.get("CA3")).toMatchObject({ uses: 0, viewed: 1, downloaded: 1, internalUses: 2, users: 2, used: false, active: true });
    // CA2 was archived on 2024-12-15: not active in P, archived at as_of
    expect(by.get("CA2")).toMatchObject({ active: false, archived: true, archivedAt: "2024-12-15T09:00:00Z" });
  });

  it("400 names the bad field; 401 without a key", async () => {
    const db = t().conn.db;
    for (const [qs, field] of [
      ["to=2025-03-31", "from"],
      ["from=2025-01-01&to=2025-03-31&as_of=later", "as_of"],
      ["from=2025-01-01&to=2025-03-31&segment=huge", "segment"],
    ] as const) {
      const res = await call(db, "marketing", qs);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    const route = apiRoute("content", contentUsageHandler, { getDb: async () => db });
    expect((await route(new Request(`http://localhost/api/v1/content-usage?${TINY_QS}`))).status).toBe(401);
  });
});

/**
 * Hand-built cases, P = 2025-01-01 … 2025-03-31 UTC, as_of = 2025-04-15T00:00:00Z.
 *
 * Deals (primary lead L1): D1 won 02-10, 1,000 (rita); D2 won 03-15, 500 (omar); D3 lost 03-01,
 * 700 (omar); D4 won 04-10 (after P, before as_of), 300 (omar).
 *
 * | asset | published / archived | usages | expected |
 * |---|---|---|---|
 * | A1 | 2024-06-01 / — | shared D1 02-01 (rita), sent D3 02-20 (omar), shared D4 03-30 (rita), viewed (omar), downloaded (rita) | active, used, 3 uses, 2 internal, 2 users, 3 deals touched, influences D1 (1,000); closed with = D1, D3 → 1/2; without = D2 → 1/1 |
 * | A2 | 2024-01-01 / 2025-01-01 00:00 (start of P) | viewed 01-10 | active (archived_at ≥ start), unused: internal only |
 * | A3 | 2024-01-01 / 2024-12-31 23:59:59 | sent D1 02-05 | not active (not in the API's list), yet it influenced D1 (1,000); D1 counts once in the total |
 * | A4 | 2025-03-31 23:59:59 (last second of P) | — | active, unused, zeros |
 * | A5 | 2025-04-01 00:00 (end of P) | — | exists, not active |
 * | A6 | 2025-04-20 (after as_of) | shared D2 03-01 | does not exist: no row, D2 not influenced |
 * | A7 | 2024-01-01 / 2025-05-01 (after as_of) | presented 04-10 (after P), shared 04-20 (after as_of) | active (not archived yet), unused; last used 04-10 |
 * | A8 | 2024-01-01 / — | shared D2 03-20 (after D2's close) | used, 1 use, influences nothing; with: none closed → null; without: 2/3 |
 *
 * active = A1, A2, A4, A7, A8 = 5; used = A1, A8 = 2 → 0.4 / 0.6; influenced revenue = 1,000.
 */
describeDb("content usage: hand-built cases", (t) => {
  const P: KpiParams = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };

  beforeAll(async () => {
    const db = t().conn.db;
    await db.execute(sql`insert into team_members (email, name, team) values ('rita@x.test', 'Rita', 'sales'), ('omar@x.test', 'Omar', 'sales')`);
    await db.execute(sql`insert into leads (lead_id, email, created_at, source_channel) values ('L1', 'l1@x.test', '2024-01-01T00:00:00Z', 'webinar')`);
    await db.execute(sql`insert into deals (deal_id, name, primary_lead_id, owner_email, amount, created_at, stage, closed_at) values
      ('D1', 'D1', 'L1', 'rita@x.test', '1000', '2025-01-05T00:00:00Z', 'closed_won', '2025-02-10T12:00:00Z'),
      ('D2', 'D2', 'L1', 'omar@x.test', '500', '2025-01-05T00:00:00Z', 'closed_won', '2025-03-15T12:00:00Z'),
      ('D3', 'D3', 'L1', 'omar@x.test', '700', '2025-01-05T00:00:00Z', 'closed_lost', '2025-03-01T12:00:00Z'),
      ('D4', 'D4', 'L1', 'omar@x.test', '300', '2025-01-05T00:00:00Z', 'closed_won', '2025-04-10T12:00:00Z')`);
    await db.execute(sql`insert into content_assets (asset_id, title, type, funnel_stage, owner_email, published_at, archived_at) values
      ('A1', 'Alpha case study', 'case_study', 'bofu', 'rita@x.test', '2024-06-01T00:00:00Z', null),
      ('A2', 'Beta deck', 'deck', 'mofu', null, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
      ('A3', 'Gamma one-pager', 'one_pager', 'bofu', null, '2024-01-01T00:00:00Z', '2024-12-31T23:59:59Z'),
      ('A4', 'Delta video', 'video', 'tofu', null, '2025-03-31T23:59:59Z', null),
      ('A5', 'Epsilon blog', 'blog_post', 'tofu', null, '2025-04-01T00:00:00Z', null),
      ('A6', 'Zeta whitepaper', 'whitepaper', 'mofu', null, '2025-04-20T00:00:00Z', null),
      ('A7', 'Eta template', 'email_template', 'bofu', null, '2024-01-01T00:00:00Z', '2025-05-01T00:00:00Z'),
      ('A8', 'Theta deck', 'deck', 'bofu', null, '2024-01-01T00:00:00Z', null)`);
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action, user_email, deal_id) values
      ('U1', 'A1', '2025-02-01T10:00:00Z', 'shared', 'rita@x.test', 'D1'),
      ('U2', 'A1', '2025-02-20T10:00:00Z', 'sent', 'omar@x.test', 'D3'),
      ('U3', 'A1', '2025-03-30T10:00:00Z', 'shared', 'rita@x.test', 'D4'),
      ('U4', 'A1', '2025-01-15T10:00:00Z', 'viewed', 'omar@x.test', null),
      ('U5', 'A1', '2025-01-16T10:00:00Z', 'downloaded', 'rita@x.test', null),
      ('U6', 'A2', '2025-01-10T10:00:00Z', 'viewed', 'rita@x.test', null),
      ('U7', 'A3', '2025-02-05T10:00:00Z', 'sent', 'rita@x.test', 'D1'),
      ('U8', 'A6', '2025-03-01T10:00:00Z', 'shared', 'omar@x.test', 'D2'),
      ('U9', 'A7', '2025-04-10T10:00:00Z', 'presented', 'omar@x.test', null),
      ('U10', 'A7', '2025-04-20T10:00:00Z', 'shared', 'omar@x.test', null),
      ('U11', 'A8', '2025-03-20T10:00:00Z', 'shared', 'omar@x.test', 'D2')`);
  });

  async function rows(params: KpiParams, status: "active" | "all" = "all"): Promise<Map<string, AssetMetrics>> {
    const db = t().conn.db;
    const ctx = await buildContext(db, params);
    const page = await listAssetMetrics(db, ctx, { status, sort: "title", dir: "asc" });
    return new Map(page.rows.map((r) => [r.assetId, r]));
  }

  it("active vs archived at the period's edges, and an asset published after as_of", async () => {
    const all = await rows(P);
    expect([...all.keys()].sort()).toEqual(["A1", "A2", "A3", "A4", "A5", "A7", "A8"]);
    const active = [...all.values()].filter((r) => r.active).map((r) => r.assetId).sort();
    expect(active).toEqual(["A1", "A2", "A4", "A7", "A8"]);
    expect(all.get("A2")).toMatchObject({ archived: true, active: true });
    expect(all.get("A3")).toMatchObject({ archived: true, active: false });
    expect(all.get("A5")).toMatchObject({ archived: false, active: false });
    expect(all.get("A7")).toMatchObject({ archived: false, archivedAt: null, active: true });
    expect([...(await rows(P, "active")).keys()].sort()).toEqual(active);
  });

  it("customer-facing uses vs internal ones", async () => {
    const a1 = (await rows(P)).get("A1")!;
    expect(a1).toMatchObject({ shared: 2, sent: 1, presented: 0, uses: 3, viewed: 1, downloaded: 1, internalUses: 2, users: 2, used: true });
    expect((await rows(P)).get("A2")).toMatchObject({ uses: 0, internalUses: 1, used: false });
  });

  it("deals: influence only at or before the close, win rate with vs without over the deals closed in P", async () => {
    const r = await rows(P);
    expect(r.get("A1")).toMatchObject({
      dealsTouched: 3,
      dealsInfluenced: 1,
      influencedRevenue: 1000,
      closedWith: 2,
      wonWith: 1,
      winRateWith: 0.5,
      closedWithout: 1,
      wonWithout: 1,
      winRateWithout: 1,
    });
    expect(r.get("A8")).toMatchObject({ uses: 1, used: true, dealsTouched: 1, dealsInfluenced: 0, influencedRevenue: 0, winRateWith: null });
    expect(r.get("A8")!.winRateWithout).toBeCloseTo(2 / 3, 12);
  });

  it("usage after as_of is ignored; last used is the latest customer-facing use by as_of", async () => {
    const a7 = (await rows(P)).get("A7")!;
    expect(a7).toMatchObject({ uses: 0, used: false, lastUsedAt: "2025-04-10T10:00:00Z" });
    expect((await rows(P)).get("A1")!.lastUsedAt).toBe("2025-03-30T10:00:00Z");
    // as of 2025-04-25 the 04-20 share has happened (still outside P)
    const later = (await rows({ ...P, asOf: new Date("2025-04-25T00:00:00Z") })).get("A7")!;
    expect(later.lastUsedAt).toBe("2025-04-20T10:00:00Z");
    // …and A6 now exists; its 03-01 share on D2 (before the close) influences D2
    const a6 = (await rows({ ...P, asOf: new Date("2025-04-25T00:00:00Z") })).get("A6")!;
    expect(a6).toMatchObject({ uses: 1, dealsInfluenced: 1, influencedRevenue: 500, active: false }); // published after the end of P
  });

  it("assets without usage have zeros, null win rate with, and their age", async () => {
    const a4 = (await rows(P)).get("A4")!;
    expect(a4).toMatchObject({ uses: 0, internalUses: 0, users: 0, dealsTouched: 0, dealsInfluenced: 0, influencedRevenue: 0, winRateWith: null, lastUsedAt: null });
    expect(a4.winRateWithout).toBeCloseTo(2 / 3, 12);
    // 2025-03-31T23:59:59Z → 2025-04-15T00:00:00Z = 14 days + 1 second
    expect(a4.daysSincePublished).toBeCloseTo(14 + 1 / 86400, 9);
  });

  it("the summary and the API agree with the KPI engine", async () => {
    const db = t().conn.db;
    const body = await contentUsageReport(db, P);
    expect(body).toMatchObject({ assets_active: 5, assets_used: 2, usage_rate: 0.4, unused_share: 0.6, influenced_revenue: 1000 });
    expect(body.assets.map((a) => [a.asset_id, a.uses])).toEqual([
      ["A1", 3],
      ["A8", 1],
      ["A2", 0],
      ["A4", 0],
      ["A7", 0],
    ]);
    const kpis = await computeKpis(db, P);
    expect(kpis.kpis.content_usage_rate).toBe(body.usage_rate);
    expect(kpis.kpis.content_unused_share).toBe(body.unused_share);
    expect(kpis.kpis.content_influenced_revenue).toBe(body.influenced_revenue);
  });

  it("the deal filters narrow deal figures only", async () => {
    const db = t().conn.db;
    const params: KpiParams = { ...P, ownerEmail: ["OMAR@x.test"] };
    const a1 = (await rows(params)).get("A1")!;
    expect(a1).toMatchObject({ uses: 3, dealsTouched: 2, dealsInfluenced: 0, influencedRevenue: 0, closedWith: 1, wonWith: 0, winRateWith: 0, winRateWithout: 1 });
    const summary = await contentSummary(db, await buildContext(db, params));
    expect(summary).toMatchObject({ assetsActive: 5, assetsUsed: 2, influencedRevenue: 0 });
  });

  it("server-side filters, sort and paging", async () => {
    const db = t().conn.db;
    const ctx = await buildContext(db, P);
    const unusedBofu = await listAssetMetrics(db, ctx, { used: "unused", funnelStage: ["bofu"], sort: "title", dir: "asc" });
    expect(unusedBofu.rows.map((r) => r.assetId)).toEqual(["A7"]);
    const byRevenue = await listAssetMetrics(db, ctx, { status: "all", sort: "influenced_revenue", dir: "desc", limit: 2, offset: 0 });
    expect(byRevenue.total).toBe(7);
    // A3 (archived before P) also influenced D1: 1,000 each, ties by asset_id
    expect(byRevenue.rows.map((r) => [r.assetId, r.influencedRevenue])).toEqual([["A1", 1000], ["A3", 1000]]);
    const page2 = await listAssetMetrics(db, ctx, { status: "all", sort: "influenced_revenue", dir: "desc", limit: 2, offset: 2 });
    expect(page2.rows.map((r) => r.assetId)).toEqual(["A2", "A4"]);
    const archived = await listAssetMetrics(db, ctx, { status: "archived" });
    expect(archived.rows.map((r) => r.assetId).sort()).toEqual(["A2", "A3"]);
    const typed = await listAssetMetrics(db, ctx, { status: "all", type: ["deck"], owner: [], search: "theta" });
    expect(typed.rows.map((r) => r.assetId)).toEqual(["A8"]);
    const owned = await listAssetMetrics(db, ctx, { status: "all", owner: ["RITA@x.test"] });
    expect(owned.rows.map((r) => r.assetId)).toEqual(["A1"]);
  });
});

