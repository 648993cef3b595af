import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { dealExists, ts, wonAt, wonInWindow, type KpiFilters, type TimeWindow } from "@/lib/kpi";
import { CHANNELS } from "@/lib/enums";
import { ATTRIBUTION_MODELS, NO_CAMPAIGN_KEY, type AttributionGroupBy, type AttributionModel } from "./models";

/**
 * The attribution SQL of kpi-definitions.md §3, written once: the deals whose paths are built,
 * the path of each (its contacts' touchpoints up to its end, in order, with the milestone
 * positions), and every model's share of each touch. The report (./report.ts), the journey of
 * one deal (./journey.ts), the tests and the benchmark compose these pieces.
 *
 * A path's relation `path_m` has one row per touch:
 * - `pos` 1…n in the order "by occurred_at, then by touchpoint_id compared as text" (byte order:
 *   `collate "C"`, so "T10" sorts before "T9" whatever the database's collation);
 * - `lc` = the lead-creation touch's position: the last touch at or before the primary lead's
 *   mql_at (seen at as_of; its created_at when it has no mql_at by as_of), 1 when there is none.
 *   Touches are in time order, so the last touch at or before an instant is at position "how
 *   many touches are at or before it" (ties at the instant included, the last of them wins);
 * - `dc` = the deal-creation touch's position: the last touch at or before the deal's
 *   created_at; `lc` when there is none or when it comes earlier than `lc`;
 * - `w` = the time-decay weight 2^(−d/7), d = exact days (seconds / 86,400) from the touch to
 *   the deal's close, taken relative to the path's latest touch (2^(−(d − d_last)/7)): the
 *   same shares once divided by their sum, but the last touch weighs 1, so a path of very old
 *   touches never underflows to a sum of 0; `sw` = the path's Σ w.
 */

/**
 * The won deals in P (kpi-definitions.md §1 "won deal in P", with the deal filters), as the
 * relation every path is built for: deal_id, primary_lead_id, amount, created_at, end_at (the
 * close), lead_ref (the primary lead's mql_at seen at as_of, else its created_at).
 *
 * A deal without a primary lead (data-contract.md §1: primary_lead_id is optional) is a won
 * deal like any other: its path is its deal_contacts' touches only, and its lead_ref is null.
 * Resolved reading of "lead creation = the last touch at or before the primary lead's mql_at
 * (its created_at …); t1 when there is none": with no primary lead there is no lead-creation
 * instant, so no touch is at or before it, and lead creation is t1 (the same fallback as a
 * path whose touches all come after the MQL). Its contacts' own MQLs are not used: the
 * milestone is the primary lead's by definition, and picking one contact would be a guess.
 */
export function wonDealsInPeriod(p: TimeWindow, filters: KpiFilters): SQL {
  return sql`select d.deal_id, d.primary_lead_id, d.amount, ${amountParts(sql.raw("d.amount"))}, d.created_at, d.closed_at as end_at,
                    ${leadRef(p.asOf)}
               from deals d
               ${primaryLeadOf("d")}
              where ${wonInWindow(p, filters, "d")}`;
}

/**
 * wonDealsInPeriod without `lead_ref` (and so without a look-up of each deal's primary lead): the
 * deals whose paths the attribution summary already holds need none (./summary.ts); withLeadRef
 * adds it to the others.
 */
export function wonDealsWithoutLeadRef(p: TimeWindow, filters: KpiFilters): SQL {
  return sql`select d.deal_id, d.primary_lead_id, d.amount, ${amountParts(sql.raw("d.amount"))}, d.created_at, d.closed_at as end_at
               from deals d
              where ${wonInWindow(p, filters, "d")}`;
}

/** The rows of `deals` (a relation with wonDealsWithoutLeadRef's columns, alias `d`) with their lead_ref at as_of. */
export function withLeadRef(deals: SQL, asOf: string): SQL {
  return sql`select d.*, ${leadRef(asOf)} from (${deals}) d ${primaryLeadOf("d")}`;
}

