import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ApiError, type ApiHandler } from "@/lib/api/handler";
import { now } from "@/lib/clock";
import { cachedReport } from "@/lib/cache";
import { buildContext, cacheAsOf, cacheKeyParams, formatAsOf, parseKpiParams, type KpiContext, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { computeClosedLoop, type ClosedLoopResult } from "./closed-loop";
import {
  ATTRIBUTION_GROUP_BYS,
  ATTRIBUTION_MODELS,
  isAttributionGroupBy,
  isAttributionModel,
  type AttributionGroupBy,
  type AttributionModel,
} from "./models";
import { computeAttribution, dealsOfKey, type AttributionResult, type KeyDeal } from "./report";
import type { SqlExecutor } from "@/lib/kpi";

/**
 * The settings of a closed-loop report's transaction: JIT off as for the KPI groups (cheap rows,
 * high planner costs), and enough work memory that the path sort (about 200 bytes per touch of
 * the period's won deals) and the reductions of the paths stay in memory instead of spilling to
 * disk: 64 MB per sort or hash step, a few per statement, at most REPORT_CONCURRENCY
 * computations at once per instance (lib/cache/admission.ts). The benchmark runs its bare path
 * SQL with the same settings.
 */
export const REPORT_TX_SETTINGS = ["set local jit = off", "set local work_mem = '64MB'"] as const;

/**
 * Runs `fn` in one read-only repeatable-read transaction with the report's context and settings
 * (REPORT_TX_SETTINGS), so the statements of one page or answer see one snapshot (an import
 * meanwhile cannot make them disagree).
 */
export async function withReport<T>(db: Db, params: KpiParams, fn: (tx: SqlExecutor, ctx: KpiContext) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      for (const setting of REPORT_TX_SETTINGS) await tx.execute(sql.raw(setting));
      const ctx = await buildContext(tx, params, await getOrgSettings(tx));
      return fn(tx, ctx);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function single(sp: URLSearchParams, name: string): string | null {
  const vs = sp.getAll(name).filter((v) => v !== "");
  if (vs.length > 1) throw new ApiError(400, "invalid_parameter", `${name} may be given only once.`, name);
  return vs[0] ?? null;
}

/** `model` (required) and `group_by` (default `channel`) of /api/v1/attribution. */
export function parseAttributionParams(sp: URLSearchParams): { model: AttributionModel; groupBy: AttributionGroupBy } {
  const model = single(sp, "model");
  if (model === null) {
    throw new ApiError(400, "invalid_parameter", `model is required; expected one of ${ATTRIBUTION_MODELS.join(", ")}.`, "model");
  }
  if (!isAttributionModel(model)) {
    throw new ApiError(400, "invalid_parameter", `Unknown model "${model}"; expected one of ${ATTRIBUTION_MODELS.join(", ")}.`, "model");
  }
  const groupBy = single(sp, "group_by") ?? "channel";
  if (!isAttributionGroupBy(groupBy)) {
    throw new ApiError(
      400,
      "invalid_parameter",
      `Unknown group_by "${groupBy}"; expected one of ${ATTRIBUTION_GROUP_BYS.join(", ")}.`,
      "group_by",
    );
  }
  return { model, groupBy };
}

function reportParams(sp: URLSearchParams): KpiParams {
  const parsed = parseKpiParams(sp, now());
  if (!parsed.ok) throw new ApiError(400, "invalid_parameter", parsed.message, parsed.field);
  return parsed.params;
}

/**
 * GET /api/v1/attribution?model=&group_by= (data-contract.md §2): `{"model", "group_by",
 * "total_revenue", "rows": [{"key", "revenue", "deals", "share"}]}` over the deals won in P with
 * the common parameters and filters. Bad parameters → 400 naming the field.
 */
export const attributionHandler: ApiHandler = async (_req, { db, url }) => {
  const params = reportParams(url.searchParams);
  const { model, groupBy } = parseAttributionParams(url.searchParams);
  return (await cachedAttribution(db, params, groupBy, [model])).result[model];
};

/** GET /api/v1/closed-loop (data-contract.md §2): `{"by_source": [...], "assists": [...]}`. */
export const closedLoopHandler: ApiHandler = async (_req, { db, url }) => {
  const params = reportParams(url.searchParams);
  return (await cachedClosedLoop(db, params)).result;
};

/** A report result with the as_of it was computed for (a cached "now" result may be up to the TTL old). */
export interface AsOfResult<T> {
  asOf: string;
  result: T;
}

/**
 * Credited revenue per key for the models and grouping (./report.ts computeAttribution) through
 * the report result cache (lib/cache): keyed by the normalized period and filters, the grouping
 * and the models (in the canonical model order, so the same set is the same key), and the as_of;
 * valid only for the data and settings versions it was computed at, so an import or a write
 * moves every such result out of use.
 */
export function cachedAttribution(
  db: Db,
  params: KpiParams,
  groupBy: AttributionGroupBy,
  models: readonly AttributionModel[] = ATTRIBUTION_MODELS,
): Promise<AsOfResult<Record<AttributionModel, AttributionResult>>> {
  const canonical = ATTRIBUTION_MODELS.filter((m) => models.includes(m));
  return cachedReport(
    db,
    { report: "attribution", params: { ...cacheKeyParams(params), groupBy, models: canonical }, asOf: cacheAsOf(params) },
    (reader) =>
      withReport(reader, params, async (tx, ctx) => ({
        asOf: formatAsOf(params.asOf),
        result: await computeAttribution(tx, ctx, groupBy, canonical),
      })),
  );
}

/** Customers by source and conversion assists (./closed-loop.ts) through the report result cache, as cachedAttribution. */
export function cachedClosedLoop(db: Db, params: KpiParams): Promise<AsOfResult<ClosedLoopResult>> {
  return cachedReport(db, { report: "closed-loop", params: cacheKeyParams(params), asOf: cacheAsOf(params) }, (reader) =>
    withReport(reader, params, async (tx, ctx) => ({ asOf: formatAsOf(params.asOf), result: await computeClosedLoop(tx, ctx) })),
  );
}

/** The deals behind one report row (./report.ts dealsOfKey) through the report result cache, as cachedAttribution. */
export function cachedDealsOfKey(
  db: Db,
  params: KpiParams,
  groupBy: AttributionGroupBy,
  model: AttributionModel,
  key: string,
): Promise<AsOfResult<KeyDeal[]>> {
  return cachedReport(
    db,
    { report: "attribution.deals", params: { ...cacheKeyParams(params), groupBy, model, key }, asOf: cacheAsOf(params) },
    (reader) =>
      withReport(reader, params, async (tx, ctx) => ({
        asOf: formatAsOf(params.asOf),
        result: await dealsOfKey(tx, ctx, groupBy, model, key),
      })),
  );
}
