import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "@/lib/import";
import { insertDataset, type DealRow, type LeadRow, type TouchpointRow } from "@/lib/kpi/testing";
import { buildContext, type KpiParams } from "@/lib/kpi";
import { computeAttribution } from "./report";
import { computeClosedLoop } from "./closed-loop";
import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS } from "./models";
import { wonDealsInPeriod } from "./sql";
import { refreshAttributionSummary, summaryCoverage } from "./summary";
import { readVersions } from "@/lib/cache/versions";
import { seededRandom as random } from "@/lib/testing/random";

/**
 * The attribution summary (./summary.ts, migration 0018) gives the report the very rows of the
 * from-scratch computation (./sql.ts attributionSql and ./closed-loop.ts assistsSql, which stay
 * the reference): the conversion assists and every model,
 * both groupings, several periods, as_of now and in the past (deals whose summary does not hold
 * yet at as_of are built from scratch), a filter — on random data, on the tiny fixture, and after
 * each kind of edit the triggers must catch (before and after the next refresh).
 */
const CHANNELS = ["webinar", "email", "paid_search", "content", "events", "referral", "outbound", "direct"] as const;

/** Day d after 2024-12-01 (fractions: a time of day). */
const day = (d: number) => new Date(Date.UTC(2024, 11, 1) + d * 86_400_000).toISOString();

/**
 * Random leads, touches (ties in time, campaigns and none, touches after the close), won and lost
 * deals with shared contacts, amounts of 0, below a cent and beyond 64-bit cents, a deal without a
 * primary lead, MQLs after the close and a contact created after the close (summary not yet valid
 * at an as_of between the two).
 */
async function seedRandom(db: Db, seed: number): Promise<void> {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const leads: LeadRow[] = [];
  const touchpoints: TouchpointRow[] = [];
  for (let i = 0; i < 40; i++) {
    const created = i === 39 ? 170 : Math.floor(r() * 60);
    leads.push({
      id: `L${i}`,
      createdAt: day(created),
      mqlAt: r() < 0.7 ? day(created + Math.floor(r() * 160)) : null,
      sourceChannel: pick(CHANNELS),
    });
    const n = i % 9 === 0 ? 0 : 1 + Math.floor(r() * 12);
    for (let k = 0; k < n; k++) {
      const at = r() < 0.4 ? day(Math.floor(r() * 200)) : day(r() * 200);
      touchpoints.push({ id: `T${i}_${k}`, leadId: `L${i}`, occurredAt: at, channel: pick(CHANNELS) });
    }
  }
  const deals: DealRow[] = [];
  const dealContacts: { dealId: string; leadId: string }[] = [];
  for (let j = 0; j < 30; j++) {
    const created = 60 + Math.floor(r() * 60);
    deals.push({
      id: `D${j}`,
      primaryLeadId: `L${Math.floor(r() * 39)}`,
      amount: j === 3 ? "0" : j === 5 ? "1234.5678" : j === 7 ? "98765432109876543.21" : j === 8 ? "0.001" : j === 9 ? "30000000.07" : (Math.floor(r() * 10_000_000) / 100).toFixed(2),
      createdAt: day(created),
      stage: r() < 0.8 ? "closed_won" : "closed_lost",
      closedAt: day(created + 5 + Math.floor(r() * 80)),
    });
    for (let c = 0; c < Math.floor(r() * 3); c++) dealContacts.push({ dealId: `D${j}`, leadId: `L${Math.floor(r() * 39)}` });
  }
  // L39 (created on day 170) joins a deal won on day 130 as a contact.
  deals.push({ id: "DLATE", primaryLeadId: "L1", amount: "500.00", createdAt: day(100), stage: "closed_won", closedAt: day(130) });
  dealContacts.push({ dealId: "DLATE", leadId: "L39" });
  await insertDataset(db, { leads, deals, dealContacts, touchpoints });
  await db.execute(sql`insert into campaigns (campaign_id, name, channel) values ('C1', 'One', 'webinar'), ('C2', 'Two', 'email'), ('C10', 'Ten', 'events')`);
  await db.execute(sql`update touchpoints set campaign_id = (array['C1', 'C2', 'C10'])[1 + abs(hashtext(touchpoint_id)) % 3]
                        where abs(hashtext(touchpoint_id)) % 4 <> 0`);
  await db.execute(sql`insert into deals (deal_id, name, primary_lead_id, amount, created_at, stage, closed_at)
                       values ('DNOLEAD', 'No lead', null, 777.77, ${day(100)}, 'closed_won', ${day(150)})`);
  await db.execute(sql`insert into deal_contacts (deal_id, lead_id) values ('DNOLEAD', 'L1'), ('DNOLEAD', 'L2')`);
}