/** `lead_ref` (see wonDealsInPeriod) from primaryLeadOf's `pl`. */
function leadRef(asOf: string): SQL {
  return sql`coalesce(case when pl.mql_at <= ${ts(asOf)} then pl.mql_at end, pl.created_at) as lead_ref`;
}

/** The primary lead of deal alias `d` as `pl` (mql_at, created_at; nulls without one): one look-up per deal. */
function primaryLeadOf(d: string): SQL {
  return sql`left join lateral (select l.mql_at, l.created_at from leads l where l.lead_id = ${sql.raw(d)}.primary_lead_id limit 1) pl on true`;
}

/**
 * A deal's amount in the parts the report sums fast and exactly: `amount_cents`, its whole cents
 * (a bigint: PostgreSQL sums those in 128-bit integers, far cheaper than numeric), `amount_rest`,
 * what is left below a cent (null when nothing is, as for every amount with at most two decimals,
 * so sums skip it at no cost; the amount itself when it is too large for the cents to fit), and
 * `amount_f`, the amount as a double (time decay's shares are doubles anyway).
 * amount = amount_cents / 100 + coalesce(amount_rest, 0), exactly.
 */
export function amountParts(amount: SQL): SQL {
  const cents = sql`(case when abs(${amount}) < 1e15 then trunc(${amount} * 100)::bigint else 0 end)`;
  return sql`${cents} as amount_cents, nullif(${amount} - ${cents}::numeric / 100, 0) as amount_rest, ${amount}::float8 as amount_f`;
}

/**
 * One deal existing at as_of, for its journey: a won deal's path ends at its close, any other
 * deal's at as_of (what the prospect did so far). `won` tells which. A deal without a primary
 * lead has a null lead_ref (see wonDealsInPeriod).
 */
export function oneDeal(dealId: string, asOf: string): SQL {
  return sql`select d.deal_id, d.primary_lead_id, d.amount, ${amountParts(sql.raw("d.amount"))}, d.created_at,
                    case when ${wonAt(asOf, "d")} then d.closed_at else ${ts(asOf)} end as end_at,
                    coalesce(case when pl.mql_at <= ${ts(asOf)} then pl.mql_at end, pl.created_at) as lead_ref
               from deals d left join leads pl on pl.lead_id = d.primary_lead_id
              where d.deal_id = ${dealId} and ${dealExists(asOf, "d")}`;
}

/**
 * The CTEs `deals_in` (the given deals), `contacts` (primary lead and deal_contacts, each lead
 * once; a contact created after as_of does not exist yet; a deal without a primary lead has its
 * deal_contacts only) and `path_m` (see the module comment; a null lead_ref counts no touch as
 * at or before it, so lead creation is t1).
 * Used as `with ${pathCtes(...)} select … from path_m`. Each contact's touches are an index
 * range on touchpoints(lead_id, occurred_at) (a lateral subquery kept apart by `offset 0`, so
 * the planner never hashes the whole touchpoints table for a few thousand contacts).
 */
