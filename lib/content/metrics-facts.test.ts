import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { readVersions } from "@/lib/cache";
import { buildContext, type KpiParams } from "@/lib/kpi";
import type { Db } from "@/db/client";
import { listAssetMetrics, type AssetQuery } from "./metrics";
import { contentSummaryReference, listAssetMetricsReference } from "./metrics-reference";
import { contentSummary, contentUsageReport } from "./report";
import { seededRandom as rng } from "@/lib/testing/random";

/**
 * The content report over the usage facts (migration 0014, ./facts.ts) equals the from-scratch
 * definition over content_usage (./metrics-reference.ts) — every column of every asset, the
 * summary — on a seeded random data set with the edge cases placed by hand (assets published
 * after as_of, archived at the period's edges, usages after as_of, after a deal's close, on the
 * UTC midnights, deals and leads created after as_of), for many periods, as_of instants that cut
 * a day, three time zones (UTC, +05:30, −05:00/−04:00) and the deal filters; and again after
 * inserts onto existing keys, updates and deletes of usages and deals (the triggers keep the facts
 * exact).
 */

const USERS = ["ana@x.test", "ben@x.test", "cy@x.test", "dee@x.test", "eli@x.test"];
const ACTIONS = ["viewed", "downloaded", "shared", "sent", "presented"];
const T0 = Date.parse("2024-10-01T00:00:00Z");
const T1 = Date.parse("2026-03-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

async function seed(db: Db): Promise<void> {
  const r = rng(20261207);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const at = () => T0 + Math.floor(r() * (T1 - T0) / 1000) * 1000;
  await db.execute(sql.raw(`insert into team_members (email, name, team) values ${USERS.map((u) => `('${u}', '${u}', 'sales')`).join(", ")}`));
  await db.execute(sql`insert into accounts (account_id, name, segment) values ('AC1', 'One', 'smb'), ('AC2', 'Two', 'enterprise')`);
  const leads: string[] = [];
  for (let i = 1; i <= 8; i++) {
    // L8 is created late (2025-09-20): its deals do not exist before then.
    const created = i === 8 ? "2025-09-20T00:00:00Z" : "2024-01-01T00:00:00Z";
    leads.push(`('L${i}', 'l${i}@x.test', '${created}', '${i % 2 ? "webinar" : "outbound"}', ${i % 3 === 0 ? "null" : `'AC${1 + (i % 2)}'`})`);
  }
  await db.execute(sql.raw(`insert into leads (lead_id, email, created_at, source_channel, account_id) values ${leads.join(", ")}`));
  const deals: string[] = [];
  for (let i = 1; i <= 40; i++) {
    const created = at();
    const u = r();
    const stage = u < 0.4 ? "closed_won" : u < 0.7 ? "closed_lost" : "negotiation";
    const closed = stage === "negotiation" ? "null" : `'${iso(Math.min(created + Math.floor(r() * 200) * 86_400_000 + 3_600_000 * 7, T1 + 90 * 86_400_000))}'`;
    deals.push(
      `('D${i}', 'Deal ${i}', 'L${1 + (i % 8)}', ${i % 5 === 0 ? "null" : `'AC${1 + (i % 2)}'`}, '${pick(USERS)}', '${(1000 + i * 137.25).toFixed(2)}', '${iso(created)}', '${stage}', ${closed})`,
    );
  }
  await db.execute(
    sql.raw(`insert into deals (deal_id, name, primary_lead_id, account_id, owner_email, amount, created_at, stage, closed_at) values ${deals.join(", ")}`),
  );
  const assets: string[] = [];
  const edges = [
    ["2025-01-01T00:00:00Z", "null"], // published at the start of 2025
    ["2024-06-01T00:00:00Z", "'2025-01-01T00:00:00Z'"], // archived at a period start
    ["2024-06-01T00:00:00Z", "'2024-12-31T23:59:59Z'"], // archived the second before it
    ["2025-03-31T23:59:59Z", "null"], // published the last second of Q1
    ["2025-06-15T12:00:00Z", "'2025-07-01T05:30:00Z'"], // published and archived in 2025, on odd instants
    ["2026-02-01T00:00:00Z", "null"], // published late: after several as_of
  ];
  for (let i = 1; i <= 24; i++) {
    const [pub, arch] = edges[i - 1] ?? [iso(at() - 200 * 86_400_000), r() < 0.2 ? `'${iso(at())}'` : "null"];
    assets.push(`('CA${i}', 'Asset ${i}', '${pick(["deck", "case_study", "video"])}', '${pick(["tofu", "mofu", "bofu"])}', '${pub}', ${arch})`);
  }
  await db.execute(sql.raw(`insert into content_assets (asset_id, title, type, funnel_stage, published_at, archived_at) values ${assets.join(", ")}`));
  const usages: string[] = [];
  const midnights = ["2025-01-01T00:00:00Z", "2025-03-31T23:59:59.999Z", "2025-04-01T00:00:00Z", "2025-07-01T00:00:00Z", "2025-06-30T18:30:00Z"];
  for (let i = 1; i <= 900; i++) {
    // Usages cluster on a few assets (a power law, as in real libraries), some on the edges.
    const asset = 1 + Math.min(23, Math.floor(Math.pow(r(), 2.2) * 24));
    const when = i <= midnights.length * 4 ? midnights[i % midnights.length]! : iso(at());
    const deal = r() < 0.45 ? `'D${1 + Math.floor(r() * 40)}'` : "null";
    const user = r() < 0.08 ? "null" : `'${pick(USERS)}'`;
    usages.push(`('U${i}', 'CA${asset}', '${when}', '${pick(ACTIONS)}', ${user}, ${deal})`);
  }
  await db.execute(sql.raw(`insert into content_usage (usage_id, asset_id, occurred_at, action, user_email, deal_id) values ${usages.join(", ")}`));
}

/** Rows of the facts tables that differ from a from-scratch aggregation of content_usage (must be 0). */
async function factsDiff(db: Db): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with days as (
      select asset_id, (occurred_at at time zone 'UTC')::date as day,
             (count(*) filter (where action = 'shared'))::int as shared, (count(*) filter (where action = 'sent'))::int as sent,
             (count(*) filter (where action = 'presented'))::int as presented, (count(*) filter (where action = 'viewed'))::int as viewed,
             (count(*) filter (where action = 'downloaded'))::int as downloaded
        from content_usage group by 1, 2
    ), users as (
      select asset_id, user_email, min(occurred_at) as first_at, max(occurred_at) as last_at
        from content_usage where user_email is not null group by 1, 2
    ), pairs as (
      select x.asset_id, x.deal_id, x.first_at, x.last_at, d.created_at, d.primary_lead_id, d.account_id, d.owner_email, d.stage, d.closed_at, d.amount
        from (select asset_id, deal_id, min(occurred_at) as first_at, max(occurred_at) as last_at from content_usage
               where deal_id is not null and action in ('shared', 'sent', 'presented') group by 1, 2) x
        join deals d on d.deal_id = x.deal_id
    )
    select ((select count(*) from (select * from days except select asset_id, day, shared, sent, presented, viewed, downloaded from content_usage_days) a)
          + (select count(*) from (select asset_id, day, shared, sent, presented, viewed, downloaded from content_usage_days except select * from days) b)
          + (select count(*) from (select * from users except select asset_id, user_email, first_at, last_at from content_asset_users) c)
          + (select count(*) from (select asset_id, user_email, first_at, last_at from content_asset_users except select * from users) d)
          + (select count(*) from (select * from pairs except select asset_id, deal_id, first_cf_at, last_cf_at, created_at, primary_lead_id, account_id, owner_email, stage, closed_at, amount from content_asset_deals) e)
          + (select count(*) from (select asset_id, deal_id, first_cf_at, last_cf_at, created_at, primary_lead_id, account_id, owner_email, stage, closed_at, amount from content_asset_deals except select * from pairs) f))::int as n`);
  return Number(rows[0]!.n);
}

const AS_OFS = ["2025-04-15T00:00:00Z", "2025-03-31T13:17:05.5Z", "2025-09-19T23:59:59Z", "2026-06-01T00:00:00Z", "2025-01-01T00:00:00Z"];
const PERIODS: [string, string][] = [
  ["2025-01-01", "2025-03-31"],
  ["2024-12-31", "2025-01-01"],
  ["2025-03-31", "2025-03-31"],
  ["2025-01-01", "2025-12-31"],
  ["2024-10-01", "2026-02-28"],
];

function cases(): { label: string; params: KpiParams }[] {
  const out: { label: string; params: KpiParams }[] = [];
  for (const [from, to] of PERIODS) for (const a of AS_OFS) out.push({ label: `${from}…${to} @${a}`, params: { from, to, asOf: new Date(a) } });
  const base = { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-06-01T00:00:00Z") };
  out.push({ label: "owner filter", params: { ...base, ownerEmail: ["ANA@x.test", "cy@x.test"] } });
  out.push({ label: "segment filter", params: { ...base, segment: ["enterprise"] } });
  out.push({ label: "channel filter", params: { ...base, sourceChannel: ["webinar"] } });
  return out;
}

async function expectEqual(db: Db, label: string, params: KpiParams): Promise<void> {
  const ctx = await buildContext(db, params);
  const q: AssetQuery = { status: "all", sort: "title", dir: "asc" };
  const fast = await listAssetMetrics(db, ctx, q);
  const ref = await listAssetMetricsReference(db, ctx, q);
  expect(fast, label).toEqual(ref);
  // sorted and paged on a reach column (computed for every row first) and on revenue (after paging)
  for (const sort of ["users", "deals_touched", "influenced_revenue"] as const) {
    const page: AssetQuery = { status: "active", sort, dir: "desc", limit: 5, offset: 1 };
    expect(await listAssetMetrics(db, ctx, page), `${label} ${sort}`).toEqual(await listAssetMetricsReference(db, ctx, page));
  }
  const summary = await contentSummary(db, ctx);
  const sref = await contentSummaryReference(db, ctx);
  expect({ active: summary.assetsActive, used: summary.assetsUsed, revenue: summary.influencedRevenue }, label).toEqual(sref);
}

describeDb("content facts equal the from-scratch definition", (t) => {
  beforeAll(async () => {
    await seed(t().conn.db);
  }, 120_000);

  it("the facts tables hold exactly the aggregation of content_usage (and the deals' columns)", async () => {
    const db = t().conn.db;
    expect(await factsDiff(db)).toBe(0);
    const [n] = await db.execute<{ days: number; users: number; deals: number }>(sql`
      select (select count(*) from content_usage_days)::int as days, (select count(*) from content_asset_users)::int as users,
             (select count(*) from content_asset_deals)::int as deals`);
    expect(n!.days).toBeGreaterThan(100);
    expect(n!.users).toBeGreaterThan(50);
    expect(n!.deals).toBeGreaterThan(50);
  });

  it("every metric of every asset, and the summary, for many periods, as_of instants, filters (UTC)", async () => {
    const db = t().conn.db;
    for (const c of cases()) await expectEqual(db, c.label, c.params);
  }, 300_000);

  it("the same in time zones whose days are not UTC days (+05:30, America/New_York)", async () => {
    const db = t().conn.db;
    try {
      for (const tz of ["Asia/Kolkata", "America/New_York"]) {
        await db.execute(sql`update organisation_settings set time_zone = ${tz}`);
        for (const c of cases().filter((_, i) => i % 3 === 0)) await expectEqual(db, `${tz} ${c.label}`, c.params);
      }
    } finally {
      await db.execute(sql`update organisation_settings set time_zone = 'UTC'`);
    }
  }, 300_000);

  it("after updates, deletes and inserts of usages and changes of deals, the facts stay exact", async () => {
    const db = t().conn.db;
    await db.execute(sql`update content_usage set occurred_at = occurred_at + interval '3 days 5 hours' where usage_id like 'U1%'`);
    await db.execute(sql`update content_usage set asset_id = 'CA2', action = 'viewed' where usage_id like 'U2%'`);
    await db.execute(sql`update content_usage set deal_id = null where usage_id like 'U3%'`);
    await db.execute(sql`update content_usage set user_email = 'eli@x.test', deal_id = 'D7', action = 'sent' where usage_id like 'U4%'`);
    await db.execute(sql`delete from content_usage where usage_id like 'U5%'`);
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action, user_email, deal_id) values
      ('UX1', 'CA1', '2025-02-10T00:00:00Z', 'presented', 'ana@x.test', 'D3'), ('UX2', 'CA1', '2025-02-10T00:00:00Z', 'shared', 'ana@x.test', 'D3')`);
    // inserts onto existing keys: counts add up, first/last widen (earlier and later copies)
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action, user_email, deal_id, lead_id)
      select 'C' || usage_id, asset_id, occurred_at + interval '1 second', action, user_email, deal_id, lead_id from content_usage where usage_id like 'U8%'`);
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action, user_email, deal_id, lead_id)
      select 'E' || usage_id, asset_id, occurred_at - interval '300 days', action, user_email, deal_id, lead_id from content_usage where usage_id like 'U9%'`);
    expect(await factsDiff(db)).toBe(0);
    await db.execute(sql`update deals set stage = 'closed_won', closed_at = '2025-05-05T10:00:00Z', amount = amount + 1 where deal_id in ('D1', 'D2', 'D3')`);
    await db.execute(sql`update deals set owner_email = 'ben@x.test', account_id = 'AC2' where deal_id in ('D4', 'D5')`);
    await db.execute(sql`update deals set stage = 'negotiation', closed_at = null where deal_id = 'D6'`);
    expect(await factsDiff(db)).toBe(0);
    for (const c of cases().filter((_, i) => i % 2 === 0)) await expectEqual(db, `after changes: ${c.label}`, c.params);
    await db.execute(sql`delete from content_usage where usage_id like 'U6%' or usage_id like 'U7%'`);
    expect(await factsDiff(db)).toBe(0);
  }, 300_000);

  it("the API body equals the reference rows (active assets by uses desc, then asset_id)", async () => {
    const db = t().conn.db;
    const params: KpiParams = { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-01-10T08:00:00Z") };
    const body = await contentUsageReport(db, params, { cache: false });
    const ctx = await buildContext(db, params);
    const ref = await listAssetMetricsReference(db, ctx, { status: "active", sort: "uses", dir: "desc" });
    expect(body.assets).toEqual(
      ref.rows.map((r) => ({ asset_id: r.assetId, title: r.title, uses: r.uses, deals_influenced: r.dealsInfluenced, influenced_revenue: r.influencedRevenue })),
    );
    const s = await contentSummaryReference(db, ctx);
    expect([body.assets_active, body.assets_used, body.influenced_revenue]).toEqual([s.active, s.used, s.revenue]);
    // served from the cache the second time: the same body
    expect(await contentUsageReport(db, params)).toEqual(await contentUsageReport(db, params));
  });

  it("writes to content_usage, and hand-made writes to the facts tables, move the report cache's data version", async () => {
    const { db, sql: pg } = t().conn;
    const v0 = await readVersions(pg);
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action) values ('UV1', 'CA3', '2025-05-05T00:00:00Z', 'viewed')`);
    const v1 = await readVersions(pg);
    expect(v1.data).toBe(v0.data + 1);
    await db.execute(sql`update content_usage_days set viewed = viewed where asset_id = 'CA3'`);
    expect((await readVersions(pg)).data).toBe(v1.data + 1);
    expect(await factsDiff(db)).toBe(0);
  });
});