/** The periods, as_ofs and filters compared on the random data. */
const RANDOM_CASES: KpiParams[] = [
  { from: "2025-01-01", to: "2025-06-30", asOf: new Date("2030-01-01T00:00:00Z") },
  { from: "2025-01-01", to: "2025-06-30", asOf: new Date("2025-07-01T00:00:00Z") },
  { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") },
  { from: "2024-12-01", to: "2025-12-31", asOf: new Date("2025-05-01T00:00:00Z") },
  { from: "2024-12-01", to: "2025-12-31", asOf: new Date("2030-01-01T00:00:00Z"), sourceChannel: ["webinar", "email", "direct"] },
];

/** How the won deals in P split at as_of: read from the summary, or built from scratch. */
async function split(db: Db, params: KpiParams): Promise<{ stored: number; scratch: number }> {
  const ctx = await buildContext(db, params);
  const [row] = await db.execute<{ stored: string | number; scratch: string | number }>(sql`
    with d as (${wonDealsInPeriod(ctx.p, ctx.filters)})
    select count(*) filter (where h.deal_id is not null) as stored, count(*) filter (where h.deal_id is null) as scratch
      from d left join attribution_paths h on h.deal_id = d.deal_id and h.valid_from <= ${ctx.p.asOf}::timestamptz`);
  return { stored: Number(row?.stored ?? 0), scratch: Number(row?.scratch ?? 0) };
}

/** The summary-based report equals the from-scratch one, for every model and grouping. */
async function expectSame(db: Db, params: KpiParams, label: string): Promise<void> {
  const ctx = await buildContext(db, params);
  for (const groupBy of ATTRIBUTION_GROUP_BYS) {
    const summary = await computeAttribution(db, ctx, groupBy, ATTRIBUTION_MODELS, "summary");
    const scratch = await computeAttribution(db, ctx, groupBy, ATTRIBUTION_MODELS, "scratch");
    // Time decay's sums are doubles added in another order (./summary.ts): its shares may differ in
    // the last bit (1e-16 on the large seed); everything else, its revenue and deals included, is identical.
    const decay = summary.time_decay.rows.map((r, i) => Math.abs((r.share ?? 0) - (scratch.time_decay.rows[i]?.share ?? NaN)));
    decay.forEach((d, i) => expect(d, `${label} by ${groupBy}: time_decay share of ${summary.time_decay.rows[i]!.key}`).toBeLessThan(1e-12));
    const sameShares = { ...summary, time_decay: { ...summary.time_decay, rows: summary.time_decay.rows.map((r, i) => ({ ...r, share: scratch.time_decay.rows[i]?.share ?? null })) } };
    expect(sameShares, `${label} by ${groupBy}`).toEqual(scratch);
    expect(summary.linear.rows.length, `${label} by ${groupBy}: rows`).toBeGreaterThan(0);
  }
  const loop = await computeClosedLoop(db, ctx, "summary");
  expect(loop, `${label}: closed loop`).toEqual(await computeClosedLoop(db, ctx, "scratch"));
  expect(loop.assists.length, `${label}: assists`).toBeGreaterThan(0);
}

describeDb("attribution summary: equals the from-scratch report on random data", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await seedRandom(db, 20251207);
    await refreshAttributionSummary(db);
  });

  it("covers every won deal after a refresh, and a refresh with nothing to do adds nothing", async () => {
    const { db } = t().conn;
    const won = await db.execute<{ n: string | number }>(sql`select count(*) as n from deals where stage = 'closed_won'`);
    expect(await summaryCoverage(db)).toEqual({ summarised: Number(won[0]!.n), missing: 0 });
    const versions = await readVersions(t().conn.sql);
    expect(await refreshAttributionSummary(db)).toBe(0);
    // nothing to do writes nothing: the report cache stays valid (an app start migrates and refreshes)
    expect(await readVersions(t().conn.sql)).toEqual(versions);
    // DLATE's summary holds from its contact's creation (day 170), not from its close (day 130)
    const [late] = await db.execute<{ valid_from: string }>(sql`select valid_from::text from attribution_paths where deal_id = 'DLATE'`);
    expect(new Date(late!.valid_from).toISOString()).toBe(day(170));
  });

  RANDOM_CASES.forEach((params, i) => {
    it(`case ${i + 1} (${params.from}…${params.to} as of ${params.asOf.toISOString()}${params.sourceChannel ? ", filtered" : ""})`, async () => {
      const { db } = t().conn;
      await expectSame(db, params, `case ${i + 1}`);
    });
  });

  it("as of the past, some deals are read from the summary and some built from scratch", async () => {
    const { db } = t().conn;
    const past = await split(db, RANDOM_CASES[3]!);
    expect(past.stored).toBeGreaterThan(0);
    expect(past.scratch).toBeGreaterThan(0);
    const now = await split(db, RANDOM_CASES[0]!);
    expect(now).toEqual({ stored: now.stored, scratch: 0 });
  });
});

