import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { importFolder } from "@/lib/import";
import {
  buildContext,
  computeKpiGroups,
  computeKpis,
  computeKpisWithMonthly,
  formatAsOf,
  leadInWindow,
  num,
  openAtAsOf,
  slaLeadsSql,
  slaStatusIs,
  text,
  wonByAsOf,
  type KpiContext,
  type KpiParams,
  type SqlExecutor,
} from "@/lib/kpi";
import { clearDomain, insertDataset, setSettings, type DealRow, type LeadRow } from "@/lib/kpi/testing";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { seededRandom } from "@/lib/testing/random";
import { monthRangeInZone } from "@/lib/time";
import { headlineTrendsByMonth, PIPELINE_TREND_MONTHS, type HeadlineTrendMonth } from "./charts";

/**
 * The headline sparklines take closing efficiency and SLA compliance by month from the KPI run
 * (its leads and SLA groups with `monthly`) and read the open pipeline at every month end in one
 * scan (issue 15). They must give exactly what the former from-scratch statements gave — kept
 * here as the reference (`headlineFromScratch`): one statement per series, a sub-select per month
 * end — cell for cell, on random data with its edges placed at month boundaries of a time zone
 * that is not UTC, and on the tiny fixture; with filters, a past as_of, an as_of inside P and
 * months with nothing to divide by. And the KPI run with its months has the same totals as
 * without.
 */

/** The headline series as computed before issue 15: three statements of their own. */
async function headlineFromScratch(db: SqlExecutor, ctx: KpiContext): Promise<HeadlineTrendMonth[]> {
  const { p, filters } = ctx;
  const tz = ctx.settings.timeZone;
  const monthOf = (column: SQL) => sql`to_char(date_trunc('month', ${column} at time zone ${tz}), 'YYYY-MM')`;
  const monthsRows = await db.execute<Record<string, unknown>>(sql`select to_char(m, 'YYYY-MM') as month
    from generate_series(date_trunc('month', ${p.fromDate}::date::timestamp), ${p.toDate}::date::timestamp, interval '1 month') m`);
  const months = monthsRows.map((r) => text(r.month));
  const asOfMs = new Date(p.asOf).getTime();
  const bounds = months.slice(-PIPELINE_TREND_MONTHS).flatMap((month) => {
    const range = monthRangeInZone(`${month}-01`, tz);
    if (range.start.getTime() > asOfMs) return [];
    return [{ month, asOf: formatAsOf(new Date(Math.min(range.end.getTime() - 1, asOfMs))) }];
  });
  const efficiency = await db.execute<Record<string, unknown>>(sql`
    select ${monthOf(sql`l.sql_at`)} as month, count(*)::int as sqls,
           count(*) filter (where w.primary_lead_id is not null)::int as closed
      from kpi_lead_facts l
      left join (select distinct d.primary_lead_id from deals d where ${wonByAsOf(p.asOf)}) w
        on w.primary_lead_id = l.lead_id
     where ${leadInWindow("sql_at", p, filters)}
     group by 1`);
  const sla = await db.execute<Record<string, unknown>>(sql`
    select ${monthOf(sql`s.mql_at`)} as month,
           count(*) filter (where ${slaStatusIs("met", sql`s.status`)})::int as met,
           count(*) filter (where ${slaStatusIs("breached", sql`s.status`)})::int as breached
      from (${slaLeadsSql(p, filters, ctx.settings.sla)}) s
     group by 1`);
  const pipeline =
    bounds.length === 0
      ? []
      : await db.execute<Record<string, unknown>>(
          sql.join(
            bounds.map(
              (b) => sql`select ${b.month}::text as month,
                (select coalesce(sum(d.amount), 0)::text from deals d where ${openAtAsOf(b.asOf, filters, "d")}) as amount`,
            ),
            sql` union all `,
          ),
        );
  const eff = new Map(efficiency.map((r) => [text(r.month), { sqls: num(r.sqls), closed: num(r.closed) }]));
  const slaBy = new Map(sla.map((r) => [text(r.month), { met: num(r.met), breached: num(r.breached) }]));
  const pipe = new Map(pipeline.map((r) => [text(r.month), Number(text(r.amount))]));
  return months.map((month) => {
    const e = eff.get(month);
    const s = slaBy.get(month);
    return {
      month,
      closingEfficiency: e && e.sqls > 0 ? e.closed / e.sqls : null,
      slaCompliance: s && s.met + s.breached > 0 ? s.met / (s.met + s.breached) : null,
      openPipeline: pipe.get(month) ?? null,
    };
  });
}

