import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeDb } from "@/lib/testing/describe-db";
import { insertDataset, type DealRow, type LeadRow, type TouchpointRow } from "@/lib/kpi/testing";
import { buildContext, divFractions, fromDecimal, fromInt, mulFractions, subFractions, toRounded, type Fraction } from "@/lib/kpi";
import { fractionOfDouble } from "./allocate";
import { computeAttribution } from "./report";
import { ATTRIBUTION_MODELS, NO_TOUCHPOINTS_KEY, type AttributionGroupBy, type AttributionModel } from "./models";
import { keyOf, pathColumns, pathCtes, rationalShares, wonDealsInPeriod } from "./sql";
import { seededRandom as random } from "@/lib/testing/random";

/**
 * The report (./sql.ts attributionSql: paths reduced to sums per key and path shape before the
 * models are applied) equals a from-scratch computation: every touch's share under every model
 * by the per-touch expressions (rationalShares, the journey's), summed per key with exact
 * fractions in TypeScript — on a random data set of a few hundred touches with ties in time,
 * campaigns and no campaign, contacts shared by deals, touches after the close, deals without
 * touches, a deal of amount 0, amounts with fractions of a cent or too large for their cents to
 * fit 64 bits, and a deal without a primary lead (its path is its deal contacts' touches; lead
 * creation is the first touch).
 */
const AS_OF = "2025-07-01T00:00:00Z";
const PARAMS = { from: "2025-01-01", to: "2025-06-30", asOf: new Date(AS_OF) };
const CHANNELS = ["webinar", "email", "paid_search", "content", "events", "referral", "outbound", "direct"] as const;

const day = (d: number) => new Date(Date.UTC(2024, 11, 1) + d * 86_400_000).toISOString();