export function pathCtes(deals: SQL, asOf: string, opts: { seenChannels?: boolean } = {}): SQL {
  // `seen`: the channels of the touches before this one on the path, as a bit set (channelBit).
  const seen = opts.seenChannels
    ? sql`, bit_or(${channelBit(sql.raw("t.channel"))}) over (partition by c.deal_id order by t.occurred_at, t.touchpoint_id collate "C"
                                            rows between unbounded preceding and 1 preceding) as seen`
    : sql``;
  const seenCol = opts.seenChannels ? sql`, p.seen` : sql``;
  return sql`deals_in as (${deals}),
  contacts as (
    select di.deal_id, di.primary_lead_id as lead_id, di.amount, di.amount_cents, di.amount_rest, di.amount_f,
           di.end_at, di.lead_ref, di.created_at from deals_in di
     where di.primary_lead_id is not null
    union
    select dc.deal_id, dc.lead_id, di.amount, di.amount_cents, di.amount_rest, di.amount_f, di.end_at, di.lead_ref, di.created_at
      from deals_in di join deal_contacts dc on dc.deal_id = di.deal_id
     where (select cl.created_at from leads cl where cl.lead_id = dc.lead_id) <= ${ts(asOf)}
  ),
  path as (
    select c.deal_id, c.amount, c.amount_cents, c.amount_rest, c.amount_f, t.touchpoint_id, t.occurred_at, t.channel, t.campaign_id,
           row_number() over (partition by c.deal_id order by t.occurred_at, t.touchpoint_id collate "C") as pos,
           count(*) over (partition by c.deal_id) as n,
           greatest(count(*) filter (where t.occurred_at <= c.lead_ref) over (partition by c.deal_id), 1) as lc,
           count(*) filter (where t.occurred_at <= c.created_at) over (partition by c.deal_id) as dc_raw,
           max(t.occurred_at) over (partition by c.deal_id) as last_at${seen}
      from contacts c
     cross join lateral (
       select t.touchpoint_id, t.occurred_at, t.channel, t.campaign_id from touchpoints t
        where t.lead_id = c.lead_id and t.occurred_at <= c.end_at
       offset 0
     ) t
  ),
  path_w as (
    select p.deal_id, p.amount, p.amount_cents, p.amount_rest, p.amount_f, p.touchpoint_id, p.occurred_at, p.channel, p.campaign_id, p.pos, p.n, p.lc,
           case when p.dc_raw < p.lc then p.lc else p.dc_raw end as dc,
           ${decayWeight(sql`extract(epoch from p.last_at - p.occurred_at)::float8 / 86400`)} as w${seenCol}
      from path p
  ),
  path_m as (
    select pw.*, sum(pw.w) over (partition by pw.deal_id) as sw from path_w pw
  )`;
}

/**
 * The time-decay weight 2^(−days/7) of a touch `days` (float8) before the path's latest touch.
 * PostgreSQL raises an error instead of returning 0 when a power underflows, so the exponent
 * is held at −1022 (the smallest normal double): a touch more than ~20 years older than the
 * latest one keeps a weight of 2^−1022 instead of its even smaller true weight — still above
 * 0, as 2^(−d/7) always is, and a share far below a cent.
 */
export function decayWeight(days: SQL): SQL {
  return sql`power(2::float8, greatest(-(${days}) / 7, -1022::float8))`;
}

/** A channel as one bit of a bigint (its position in CHANNELS, the enum's order): bit sets of channels. */
export function channelBit(channel: SQL): SQL {
  return sql`(case ${channel} ${sql.join(
    CHANNELS.map((c, i) => sql.raw(`when '${c}' then ${2 ** i}::bigint`)),
    sql` `,
  )} end)`;
}

/** Column references of a relation with pos, n, lc, dc (any alias). */
export interface PathColumns {
  pos: SQL;
  n: SQL;
  lc: SQL;
  dc: SQL;
}

export function pathColumns(alias: string): PathColumns {
  return {
    pos: sql.raw(`${alias}.pos`),
    n: sql.raw(`${alias}.n`),
    lc: sql.raw(`${alias}.lc`),
    dc: sql.raw(`${alias}.dc`),
  };
}

/**
 * A model's share of one touch as integer numerator over a per-deal denominator (the same for
 * every touch of the deal), for the rational models; time_decay is real-valued (w / Σ w) and is
 * handled by the callers with the weights.
 *
 * Position models are counted in 1/12,000ths of the amount times M = max(m, 1), m = the number
 * of "other" touches that share the split part: 40% = 4,800, 30% = 3,600, 22.5% = 2,700, the
 * split 20% / 10% = 2,400 / 1,200 over m touches (each 2,400 / 1,200 out of 12,000·m). When m = 0
 * the split part goes equally to the model's distinct milestone touches (1…4 of them: 2,400 and
 * 1,200 divide by each), and a touch that is several milestones gets each share
 * (kpi-definitions.md §3 "collapsing rules"). n = 1 needs no rule of its own: every milestone is
 * the one touch, m = 0, and the shares add up to 12,000 / 12,000.
 */
