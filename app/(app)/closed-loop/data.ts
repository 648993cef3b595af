import "server-only";
import type { Db } from "@/db/client";
import {
  ATTRIBUTION_MODELS,
  computeAttribution,
  computeClosedLoop,
  dealsOfKey,
  listCampaigns,
  withReport,
  type AttributionGroupBy,
  type AttributionModel,
  type AttributionResult,
  type CampaignInfo,
  type ClosedLoopResult,
  type KeyDeal,
} from "@/lib/attribution";
import type { KpiParams } from "@/lib/kpi";

export interface ClosedLoopData {
  byChannel: Record<AttributionModel, AttributionResult>;
  byCampaign: Record<AttributionModel, AttributionResult>;
  closedLoop: ClosedLoopResult;
  campaigns: CampaignInfo[];
  wonDeals: number;
  /** The deals behind the selected row, when a row is selected. */
  deals: KeyDeal[] | null;
}

/**
 * Everything the closed-loop page shows, in one snapshot (lib/attribution withReport): every
 * model by channel and by campaign (the page compares them), customers by source, assists, the
 * campaigns, and the deals behind a selected row — the same functions as /api/v1/attribution
 * and /api/v1/closed-loop, so a number here equals the API's.
 */
export async function loadClosedLoop(
  db: Db,
  params: KpiParams,
  selected: { by: AttributionGroupBy; key: string; model: AttributionModel } | null,
): Promise<ClosedLoopData> {
  return withReport(db, params, async (tx, ctx) => {
    const byChannel = await computeAttribution(tx, ctx, "channel", ATTRIBUTION_MODELS);
    const byCampaign = await computeAttribution(tx, ctx, "campaign", ATTRIBUTION_MODELS);
    const closedLoop = await computeClosedLoop(tx, ctx);
    const campaigns = await listCampaigns(tx);
    const deals = selected ? await dealsOfKey(tx, ctx, selected.by, selected.model, selected.key) : null;
    const wonDeals = closedLoop.by_source.reduce((s, r) => s + r.won_deals, 0);
    return { byChannel, byCampaign, closedLoop, campaigns, wonDeals, deals };
  });
}