describeDb("attribution: the report equals a from-scratch computation", (t) => {
  beforeAll(async () => {
    const { db } = t().conn;
    const r = random(20251207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const leads: LeadRow[] = [];
    const touchpoints: TouchpointRow[] = [];
    for (let i = 0; i < 40; i++) {
      const created = Math.floor(r() * 60);
      leads.push({
        id: `L${i}`,
        createdAt: day(created),
        mqlAt: r() < 0.7 ? day(created + Math.floor(r() * 90)) : null,
        sourceChannel: pick(CHANNELS),
      });
      const n = i % 9 === 0 ? 0 : 1 + Math.floor(r() * 12);
      for (let k = 0; k < n; k++) {
        // whole days (ties between contacts) or a random time
        const at = r() < 0.4 ? day(Math.floor(r() * 200)) : day(r() * 200);
        touchpoints.push({ id: `T${i}_${k}`, leadId: `L${i}`, occurredAt: at, channel: pick(CHANNELS) });
      }
    }
    const deals: DealRow[] = [];
    const dealContacts: { dealId: string; leadId: string }[] = [];
    for (let j = 0; j < 30; j++) {
      const lead = `L${Math.floor(r() * 40)}`;
      const created = 60 + Math.floor(r() * 60);
      deals.push({
        id: `D${j}`,
        primaryLeadId: lead,
        // amount 0; amounts below a cent; an amount too large for its cents to fit a bigint
        amount: j === 3 ? "0" : j === 5 ? "1234.5678" : j === 7 ? "98765432109876543.21" : j === 8 ? "0.001" : (Math.floor(r() * 10_000_000) / 100).toFixed(2),
        createdAt: day(created),
        stage: r() < 0.8 ? "closed_won" : "closed_lost",
        closedAt: day(created + 5 + Math.floor(r() * 80)),
      });
      for (let c = 0; c < Math.floor(r() * 3); c++) dealContacts.push({ dealId: `D${j}`, leadId: `L${Math.floor(r() * 40)}` });
    }
    await insertDataset(db, { leads, deals, dealContacts, touchpoints });
    await db.execute(sql`insert into campaigns (campaign_id, name, channel) values ('C1', 'One', 'webinar'), ('C2', 'Two', 'email'), ('C10', 'Ten', 'events')`);
    await db.execute(sql`update touchpoints set campaign_id = (array['C1', 'C2', 'C10'])[1 + abs(hashtext(touchpoint_id)) % 3]
                          where abs(hashtext(touchpoint_id)) % 4 <> 0`);
    // A won deal without a primary lead: its contacts' touches make its path.
    await db.execute(sql`insert into deals (deal_id, name, primary_lead_id, amount, created_at, stage, closed_at)
                         values ('DNOLEAD', 'No lead', null, 777.77, ${day(100)}, 'closed_won', ${day(150)})`);
    await db.execute(sql`insert into deal_contacts (deal_id, lead_id) values ('DNOLEAD', 'L1'), ('DNOLEAD', 'L2')`);
  });

  /** Per model and key: Σ amount × share of every touch, exact (time decay on the doubles' exact values), and the deals with a share > 0. */
  async function fromScratch(groupBy: AttributionGroupBy) {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const shares = rationalShares(pathColumns("p"));
    const rational = ATTRIBUTION_MODELS.filter((m) => m !== "time_decay") as Exclude<AttributionModel, "time_decay">[];
    const rows = await db.execute<Record<string, unknown>>(sql`with ${pathCtes(wonDealsInPeriod(ctx.p, ctx.filters), ctx.p.asOf)}
      select p.deal_id, ${keyOf(groupBy)} as key, p.amount::text as amount, p.w, p.sw,
             ${sql.join(
               rational.map((m) => sql`(${shares[m].num})::text as ${sql.raw(`num_${m}`)}, (${shares[m].den})::text as ${sql.raw(`den_${m}`)}`),
               sql`, `,
             )}
        from path_m p`);
    const [tot] = await db.execute<Record<string, unknown>>(sql`with d as (${wonDealsInPeriod(ctx.p, ctx.filters)})
      select coalesce(sum(amount), 0)::text as amount, count(*) as deals from d`);
    const out = new Map<string, { value: Fraction; deals: Set<string> }>();
    const withPath = new Map<string, Fraction>();
    const add = (k: string, v: Fraction, deal: string | null) => {
      const e = out.get(k) ?? { value: fromInt(0), deals: new Set<string>() };
      e.value = subFractions(e.value, subFractions(fromInt(0), v));
      if (deal) e.deals.add(deal);
      out.set(k, e);
    };
    for (const row of rows) {
      const amount = fromDecimal(String(row.amount));
      withPath.set(String(row.deal_id), amount);
      for (const m of ATTRIBUTION_MODELS) {
        const share =
          m === "time_decay"
            ? divFractions(fractionOfDouble(Number(row.w)), fractionOfDouble(Number(row.sw)))
            : divFractions(fromDecimal(String(row[`num_${m}`])), fromDecimal(String(row[`den_${m}`])));
        add(`${m}|${String(row.key)}`, mulFractions(amount, share), share.n > 0n ? String(row.deal_id) : null);
      }
    }
    const total = fromDecimal(String(tot!.amount));
    const emptyDeals = Number(tot!.deals) - withPath.size;
    const emptyValue = [...withPath.values()].reduce((s, v) => subFractions(s, v), total);
    return { out, emptyDeals, emptyValue, total, withPath };
  }

  for (const groupBy of ["channel", "campaign"] as const) {
    it(`every model by ${groupBy}: each row's revenue and deals`, async () => {
      const { db } = t().conn;
      const ctx = await buildContext(db, PARAMS);
      const report = await computeAttribution(db, ctx, groupBy);
      const scratch = await fromScratch(groupBy);
      expect(scratch.withPath.has("DNOLEAD")).toBe(true);
      expect(scratch.emptyDeals).toBeGreaterThan(0);
      // amounts with fractions of a cent, and one too large for its cents to fit 64 bits, are in the paths
      expect([...scratch.withPath.values()].some((a) => (a.n * 100n) % a.d !== 0n)).toBe(true);
      expect([...scratch.withPath.values()].some((a) => a.n / a.d >= 10n ** 15n)).toBe(true);
      for (const m of ATTRIBUTION_MODELS) {
        const expected = [...scratch.out]
          .filter(([k, v]) => k.startsWith(`${m}|`) && v.deals.size > 0)
          .map(([k, v]) => ({ key: k.slice(m.length + 1), revenue: toRounded(v.value), deals: v.deals.size }));
        if (scratch.emptyDeals > 0) expected.push({ key: NO_TOUCHPOINTS_KEY, revenue: toRounded(scratch.emptyValue), deals: scratch.emptyDeals });
        const got = report[m].rows.map((r) => ({ key: r.key, revenue: r.revenue, deals: r.deals }));
        const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
        if (m === "time_decay") {
          // Double precision (shares and the amounts multiplied by them), here the doubles' exact
          // values: a cent, or 1e-13 of the revenue for the deal of ~10^17 (a double holds ~16 digits).
          expect(got.map((r) => [r.key, r.deals]).sort(), m).toEqual(expected.sort(byKey).map((r) => [r.key, r.deals]).sort());
          const tolerance = Math.max(0.01, 1e-13 * toRounded(scratch.total));
          for (const e of expected) expect(Math.abs(got.find((r) => r.key === e.key)!.revenue - e.revenue), `${m} ${e.key}`).toBeLessThanOrEqual(tolerance);
        } else {
          expect([...got].sort(byKey), m).toEqual(expected.sort(byKey));
        }
        expect(report[m].total_revenue, m).toBe(toRounded(scratch.total));
      }
    });
  }

  it("asking for one model gives that model's rows as in the full run", async () => {
    const { db } = t().conn;
    const ctx = await buildContext(db, PARAMS);
    const all = await computeAttribution(db, ctx, "channel");
    for (const m of ["u_shaped", "time_decay", "last_touch"] as const) {
      const one = await computeAttribution(db, ctx, "channel", [m]);
      expect(Object.keys(one)).toEqual([m]);
      expect(one[m]).toEqual(all[m]);
    }
  });
});