export interface RationalShare {
  num: SQL;
  den: SQL;
}

const b = (cond: SQL): SQL => sql`(case when ${cond} then 1 else 0 end)`;

/**
 * The touch flags the position models are written with: which milestone a touch is, and
 * whether it is one of the "other" touches of a model's split part. `betweenU` = strictly
 * between first and lead creation; `otherW` = up to deal creation and none of first, lead
 * creation, deal creation; `otherF` = no milestone at all; `isU` / `isW` / `isF` = one of the
 * model's (distinct) milestone touches.
 */
const FLAGS = ["first", "lc", "dc", "last", "betweenU", "isU", "otherW", "isW", "otherF", "isF"] as const;
type Flag = (typeof FLAGS)[number];

function flagConditions(c: PathColumns): Record<Flag, SQL> {
  const { pos, n, lc, dc } = c;
  const isU = sql`(${pos} = 1 or ${pos} = ${lc})`;
  const isW = sql`(${pos} = 1 or ${pos} = ${lc} or ${pos} = ${dc})`;
  const isF = sql`(${pos} = 1 or ${pos} = ${lc} or ${pos} = ${dc} or ${pos} = ${n})`;
  return {
    first: sql`${pos} = 1`,
    lc: sql`${pos} = ${lc}`,
    dc: sql`${pos} = ${dc}`,
    last: sql`${pos} = ${n}`,
    betweenU: sql`(${pos} > 1 and ${pos} < ${lc})`,
    isU,
    otherW: sql`(${pos} <= ${dc} and not ${isW})`,
    isW,
    otherF: sql`not ${isF}`,
    isF,
  };
}

type RationalModel = Exclude<AttributionModel, "time_decay">;

/**
 * The models' numerators over flag counts (`f`: how many of the touches counted have each
 * flag; `touches`: how many touches) and the path's n, lc, dc. Every numerator is linear in the
 * counts, so the same expressions give one touch's share (counts 0 or 1: rationalShares) and
 * the share of all of one deal's touches on a key (counts summed: the report), with one
 * definition for both.
 */
function modelNumerators(f: Record<Flag, SQL>, touches: SQL, c: Omit<PathColumns, "pos">): Record<RationalModel, RationalShare> {
  const { n, lc, dc } = c;
  // u_shaped: milestones first (1) and lead creation (lc); others strictly between them.
  const mU = sql`greatest(${lc} - 2, 0)`;
  const MU = sql`greatest(${lc} - 2, 1)`;
  const dU = sql`(case when ${lc} = 1 then 1 else 2 end)`;
  // w_shaped: milestones 1, lc, dc (1 ≤ lc ≤ dc); others = the rest of 1…dc.
  const dW = sql`(1 + ${b(sql`${lc} > 1`)} + ${b(sql`${dc} > ${lc}`)})`;
  const mW = sql`(${dc} - ${dW})`;
  const MW = sql`greatest(${dc} - ${dW}, 1)`;
  // full_path: milestones 1, lc, dc, n; others = the rest of 1…n.
  const dF = sql`(${dW} + ${b(sql`${n} > ${dc}`)})`;
  const mF = sql`(${n} - ${dF})`;
  const MF = sql`greatest(${n} - ${dF}, 1)`;
  return {
    first_touch: { num: f.first, den: sql`1` },
    last_touch: { num: f.last, den: sql`1` },
    linear: { num: touches, den: n },
    u_shaped: {
      num: sql`(4800 * ${MU} * (${f.first} + ${f.lc}) + 2400 * ${f.betweenU}
               + case when ${mU} = 0 then (2400 / ${dU}) * ${f.isU} else 0 end)`,
      den: sql`(12000 * ${MU})`,
    },
    w_shaped: {
      num: sql`(3600 * ${MW} * (${f.first} + ${f.lc} + ${f.dc}) + 1200 * ${f.otherW}
               + case when ${mW} = 0 then (1200 / ${dW}) * ${f.isW} else 0 end)`,
      den: sql`(12000 * ${MW})`,
    },
    full_path: {
      num: sql`(2700 * ${MF} * (${f.first} + ${f.lc} + ${f.dc} + ${f.last}) + 1200 * ${f.otherF}
               + case when ${mF} = 0 then (1200 / ${dF}) * ${f.isF} else 0 end)`,
      den: sql`(12000 * ${MF})`,
    },
  };
}

