import "server-only";
import { sql } from "drizzle-orm";
import {
  divFractions,
  fromDecimal,
  fromInt,
  num,
  text,
  textOrNull,
  type Fraction,
  type SqlExecutor,
} from "@/lib/kpi";
import { allocateCents, centsToNumber, fractionOfDouble } from "./allocate";
import { ATTRIBUTION_MODELS, type AttributionModel, type Milestone } from "./models";
import { oneDeal, pathCtes, pathColumns, rationalShares } from "./sql";

/** One touch of a deal's path, with every model's credit in cents. */
export interface JourneyTouch {
  touchpointId: string;
  /** ISO timestamp (UTC). */
  occurredAt: string;
  leadId: string;
  channel: string;
  campaignId: string | null;
  campaignName: string | null;
  type: string | null;
  position: number;
  milestones: Milestone[];
  /** The touch's credit under each model (money, 2 decimals); 0 for a deal that is not won. */
  credit: Record<AttributionModel, number>;
}

export interface DealJourney {
  dealId: string;
  name: string;
  ownerEmail: string | null;
  accountName: string | null;
  amount: number;
  stage: string;
  createdAt: string;
  closedAt: string | null;
  /** Won by as_of: the path ends at the close and the amount is credited. */
  won: boolean;
  /** Null: the deal has no primary lead (its path is its deal_contacts' touches; lead creation is t1). */
  primaryLeadId: string | null;
  /** The primary lead's mql_at (seen at as_of), else null: lead creation then falls back to created_at. */
  leadMqlAt: string | null;
  /** The primary lead's created_at; null when the deal has no primary lead. */
  leadCreatedAt: string | null;
  touches: JourneyTouch[];
}

const iso = (v: unknown): string => new Date(text(v)).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** The deal's own facts (null when it does not exist at as_of). */
async function dealFacts(db: SqlExecutor, dealId: string, asOf: string) {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select d.deal_id, d.name, d.owner_email, a.name as account_name, d.amount::text as amount, d.stage::text as stage,
           d.created_at, case when d.closed_at <= ${asOf}::timestamptz then d.closed_at end as closed_at,
           (d.stage = 'closed_won' and d.closed_at <= ${asOf}::timestamptz) as won,
           d.primary_lead_id, case when pl.mql_at <= ${asOf}::timestamptz then pl.mql_at end as mql_at, pl.created_at as lead_created_at
      from (${oneDeal(dealId, asOf)}) x
      join deals d on d.deal_id = x.deal_id
      left join leads pl on pl.lead_id = d.primary_lead_id
      left join accounts a on a.account_id = d.account_id`);
  return rows[0] ?? null;
}

/**
 * Every model's shares of one path, in path order, as exact fractions: the rational models'
 * numerator / denominator from SQL (./sql.ts rationalShares, the report's own expressions),
 * time_decay's w / Σ w on the exact values of the double weights.
 */
export function pathShares(
  touches: readonly { nums: Record<string, bigint>; dens: Record<string, bigint>; w: number }[],
): Record<AttributionModel, Fraction[]> {
  const out = {} as Record<AttributionModel, Fraction[]>;
  const weights = touches.map((t) => fractionOfDouble(t.w));
  // Σ w as one fraction over the common power-of-two denominator.
  const maxD = weights.reduce((m, f) => (f.d > m ? f.d : m), 1n);
  const sumN = weights.reduce((s, f) => s + f.n * (maxD / f.d), 0n);
  for (const m of ATTRIBUTION_MODELS) {
    out[m] = touches.map((t, i) => {
      if (m === "time_decay") {
        const f = weights[i]!;
        return sumN === 0n ? fromInt(0) : { n: f.n * (maxD / f.d), d: sumN };
      }
      return divFractions(fromInt(t.nums[m]!), fromInt(t.dens[m]!));
    });
  }
  return out;
}

/**
 * A deal's journey (kpi-definitions.md §3): its path — for a won deal every touch of its
 * contacts up to the close, else up to as_of — with the milestones and each touch's credit under
 * every model, split to the cent (./allocate.ts: the credits add up to the amount). Null when
 * the deal does not exist at as_of.
 */
export async function dealJourney(db: SqlExecutor, dealId: string, asOf: string): Promise<DealJourney | null> {
  const deal = await dealFacts(db, dealId, asOf);
  if (!deal) return null;
  const shares = rationalShares(pathColumns("p"));
  const rational = ATTRIBUTION_MODELS.filter((m) => m !== "time_decay") as Exclude<AttributionModel, "time_decay">[];
  const rows = await db.execute<Record<string, unknown>>(sql`with ${pathCtes(oneDeal(dealId, asOf), asOf)}
    select p.touchpoint_id, p.occurred_at, t.lead_id, p.channel::text as channel, p.campaign_id, c.name as campaign_name, t.type,
           p.pos, p.n, p.lc, p.dc, p.w,
           ${sql.join(
             rational.map((m) => sql`(${shares[m].num})::text as ${sql.raw(`num_${m}`)}, (${shares[m].den})::text as ${sql.raw(`den_${m}`)}`),
             sql`, `,
           )}
      from path_m p
      join touchpoints t on t.touchpoint_id = p.touchpoint_id
      left join campaigns c on c.campaign_id = p.campaign_id
     order by p.pos`);
  const won = deal.won === true;
  const amount = fromDecimal(text(deal.amount));
  const parsed = rows.map((r) => ({
    nums: Object.fromEntries(rational.map((m) => [m, BigInt(text(r[`num_${m}`]))])),
    dens: Object.fromEntries(rational.map((m) => [m, BigInt(text(r[`den_${m}`]))])),
    w: num(r.w),
  }));
  const shareSets = pathShares(parsed);
  const cents = Object.fromEntries(
    ATTRIBUTION_MODELS.map((m) => [m, won ? allocateCents(amount, shareSets[m]) : rows.map(() => 0n)]),
  ) as Record<AttributionModel, bigint[]>;
  const touches: JourneyTouch[] = rows.map((r, i) => {
    const pos = num(r.pos);
    const milestones: Milestone[] = [];
    if (pos === 1) milestones.push("first");
    if (pos === num(r.lc)) milestones.push("lead_creation");
    if (pos === num(r.dc)) milestones.push("deal_creation");
    if (pos === num(r.n) && won) milestones.push("last");
    return {
      touchpointId: text(r.touchpoint_id),
      occurredAt: iso(r.occurred_at),
      leadId: text(r.lead_id),
      channel: text(r.channel),
      campaignId: textOrNull(r.campaign_id),
      campaignName: textOrNull(r.campaign_name),
      type: textOrNull(r.type),
      position: pos,
      milestones,
      credit: Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, centsToNumber(cents[m][i]!)])) as Record<AttributionModel, number>,
    };
  });
  return {
    dealId: text(deal.deal_id),
    name: text(deal.name),
    ownerEmail: textOrNull(deal.owner_email),
    accountName: textOrNull(deal.account_name),
    amount: Number(text(deal.amount)),
    stage: text(deal.stage),
    createdAt: iso(deal.created_at),
    closedAt: isoOrNull(deal.closed_at),
    won,
    primaryLeadId: textOrNull(deal.primary_lead_id),
    leadMqlAt: isoOrNull(deal.mql_at),
    leadCreatedAt: isoOrNull(deal.lead_created_at),
    touches,
  };
}
