import { ApiError, type ApiHandler } from "@/lib/api/handler";
import { now } from "@/lib/clock";
import { computeKpis } from "./engine";
import { parseKpiParams } from "./params";

/**
 * The handler behind GET /api/v1/kpis (data-contract.md §2), wrapped by apiRoute in
 * app/api/v1/kpis/route.ts (kept here so tests can wrap it with their own database).
 * Bad parameters → ApiError 400 `invalid_parameter` naming the field. The default as_of (and
 * the bounds it is checked against) is the app's clock, `now()` of lib/clock.ts.
 */
export const kpisHandler: ApiHandler = async (_req, { db, url }) => {
  const parsed = parseKpiParams(url.searchParams, now());
  if (!parsed.ok) throw new ApiError(400, "invalid_parameter", parsed.message, parsed.field);
  return computeKpis(db, parsed.params);
};