/** Each model's share of one touch (see modelNumerators). */
export function rationalShares(c: PathColumns): Record<RationalModel, RationalShare> {
  const cond = flagConditions(c);
  const flags = Object.fromEntries(FLAGS.map((k) => [k, b(cond[k])])) as Record<Flag, SQL>;
  return modelNumerators(flags, sql`1`, c);
}

/**
 * The counts a path's touches on one key are summed into (kpi-definitions.md §3), as columns of
 * `path_m` alias `p`: how many touches, how many are the first / lead-creation / deal-creation /
 * last touch, and how many lie at or before lead creation (`uplc`) and deal creation (`updc`).
 * Every flag of the models follows from them and the path's n, lc, dc (summedFlags).
 */
export const BASE_COUNTS = {
  touches: (_c: PathColumns) => sql`true`,
  first: (c: PathColumns) => sql`${c.pos} = 1`,
  lc: (c: PathColumns) => sql`${c.pos} = ${c.lc}`,
  dc: (c: PathColumns) => sql`${c.pos} = ${c.dc}`,
  last: (c: PathColumns) => sql`${c.pos} = ${c.n}`,
  uplc: (c: PathColumns) => sql`${c.pos} <= ${c.lc}`,
  updc: (c: PathColumns) => sql`${c.pos} <= ${c.dc}`,
} as const;
export type BaseCount = keyof typeof BASE_COUNTS;
export const BASE: readonly BaseCount[] = Object.keys(BASE_COUNTS) as BaseCount[];

/**
 * The flags of FLAGS summed over a group of touches, from its base counts (`count(k)`) and the
 * path's n, lc, dc — linear in the counts with coefficients fixed by the path, so it holds for
 * counts and for amount-weighted sums of counts alike. The milestones' positions 1 ≤ lc ≤ dc ≤ n
 * are distinct unless equal: isU = first + lc (when lc > 1); isW = isU + dc (when dc > lc); isF =
 * isW + last (when n > dc); the touches strictly between first and lead creation are those up to
 * lead creation that are none of its milestones (uplc − isU); likewise otherW = updc − isW and
 * otherF = touches − isF.
 */
function summedFlags(count: (k: BaseCount) => SQL, c: Omit<PathColumns, "pos">): Record<Flag, SQL> {
  const when = (cond: SQL, v: SQL) => sql`(case when ${cond} then ${v} else 0 end)`;
  const isU = sql`(${count("first")} + ${when(sql`${c.lc} > 1`, count("lc"))})`;
  const isW = sql`(${isU} + ${when(sql`${c.dc} > ${c.lc}`, count("dc"))})`;
  const isF = sql`(${isW} + ${when(sql`${c.n} > ${c.dc}`, count("last"))})`;
  return {
    first: count("first"),
    lc: count("lc"),
    dc: count("dc"),
    last: count("last"),
    betweenU: sql`(${count("uplc")} - ${isU})`,
    isU,
    otherW: sql`(${count("updc")} - ${isW})`,
    isW,
    otherF: sql`(${count("touches")} - ${isF})`,
    isF,
  };
}

