import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ApiError, type ApiHandler } from "@/lib/api/handler";
import { now } from "@/lib/clock";
import { buildContext, parseKpiParams, type KpiContext, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { computeClosedLoop } from "./closed-loop";
import {
  ATTRIBUTION_GROUP_BYS,
  ATTRIBUTION_MODELS,
  isAttributionGroupBy,
  isAttributionModel,
  type AttributionGroupBy,
  type AttributionModel,
} from "./models";
import { computeAttribution } from "./report";
import type { SqlExecutor } from "@/lib/kpi";

/**
 * Runs `fn` in one read-only repeatable-read transaction with the report's context, so the
 * statements of one page or answer see one snapshot (an import meanwhile cannot make them
 * disagree). JIT off as for the KPI groups (cheap rows, high planner costs).
 */
export async function withReport<T>(db: Db, params: KpiParams, fn: (tx: SqlExecutor, ctx: KpiContext) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
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
  const result = await withReport(db, params, (tx, ctx) => computeAttribution(tx, ctx, groupBy, [model]));
  return result[model];
};

/** GET /api/v1/closed-loop (data-contract.md §2): `{"by_source": [...], "assists": [...]}`. */
export const closedLoopHandler: ApiHandler = async (_req, { db, url }) => {
  const params = reportParams(url.searchParams);
  return withReport(db, params, (tx, ctx) => computeClosedLoop(tx, ctx));
};