const TZ = "America/New_York";
const OWNERS = ["ana@x.test", "ben@x.test", "cy@x.test"];
const CHANNELS = ["webinar", "email", "paid_search", "outbound", "partner", "unknown"];
const STAGES = ["qualification", "discovery", "proposal", "negotiation", "closed_won", "closed_won", "closed_lost"];
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The first instant of each month of 2024-11 … 2026-04 in TZ (month boundaries to sit on). */
function monthStarts(): number[] {
  const out: number[] = [];
  for (let y = 2024; y <= 2026; y++) {
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, "0")}`;
      if (month < "2024-11" || month > "2026-04") continue;
      out.push(monthRangeInZone(`${month}-01`, TZ).start.getTime());
    }
  }
  return out;
}

/**
 * Random leads, activities and deals over 2024-11 … 2026-04, a third of the events on a month
 * boundary of TZ (the instant itself, a millisecond or a second before): MQLs and SQLs either side
 * of a month's first instant, deals closed exactly at a month's last instant (not open at that
 * month end) or just after, deals whose primary lead is created after as_of, deals without a
 * primary lead or account, SQLs whose deal is won after as_of.
 */
function randomData(seed: number): { leads: LeadRow[]; deals: DealRow[]; activities: { id: string; leadId: string; occurredAt: string }[] } {
  const r = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const starts = monthStarts();
  const t0 = starts[0]!;
  const t1 = starts[starts.length - 1]!;
  const at = (lo = t0, hi = t1) => lo + Math.floor((r() * (hi - lo)) / 1000) * 1000;
  /** A random instant, or (one time in three) one on a month boundary of TZ. */
  const edgy = (lo: number, hi = t1) => {
    if (r() < 0.34) {
      const b = pick(starts.filter((s) => s > lo && s <= hi));
      if (b !== undefined) return b - pick([0, 0, 1, 1000]);
    }
    return at(lo, hi);
  };
  const leads: LeadRow[] = [];
  const activities: { id: string; leadId: string; occurredAt: string }[] = [];
  for (let i = 1; i <= 220; i++) {
    const created = at(t0 - 60 * DAY, t1 - 20 * DAY);
    const mql = r() < 0.8 ? edgy(created, created + 150 * DAY) : null;
    // Most MQLs become SQLs, some before their mql_at; some SQLs without an MQL.
    const sqlAt = mql !== null && r() < 0.65 ? edgy(mql - (r() < 0.1 ? 5 * DAY : 0), mql + 60 * DAY) : r() < 0.1 ? edgy(created, created + 90 * DAY) : null;
    const rejected = mql !== null && sqlAt === null && r() < 0.3 ? mql + Math.floor(r() * 10 * DAY) : null;
    leads.push({
      id: `L${i}`,
      createdAt: iso(created),
      accountId: r() < 0.15 ? null : pick(["AC1", "AC2", "AC3"]),
      sourceChannel: pick(CHANNELS),
      ownerEmail: r() < 0.1 ? null : pick(OWNERS),
      mqlAt: mql === null ? null : iso(mql),
      sqlAt: sqlAt === null ? null : iso(sqlAt),
      rejectedAt: rejected === null ? null : iso(rejected),
    });
    if (mql !== null && r() < 0.7) {
      // A first response between a few minutes and a few days after the MQL.
      activities.push({ id: `A${i}`, leadId: `L${i}`, occurredAt: iso(mql + Math.floor(r() * (r() < 0.5 ? 6 * 3_600_000 : 5 * DAY))) });
    }
  }
  const deals: DealRow[] = [];
  for (let i = 1; i <= 260; i++) {
    const created = at(t0 - 90 * DAY, t1 - 10 * DAY);
    const stage = pick(STAGES);
    let closed: number | null = null;
    if (stage.startsWith("closed")) {
      // A third close on a month's last instant (range.end − 1 ms), its first, or just before it.
      closed = r() < 0.34 ? (starts.find((s) => s > created + DAY) ?? t1) - pick([1, 0, 1000]) : created + Math.floor(r() * 200 * DAY);
    }
    const primary = r() < 0.1 ? null : `L${1 + Math.floor(r() * 220)}`;
    deals.push({
      id: `D${i}`,
      primaryLeadId: primary,
      amount: (250 + ((i * 7919) % 100_000) / 7).toFixed(2),
      createdAt: iso(created),
      stage,
      closedAt: closed === null ? null : iso(closed),
      accountId: r() < 0.12 ? null : pick(["AC1", "AC2", "AC3"]),
      ownerEmail: r() < 0.1 ? null : pick(OWNERS),
    });
  }
  return { leads, deals, activities };
}

type Filters = Pick<KpiParams, "segment" | "ownerEmail" | "sourceChannel">;
const FILTERS: { label: string; f: Filters }[] = [
  { label: "no filter", f: {} },
  { label: "segment", f: { segment: ["mid_market"] } },
  { label: "owner", f: { ownerEmail: ["ANA@x.test"] } },
  { label: "channel", f: { sourceChannel: ["webinar", "email"] } },
  { label: "all three", f: { segment: ["smb", "enterprise"], ownerEmail: ["ben@x.test", "cy@x.test"], sourceChannel: ["webinar", "paid_search", "outbound"] } },
];

/** Periods: a past year seen long after, one whose as_of is inside it, an early quarter. */
const PERIODS: { label: string; p: KpiParams }[] = [
  { label: "2025, as of 2026-03", p: { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-03-01T00:00:00Z") } },
  { label: "as_of inside P", p: { from: "2025-06-01", to: "2026-05-31", asOf: new Date("2026-02-10T12:00:00Z") } },
  { label: "as_of on a month's last instant", p: { from: "2025-02-01", to: "2025-04-30", asOf: new Date(monthRangeInZone("2025-03-01", TZ).end.getTime() - 1) } },
  { label: "early quarter", p: { from: "2024-10-01", to: "2024-12-31", asOf: new Date("2025-01-05T00:00:00Z") } },
];

/** For each filter: the new series (from the run, and on its own) equal the reference; the run's totals equal the plain run's. */
async function compareAll(db: Db, periods: readonly { label: string; p: KpiParams }[]): Promise<{ values: number; nulls: number }> {
  let values = 0;
  let nulls = 0;
  for (const { label, p } of periods) {
    for (const { label: fl, f } of FILTERS) {
      const params: KpiParams = { ...p, ...f };
      const what = `${label}, ${fl}`;
      const ctx = await buildContext(db, params);
      const expected = await headlineFromScratch(db, ctx);
      const run = await computeKpisWithMonthly(db, params, { cache: false });
      expect(await headlineTrendsByMonth(db, ctx, run), what).toEqual(expected);
      expect(await headlineTrendsByMonth(db, ctx), `${what} (on its own)`).toEqual(expected);
      // The run with its months: the same KPIs and group totals as the run without.
      expect(run.result.kpis, what).toEqual((await computeKpis(db, params, { cache: false })).kpis);
      const [plain, monthly] = [await computeKpiGroups(db, params), await computeKpiGroups(db, params, { monthly: true })];
      expect(monthly.leads, what).toEqual(plain.leads);
      expect(monthly.sla, what).toEqual(plain.sla);
      expect(monthly.deals, what).toEqual(plain.deals);
      // The months add up to the totals.
      const leads = monthly.leadsMonthly ?? [];
      expect(leads.reduce((s, m) => s + m.sqls, 0), what).toBe(plain.leads.sqls);
      expect(leads.reduce((s, m) => s + m.sqlsClosed, 0), what).toBe(plain.leads.sqlsClosed);
      const sla = monthly.slaMonthly ?? [];
      expect(sla.reduce((s, m) => s + m.mqls, 0), what).toBe(plain.sla.mqls);
      expect(sla.reduce((s, m) => s + m.met, 0), what).toBe(plain.sla.met);
      expect(sla.reduce((s, m) => s + m.breached, 0), what).toBe(plain.sla.breached);
      for (const m of expected) {
        for (const v of [m.closingEfficiency, m.slaCompliance, m.openPipeline]) {
          if (v === null) nulls++;
          else values++;
        }
      }
    }
  }
  return { values, nulls };
}

describeDb("dashboard headline sparklines: equal to the from-scratch statements", (t) => {
  describe("random data in America/New_York", () => {
    beforeAll(async () => {
      const db = t().conn.db;
      await clearDomain(db);
      await setSettings(db, { timeZone: TZ });
      const data = randomData(15_15);
      await insertDataset(db, {
        accounts: [
          { id: "AC1", segment: "smb" },
          { id: "AC2", segment: "mid_market" },
          { id: "AC3", segment: "enterprise" },
        ],
        leads: data.leads,
        deals: data.deals,
        activities: data.activities,
      });
    }, 120_000);

    it("every period and filter, cell for cell", async () => {
      const { values, nulls } = await compareAll(t().conn.db, PERIODS);
      // Not a comparison of empty series: values and gaps both occur.
      expect(values).toBeGreaterThan(100);
      expect(nulls).toBeGreaterThan(5);
    }, 300_000);
  });

  describe("tiny fixture", () => {
    beforeAll(async () => {
      const db = t().conn.db;
      await clearDomain(db);
      await setSettings(db);
      expect((await importFolder(db, TINY_DIR)).ok).toBe(true);
    }, 120_000);

    it("P, an as_of inside P and a past as_of, with filters", async () => {
      const asOf = new Date("2025-04-15T00:00:00Z");
      const { values, nulls } = await compareAll(t().conn.db, [
        { label: "P", p: { from: "2025-01-01", to: "2025-03-31", asOf } },
        { label: "as_of inside", p: { from: "2025-03-01", to: "2025-05-31", asOf } },
        { label: "past as_of", p: { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-03-01T00:00:00Z") } },
      ]);
      expect(values).toBeGreaterThan(10);
      expect(nulls).toBeGreaterThan(0);
    }, 300_000);
  });
});