/** The grouping key of a touch of `path_m` alias `p`. */
export function keyOf(groupBy: AttributionGroupBy, alias = "p"): SQL {
  return groupBy === "channel"
    ? sql.raw(`${alias}.channel::text`)
    : sql`coalesce(${sql.raw(`${alias}.campaign_id`)}, ${NO_CAMPAIGN_KEY})`;
}

/**
 * What each model's numerator and denominator depend on (modelNumerators): the dimensions of the
 * path shape (first_touch, last_touch and time_decay none, linear n, u_shaped lc, w_shaped lc and
 * dc, full_path all three), the amount-weighted sums it reads, and the count of deals giving a
 * key a share above 0 under it. Summing `g` over the other dimensions first leaves far fewer rows
 * to evaluate the model on.
 */
const MODEL_SHAPES: Record<AttributionModel, { dims: readonly ("n" | "lc" | "dc")[]; sums: readonly (BaseCount | "td")[]; deals: string }> = {
  first_touch: { dims: [], sums: ["first"], deals: "d_first" },
  last_touch: { dims: [], sums: ["last"], deals: "d_last" },
  time_decay: { dims: [], sums: ["td"], deals: "d_all" },
  linear: { dims: ["n"], sums: ["touches"], deals: "d_all" },
  u_shaped: { dims: ["lc"], sums: ["first", "lc", "uplc"], deals: "d_uplc" },
  w_shaped: { dims: ["lc", "dc"], sums: ["first", "lc", "dc", "updc"], deals: "d_updc" },
  full_path: { dims: ["n", "lc", "dc"], sums: ["first", "lc", "dc", "last", "touches"], deals: "d_all" },
};

/**
 * The attribution report's statement for one grouping and the given models (first_touch is
 * always computed: see below). The paths are built once (pathCtes) and reduced in one pass over
 * their rows (`g0`, then `g`): per key and path shape (n, lc, dc), Σ amount over the touches with
 * each base flag (BASE_COUNTS: all, first, lead creation, deal creation, last, up to lead
 * creation, up to deal creation) — whole cents as integers, sub-cent rests added afterwards —
 * Σ amount × w / Σ w of the path (time decay, in double precision), and how many deals give the
 * key a share above 0 under each model: a touch is counted when it is the first of its key on
 * its path (`fo`) and lies where the model gives shares (kpi-definitions.md §3): the first
 * (first_touch), the last (last_touch), up to lead creation (u_shaped) or deal creation
 * (w_shaped), anywhere (linear, time_decay — weights never reach 0 — and full_path, whose
 * milestones and others all get a part). A key's first touch on a path is at or before lead
 * creation exactly when some touch of the key is.
 *
 * Every model's numerator is linear in the flag counts with coefficients fixed by (n, lc, dc)
 * (modelNumerators over summedFlags), so Σ over deals of amount × numerator is the same
 * expression over the sums of `g`, evaluated per model on `g` summed over the shape dimensions
 * the model ignores (MODEL_SHAPES). The answer: one row per (model, key, den) with `amount_num`
 * = Σ amount × numerator over the deals whose denominator is `den` (exact numeric) and `deals`;
 * each deal has one denominator per model, so a key's deals add up over its rows. time_decay rows
 * carry Σ amount × w / Σ w of the path (double precision) with den 1. And one row with model null: the won deals' total amount and count. The deals
 * with an empty path are that total less the first_touch rows (each deal with a path gives its
 * whole amount to exactly one key under first_touch): no second pass over the paths.
 */