describeDb("attribution summary: edits are caught by the triggers", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    await seedRandom(db, 7);
    await refreshAttributionSummary(db);
  });

  /** Both as_ofs of the whole span, before and after the next refresh; the edited deals are dropped from the summary. */
  async function check(db: Db, label: string, dropped: string[]): Promise<void> {
    if (dropped.length > 0) {
      const rows = await db.execute<{ deal_id: string }>(
        sql`select deal_id from attribution_paths where deal_id in (${sql.join(dropped.map((d) => sql`${d}`), sql`, `)})
            union all
            select deal_id from attribution_path_keys where deal_id in (${sql.join(dropped.map((d) => sql`${d}`), sql`, `)})`,
      );
      expect(rows.map((r) => r.deal_id), `${label}: dropped`).toEqual([]);
    }
    for (const params of [RANDOM_CASES[3]!, RANDOM_CASES[4]!]) await expectSame(db, params, `${label}, before the refresh`);
    await refreshAttributionSummary(db);
    expect((await summaryCoverage(db)).missing, label).toBe(0);
    for (const params of [RANDOM_CASES[3]!, RANDOM_CASES[4]!]) await expectSame(db, params, `${label}, after the refresh`);
  }

  /** A won deal in 2025 with touches (its primary lead's), for the edits. */
  async function wonDealWithTouches(db: Db, skip: string[] = []): Promise<{ deal: string; lead: string; closedAt: string }> {
    const rows = await db.execute<{ deal_id: string; lead_id: string; closed_at: string }>(sql`
      select d.deal_id, d.primary_lead_id as lead_id, d.closed_at::text from deals d
       where d.stage = 'closed_won' and exists (select 1 from touchpoints t where t.lead_id = d.primary_lead_id and t.occurred_at <= d.closed_at)
       order by d.deal_id`);
    const row = rows.find((r) => !skip.includes(r.deal_id))!;
    return { deal: row.deal_id, lead: row.lead_id, closedAt: new Date(row.closed_at).toISOString() };
  }

  /** The won deals `lead` is the primary lead or a contact of, closed at or after `since` (a touch then is on their paths). */
  async function dealsOfLead(db: Db, lead: string, since = "1900-01-01T00:00:00Z"): Promise<string[]> {
    const rows = await db.execute<{ deal_id: string }>(sql`
      select d.deal_id from deals d where d.stage = 'closed_won' and d.primary_lead_id = ${lead} and d.closed_at >= ${since}::timestamptz
      union select dc.deal_id from deal_contacts dc join deals d on d.deal_id = dc.deal_id
             where d.stage = 'closed_won' and dc.lead_id = ${lead} and d.closed_at >= ${since}::timestamptz`);
    return rows.map((r) => r.deal_id);
  }

  it("after a touchpoint inserted, moved, deleted; a deal re-staged and re-closed; a contact added and removed; an MQL moved", async () => {
    const { db } = t().conn;
    await check(db, "untouched", []);

    const a = await wonDealWithTouches(db);
    const at = new Date(Date.parse(a.closedAt) - 3_600_000).toISOString();
    await db.execute(sql`insert into touchpoints (touchpoint_id, lead_id, occurred_at, channel, campaign_id)
                         values ('TNEW', ${a.lead}, ${at}, 'events', 'C10')`);
    expect(await dealsOfLead(db, a.lead, at)).toContain(a.deal);
    await check(db, "touchpoint inserted before the close", await dealsOfLead(db, a.lead, at));

    // a touch after every close of its lead's deals changes no path: nothing is dropped
    await db.execute(sql`insert into touchpoints (touchpoint_id, lead_id, occurred_at, channel) values ('TLATER', ${a.lead}, '2029-01-01T00:00:00Z', 'email')`);
    expect((await summaryCoverage(db)).missing).toBe(0);
    await check(db, "touchpoint inserted after every close", []);

    await db.execute(sql`update touchpoints set channel = 'referral' where touchpoint_id = 'TNEW'`);
    await check(db, "touchpoint's channel changed", await dealsOfLead(db, a.lead, at));

    await db.execute(sql`update touchpoints set occurred_at = '2029-02-01T00:00:00Z' where touchpoint_id = 'TNEW'`);
    await check(db, "touchpoint moved after the close", await dealsOfLead(db, a.lead, at));

    await db.execute(sql`delete from touchpoints where touchpoint_id in ('TNEW', 'TLATER')`);
    const [firstTouch] = await db.execute<{ touchpoint_id: string; occurred_at: string }>(
      sql`select touchpoint_id, occurred_at::text from touchpoints where lead_id = ${a.lead} order by occurred_at limit 1`,
    );
    await db.execute(sql`delete from touchpoints where touchpoint_id = ${firstTouch!.touchpoint_id}`);
    await check(db, "touchpoint deleted", await dealsOfLead(db, a.lead, firstTouch!.occurred_at));

    const b = await wonDealWithTouches(db, [a.deal]);
    await db.execute(sql`update deals set stage = 'closed_lost' where deal_id = ${b.deal}`);
    await check(db, "won deal re-staged to lost", [b.deal]);
    await db.execute(sql`update deals set stage = 'closed_won' where deal_id = ${b.deal}`);
    await check(db, "lost deal re-staged to won", []);
    await db.execute(sql`update deals set closed_at = closed_at - interval '20 days' where deal_id = ${b.deal}`);
    await check(db, "deal's close moved", [b.deal]);
    await db.execute(sql`update deals set amount = amount + 1000 where deal_id = ${b.deal}`);
    expect((await summaryCoverage(db)).missing, "an amount is read live: nothing to drop").toBe(0);
    await check(db, "deal's amount changed", []);

    await db.execute(sql`insert into deal_contacts (deal_id, lead_id) values (${b.deal}, 'L39')`);
    await check(db, "contact added (created after the close)", [b.deal]);
    await db.execute(sql`delete from deal_contacts where deal_id = ${b.deal} and lead_id = 'L39'`);
    await check(db, "contact removed", [b.deal]);

    await db.execute(sql`update leads set mql_at = ${new Date(Date.parse(a.closedAt) - 86_400_000 * 10).toISOString()} where lead_id = ${a.lead}`);
    await check(db, "primary lead's MQL moved", await dealsOfLead(db, a.lead));
    await db.execute(sql`update leads set mql_at = null where lead_id = ${a.lead}`);
    await check(db, "primary lead's MQL removed", await dealsOfLead(db, a.lead));
  }, 300_000); // ~30 reports before and after each of 14 edits: ~15 s on a quiet machine, a minute on a busy one

  it("the comparison is not vacuous: a wrong summary row changes the summary-based report", async () => {
    const { db } = t().conn;
    await refreshAttributionSummary(db);
    const ctx = await buildContext(db, RANDOM_CASES[0]!);
    const before = await computeAttribution(db, ctx, "channel", ATTRIBUTION_MODELS, "summary");
    await db.execute(sql`update attribution_path_keys set c_touches = c_touches + 1 where group_by = 'channel'
                          and deal_id = (select min(deal_id) from attribution_path_keys where c_touches > 1)`);
    const wrong = await computeAttribution(db, ctx, "channel", ATTRIBUTION_MODELS, "summary");
    expect(wrong.linear).not.toEqual(before.linear);
    expect(await computeAttribution(db, ctx, "channel", ATTRIBUTION_MODELS, "scratch")).toEqual(before);
    await db.execute(sql`delete from attribution_paths`);
    await db.execute(sql`delete from attribution_path_keys`);
    await refreshAttributionSummary(db);
    expect(await computeAttribution(db, ctx, "channel", ATTRIBUTION_MODELS, "summary")).toEqual(before);
  });

  it("a truncate of a source empties the summary; the report builds every path", async () => {
    const { db } = t().conn;
    await db.execute(sql`delete from deal_contacts`);
    expect((await summaryCoverage(db)).summarised).toBeGreaterThan(0);
    await db.execute(sql`truncate deal_contacts`);
    expect((await summaryCoverage(db)).summarised).toBe(0);
    for (const params of [RANDOM_CASES[3]!, RANDOM_CASES[4]!]) await expectSame(db, params, "after truncate");
    await refreshAttributionSummary(db);
    for (const params of [RANDOM_CASES[3]!, RANDOM_CASES[4]!]) await expectSame(db, params, "refilled");
  });
});

describeDb("attribution summary: the tiny fixture", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    const report = await importFolder(db, TINY_DIR);
    expect(report.ok).toBe(true);
  });

  it("the importer leaves every won deal summarised", async () => {
    const { db } = t().conn;
    const coverage = await summaryCoverage(db);
    expect(coverage.missing).toBe(0);
    expect(coverage.summarised).toBeGreaterThan(0);
  });

  const cases: KpiParams[] = [
    { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") },
    { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-02-15T00:00:00Z") },
    { from: "2024-01-01", to: "2025-12-31", asOf: new Date("2030-01-01T00:00:00Z") },
  ];
  cases.forEach((params, i) => {
    it(`equals the from-scratch report, case ${i + 1}`, async () => {
      const { db } = t().conn;
      await expectSame(db, params, `tiny ${i + 1}`);
    });
  });
});
