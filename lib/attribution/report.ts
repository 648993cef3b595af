import "server-only";
import {
  compareFractions,
  divFractions,
  fromDecimal,
  fromInt,
  isZero,
  mulFractions,
  num,
  subFractions,
  text,
  textOrNull,
  toNumber,
  toRounded,
  type Fraction,
  type KpiContext,
  type SqlExecutor,
} from "@/lib/kpi";
import { ATTRIBUTION_MODELS, NO_TOUCHPOINTS_KEY, type AttributionGroupBy, type AttributionModel } from "./models";
import { fractionOfDouble } from "./allocate";
import { attributionSql, dealsOfKeySql } from "./sql";
import { attributionSummarySql } from "./summary";

/** One row of /api/v1/attribution (data-contract.md §2). */
export interface AttributionRow {
  key: string;
  /** Credited revenue, rounded half away from zero to cents (row by row). */
  revenue: number;
  /** Deals giving the key a share above 0 (a deal of amount 0 still counts). */
  deals: number;
  /** revenue / total_revenue, on the exact values; null when total_revenue is 0. */
  share: number | null;
}

export interface AttributionResult {
  model: AttributionModel;
  group_by: AttributionGroupBy;
  total_revenue: number;
  rows: AttributionRow[];
}

const ZERO = fromInt(0);
const add = (a: Fraction, b: Fraction): Fraction => subFractions(a, subFractions(ZERO, b));

/**
 * Rows sorted as data-contract.md §2 says: by their first numeric column descending (here the
 * exact credited revenue), then key ascending (code-unit order, the same as the API's JSON).
 */
function sortRows<T extends { key: string }>(rows: T[], value: (r: T) => Fraction): T[] {
  return rows.sort((a, b) => compareFractions(value(b), value(a)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Credited revenue per key for the given models and one grouping (kpi-definitions.md §3), in
 * one statement (./sql.ts attributionSql): the paths are built once and reduced in SQL to sums
 * per key and path shape, every model's exact numerators over them; here each key's exact sum
 * Σ_den (Σ amount × num) / den is formed with fractions and rounded to cents once, so a row is
 * exact before rounding (time decay's shares are real numbers: double precision there). The
 * deals with an empty path credit `(no touchpoints)` with the won total less what first_touch
 * credits to keys (every deal with a path gives all of its amount to one key under it).
 *
 * `source`: "summary" (default) reads the deals' reduced paths from the attribution summary where
 * it holds at as_of and builds the others' paths (./summary.ts attributionSummarySql);
 * "scratch" builds every path (./sql.ts attributionSql), the reference the summary is tested
 * against. Both give the same rows.
 */
export async function computeAttribution(
  db: SqlExecutor,
  ctx: KpiContext,
  groupBy: AttributionGroupBy,
  models: readonly AttributionModel[] = ATTRIBUTION_MODELS,
  source: "summary" | "scratch" = "summary",
): Promise<Record<AttributionModel, AttributionResult>> {
  const statement =
    source === "summary"
      ? attributionSummarySql(ctx.p, ctx.filters, groupBy, models)
      : attributionSql(ctx.p, ctx.filters, groupBy, models);
  const rows = await db.execute<Record<string, unknown>>(statement);
  let total = ZERO;
  let totalDeals = 0;
  const acc = new Map<AttributionModel, Map<string, { value: Fraction; deals: number }>>();
  for (const m of ATTRIBUTION_MODELS) acc.set(m, new Map());
  for (const r of rows) {
    const model = textOrNull(r.model);
    if (model === null) {
      total = fromDecimal(text(r.amount_num));
      totalDeals = num(r.deals);
      continue;
    }
    const byKey = acc.get(model as AttributionModel);
    if (!byKey) continue;
    const key = text(r.key);
    const value = divFractions(fromDecimal(text(r.amount_num)), fromDecimal(text(r.den)));
    const prev = byKey.get(key);
    byKey.set(key, { value: prev ? add(prev.value, value) : value, deals: (prev?.deals ?? 0) + num(r.deals) });
  }
  // The deals with an empty path: the total less the deals and amounts first_touch credits.
  const first = [...(acc.get("first_touch")?.values() ?? [])];
  const emptyDeals = totalDeals - first.reduce((s, v) => s + v.deals, 0);
  const emptyValue = first.reduce((s, v) => subFractions(s, v.value), total);
  const out = {} as Record<AttributionModel, AttributionResult>;
  for (const m of models) {
    const byKey = acc.get(m) ?? new Map<string, { value: Fraction; deals: number }>();
    if (emptyDeals > 0) byKey.set(NO_TOUCHPOINTS_KEY, { value: emptyValue, deals: emptyDeals });
    const entries = [...byKey].filter(([, v]) => v.deals > 0).map(([key, v]) => ({ key, ...v }));
    out[m] = {
      model: m,
      group_by: groupBy,
      total_revenue: toRounded(total),
      rows: sortRows(entries, (e) => e.value).map((e) => ({
        key: e.key,
        revenue: toRounded(e.value),
        deals: e.deals,
        share: isZero(total) ? null : toNumber(divFractions(e.value, total)),
      })),
    };
  }
  return out;
}

/** One deal behind a report row. */
export interface KeyDeal {
  dealId: string;
  name: string;
  accountName: string | null;
  ownerEmail: string | null;
  amount: number;
  closedAt: string;
  touches: number;
  /** The deal's credit to the key (money, rounded half away from zero to cents). */
  credit: number;
  /** credit / amount; null for a deal of amount 0. */
  share: number | null;
}

/**
 * The deals behind one row: the deals won in P giving `key` a share above 0 under `model`
 * (`(no touchpoints)`: the deals with an empty path), by amount descending. The credits are
 * exact, each rounded on its own, so they may differ from the row's total by cents.
 */
export async function dealsOfKey(
  db: SqlExecutor,
  ctx: KpiContext,
  groupBy: AttributionGroupBy,
  model: AttributionModel,
  key: string,
): Promise<KeyDeal[]> {
  const rows = await db.execute<Record<string, unknown>>(
    dealsOfKeySql(ctx.p, ctx.filters, groupBy, model, key === NO_TOUCHPOINTS_KEY ? null : key),
  );
  return rows.map((r) => {
    const amount = fromDecimal(text(r.amount));
    const share = model === "time_decay"
      ? divFractions(fractionOfDouble(Number(r.num)), fractionOfDouble(Number(r.den)))
      : divFractions(fromDecimal(text(r.num)), fromDecimal(text(r.den)));
    const credit = mulFractions(amount, share);
    return {
      dealId: text(r.deal_id),
      name: text(r.name),
      accountName: textOrNull(r.account_name),
      ownerEmail: textOrNull(r.owner_email),
      amount: toRounded(amount),
      closedAt: new Date(text(r.closed_at)).toISOString(),
      touches: num(r.touches),
      credit: toRounded(credit),
      share: isZero(amount) ? null : toNumber(share),
    };
  });
}