export function attributionSql(
  p: TimeWindow,
  filters: KpiFilters,
  groupBy: AttributionGroupBy,
  models: readonly AttributionModel[] = ATTRIBUTION_MODELS,
): SQL {
  // Whether a touch is the first of its key on the deal's path: for channels from the bit set of
  // the channels before it (computed in the path's own window pass), for campaigns by numbering
  // the deal's touches per campaign.
  const firstOfKey =
    groupBy === "channel"
      ? sql`coalesce(p.seen, 0) & ${channelBit(sql.raw("p.channel"))} = 0`
      : sql`row_number() over (partition by p.deal_id, ${keyOf(groupBy)} order by p.pos) = 1`;
  // Σ amount over the touches with flag k: the whole cents summed as integers in the one pass over
  // the path rows; the sub-cent rests (rare) collected there with their positions and added per
  // flag afterwards, so the pass does no numeric arithmetic at all.
  const centsIf = (k: BaseCount) =>
    sql`coalesce(sum(pk.amount_cents) filter (where ${BASE_COUNTS[k](pathColumns("pk"))}), 0) as ${sql.raw(`c_${k}`)}`;
  const restOf = (k: BaseCount) => {
    const cond = BASE_COUNTS[k]({ pos: sql.raw("r.pos"), n: sql.raw("g0.n"), lc: sql.raw("g0.lc"), dc: sql.raw("g0.dc") });
    return sql`case when g0.r_amount is null then 0
                    else coalesce((select sum(r.amount) from unnest(g0.r_amount, g0.r_pos) r(amount, pos) where ${cond}), 0) end`;
  };
  return sql`with ${pathCtes(wonDealsInPeriod(p, filters), p.asOf, { seenChannels: groupBy === "channel" })},
  pk as (
    select ${keyOf(groupBy)} as key, p.amount_cents, p.amount_rest, p.amount_f, p.pos, p.n, p.lc, p.dc, p.w / p.sw as td, ${firstOfKey} as fo
      from path_m p
  ),
  g0 as (
    select pk.key, pk.n, pk.lc, pk.dc,
           ${sql.join(BASE.map(centsIf), sql`, `)},
           array_agg(pk.amount_rest) filter (where pk.amount_rest is not null) as r_amount,
           array_agg(pk.pos) filter (where pk.amount_rest is not null) as r_pos,
           sum(pk.amount_f * pk.td)::numeric as a_td,
           count(*) filter (where pk.fo) as d_all, count(*) filter (where pk.pos = 1) as d_first,
           count(*) filter (where pk.pos = pk.n) as d_last,
           count(*) filter (where pk.fo and pk.pos <= pk.lc) as d_uplc, count(*) filter (where pk.fo and pk.pos <= pk.dc) as d_updc
      from pk
     group by pk.key, pk.n, pk.lc, pk.dc
  ),
  g as (
    select g0.key, g0.n, g0.lc, g0.dc,
           ${sql.join(BASE.map((k) => sql`${sql.raw(`g0.c_${k}`)}::numeric / 100 + ${restOf(k)} as ${sql.raw(`a_${k}`)}`), sql`, `)},
           g0.a_td, g0.d_all, g0.d_first, g0.d_last, g0.d_uplc, g0.d_updc
      from g0
  )
  ${modelRowsOfG(sql.raw("deals_in"), models)}`;
}

/**
 * The answer of an attribution statement from its relation `g` (one row per key and path shape
 * n, lc, dc: `a_<k>` = Σ amount over the touches with each base flag of BASE_COUNTS, exact;
 * `a_td` = Σ amount × w / Σ w; `d_all` … `d_updc` = the deals giving the key a share above 0
 * under each model, see attributionSql) and the won deals `deals` (their total): one row per
 * (model, key, den) and the total row. Shared by the from-scratch statement (attributionSql) and
 * the one over the summary (./summary.ts), so both evaluate the models with the same expressions.
 */
