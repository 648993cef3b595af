import "server-only";
import type { Db } from "@/db/client";
import {
  ATTRIBUTION_MODELS,
  cachedAttribution,
  cachedClosedLoop,
  cachedDealsOfKey,
  listCampaigns,
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
  /** The as_of the report was computed for (ISO; a cached "now" result may be up to the cache's TTL old). */
  asOf: string;
}

/**
 * Everything the closed-loop page shows: every model by channel and by campaign (the page
 * compares them), customers by source, assists, the campaigns, and the deals behind a selected
 * row — the same cached computations as /api/v1/attribution and /api/v1/closed-loop (lib/attribution
 * cachedAttribution …), so a number here equals the API's, and many viewers of one period cause one
 * computation. Each part is one snapshot, served from the report cache while the data and settings
 * versions it was computed at are current.
 */
export async function loadClosedLoop(
  db: Db,
  params: KpiParams,
  selected: { by: AttributionGroupBy; key: string; model: AttributionModel } | null,
): Promise<ClosedLoopData> {
  const [byChannel, byCampaign, closedLoop, deals, campaigns] = await Promise.all([
    cachedAttribution(db, params, "channel", ATTRIBUTION_MODELS),
    cachedAttribution(db, params, "campaign", ATTRIBUTION_MODELS),
    cachedClosedLoop(db, params),
    selected ? cachedDealsOfKey(db, params, selected.by, selected.model, selected.key) : Promise.resolve(null),
    listCampaigns(db),
  ]);
  const wonDeals = closedLoop.result.by_source.reduce((s, r) => s + r.won_deals, 0);
  // The oldest part's as_of: every part is at least as recent as it.
  const asOf = [byChannel.asOf, byCampaign.asOf, closedLoop.asOf].sort()[0]!;
  return {
    byChannel: byChannel.result,
    byCampaign: byCampaign.result,
    closedLoop: closedLoop.result,
    campaigns,
    wonDeals,
    deals: deals?.result ?? null,
    asOf,
  };
}
