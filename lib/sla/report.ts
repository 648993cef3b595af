import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ApiError, type ApiHandler } from "@/lib/api/handler";
import { cachedReport } from "@/lib/cache";
import {
  buildContext,
  kpiReportSpec,
  marketingSlaGroup,
  parseKpiParams,
  salesSlaGroup,
  type KpiContext,
  type KpiParams,
  type MarketingSla,
  type SalesSla,
  type SqlExecutor,
} from "@/lib/kpi";
import { now } from "@/lib/clock";
import { getOrgSettings } from "@/lib/settings/org-settings";

/**
 * The SLA report of data-contract.md §2 (`GET /api/v1/sla`) and kpi-definitions.md §4, computed
 * by the KPI engine's SLA groups (lib/kpi/groups/sla.ts — the one SQL of SLA statuses) in one
 * read-only snapshot. The SLA page shows these same objects, so a number on the page equals the
 * API's number for the same parameters.
 */

/** The body of GET /api/v1/sla, keys in the contract's order. */
export interface SlaReport {
  sales: { mqls: number; met: number; breached: number; pending: number; at_risk: number; compliance: number | null };
  by_owner: { owner_email: string | null; mqls: number; met: number; breached: number; pending: number; compliance: number | null }[];
  marketing: { months: { month: string; target: number; delivered: number; met: boolean }[]; compliance: number | null };
}

/** The engine's two sides in the contract's snake_case shape. */
export function toSlaReport(sales: SalesSla, marketing: MarketingSla): SlaReport {
  return {
    sales: {
      mqls: sales.mqls,
      met: sales.met,
      breached: sales.breached,
      pending: sales.pending,
      at_risk: sales.atRisk,
      compliance: sales.compliance,
    },
    by_owner: sales.byOwner.map((o) => ({
      owner_email: o.ownerEmail,
      mqls: o.mqls,
      met: o.met,
      breached: o.breached,
      pending: o.pending,
      compliance: o.compliance,
    })),
    marketing: {
      months: marketing.months.map((m) => ({ month: m.month, target: m.target, delivered: m.delivered, met: m.met })),
      compliance: marketing.compliance,
    },
  };
}

/** What both the API and the page start from: the report's context and the two SLA sides. */
export interface SlaSides {
  context: KpiContext;
  sales: SalesSla;
  marketing: MarketingSla;
}

/** Runs `fn` in one read-only repeatable-read snapshot with the report's context. */
export async function inSlaSnapshot<T>(
  db: Db,
  params: KpiParams,
  fn: (tx: SqlExecutor, context: KpiContext) => Promise<T>,
): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const context = await buildContext(tx, params, await getOrgSettings(tx));
      return fn(tx, context);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Both SLA sides for the parameters (kpi-definitions.md §4) with `db`'s current data. */
export async function slaSides(db: SqlExecutor, context: KpiContext): Promise<SlaSides> {
  const sales = await salesSlaGroup(db, context.p, context.filters, context.settings.sla);
  const marketing = await marketingSlaGroup(db, context.p, context.settings);
  return { context, sales, marketing };
}

/**
 * The SLA report for the parameters, as GET /api/v1/sla answers it, through the report cache
 * (lib/cache: valid for the data and settings versions it was computed at).
 */
export async function computeSlaReport(db: Db, params: KpiParams): Promise<SlaReport> {
  return cachedReport(db, kpiReportSpec("sla", params), async (reader) => {
    const { sales, marketing } = await inSlaSnapshot(reader, params, (tx, context) => slaSides(tx, context));
    return toSlaReport(sales, marketing);
  });
}

/**
 * The handler behind GET /api/v1/sla (data-contract.md §2), wrapped by apiRoute("sla") in
 * app/api/v1/sla/route.ts: the common parameters (from, to, as_of, segment, owner_email,
 * source_channel) read by the KPI engine's own parser, so a bad one is a 400 naming it.
 */
export const slaHandler: ApiHandler = async (_req, { db, url }) => {
  const parsed = parseKpiParams(url.searchParams, now());
  if (!parsed.ok) throw new ApiError(400, "invalid_parameter", parsed.message, parsed.field);
  return computeSlaReport(db, parsed.params);
};