export function modelRowsOfG(deals: SQL, models: readonly AttributionModel[]): SQL {
  const withFirst = ATTRIBUTION_MODELS.filter((m) => m === "first_touch" || models.includes(m));
  const perModel = withFirst.map((m) => {
    const { dims, sums, deals: dealCount } = MODEL_SHAPES[m];
    const shape = { n: sql.raw("s.n"), lc: sql.raw("s.lc"), dc: sql.raw("s.dc") };
    const share =
      m === "time_decay"
        ? { num: sql.raw("s.a_td"), den: sql`1` }
        : modelNumerators(summedFlags((k) => sql.raw(`s.a_${k}`), shape), sql.raw("s.a_touches"), shape)[m];
    // full_path needs the whole shape: `g` itself; the others sum `g` over the shape they ignore.
    const source =
      dims.length === 3
        ? sql`(select g.*, g.${sql.raw(dealCount)} as deals from g)`
        : sql`(select g.key${sql.raw(dims.map((d) => `, g.${d}`).join(""))},
                      ${sql.join(sums.map((k) => sql.raw(`sum(g.a_${k}) as a_${k}`)), sql`, `)}, sum(g.${sql.raw(dealCount)}) as deals
                 from g group by g.key${sql.raw(dims.map((d) => `, g.${d}`).join(""))})`;
    // One row per key and denominator: TypeScript adds a few exact fractions per key, not one per shape.
    return sql`select ${m}::text as model, x.key, x.den::text as den, sum(x.num)::text as amount_num, sum(x.deals) as deals
                 from (select s.key, (${share.den})::bigint as den, (${share.num})::numeric as num, s.deals from ${source} s) x
                group by x.key, x.den`;
  });
  return sql`${sql.join(perModel, sql` union all `)}
  union all
  select null, null, '1', coalesce(sum(di.amount), 0)::text, count(*) from ${deals} di`;
}

/**
 * The bare path building for the same deals (the benchmark's yardstick): every path row with
 * its positions and milestones, counted.
 */
export function barePathSql(p: TimeWindow, filters: KpiFilters): SQL {
  return sql`with ${pathCtes(wonDealsInPeriod(p, filters), p.asOf)}
    select count(*) as touches, count(distinct p.deal_id) as deals, sum(p.dc) as dc, sum(p.w) as w from path_m p`;
}

/**
 * The deals behind one row of the report: each deal won in P whose share of credit to `key`
 * under `model` is above 0, with that credit's numerator and denominator (exact: credit =
 * amount × num / den; time_decay: num = Σ w of the key's touches, den = Σ w of the path).
 * `(no touchpoints)` lists the deals with an empty path (num = den = 1).
 */
export function dealsOfKeySql(
  p: TimeWindow,
  filters: KpiFilters,
  groupBy: AttributionGroupBy,
  model: AttributionModel,
  key: string | null,
): SQL {
  const shares = rationalShares(pathColumns("p"));
  const numDen =
    model === "time_decay"
      ? sql`sum(p.w) filter (where ${keyOf(groupBy)} = ${key})::text as num, sum(p.w)::text as den`
      : sql`sum(${shares[model].num}) filter (where ${keyOf(groupBy)} = ${key})::text as num, min(${shares[model].den})::text as den`;
  return sql`with ${pathCtes(wonDealsInPeriod(p, filters), p.asOf)},
  per_deal as (
    select p.deal_id, ${numDen}, count(*) as touches from path_m p group by p.deal_id
  ),
  chosen as (
    select pd.deal_id, pd.num, pd.den, pd.touches from per_deal pd where ${key === null ? sql`false` : sql`pd.num::numeric > 0`}
    union all
    select di.deal_id, '1', '1', 0 from deals_in di
     where ${key === null ? sql`true` : sql`false`} and not exists (select 1 from path_m e where e.deal_id = di.deal_id)
  )
  select c.deal_id, d.name, d.amount::text as amount, d.closed_at, d.owner_email, a.name as account_name,
         c.num, c.den, c.touches
    from chosen c join deals d on d.deal_id = c.deal_id left join accounts a on a.account_id = d.account_id
   order by d.amount desc, c.deal_id collate "C"`;
}
