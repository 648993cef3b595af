import "server-only";
import { sql } from "drizzle-orm";
import { text, textOrNull, type SqlExecutor } from "@/lib/kpi";

export interface CampaignInfo {
  campaignId: string;
  name: string;
  channel: string;
  /** Numeric text, or null when the campaign has no cost. */
  cost: string | null;
}

/** Every campaign (names for the campaign keys, costs for the return per model). */
export async function listCampaigns(db: SqlExecutor): Promise<CampaignInfo[]> {
  const rows = await db.execute<Record<string, unknown>>(
    sql`select campaign_id, name, channel::text as channel, cost::text as cost from campaigns order by campaign_id collate "C"`,
  );
  return rows.map((r) => ({ campaignId: text(r.campaign_id), name: text(r.name), channel: text(r.channel), cost: textOrNull(r.cost) }));
}
