import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export interface DataCounts {
  leads: number;
  deals: number;
  touchpoints: number;
  accounts: number;
  contentAssets: number;
}

/** How many records of each main kind have been imported (one round trip). */
export async function dataCounts(db: Db): Promise<DataCounts> {
  const rows = await db.execute<{ [K in keyof DataCounts]: number }>(sql`
    select (select count(*) from leads)::int as "leads",
           (select count(*) from deals)::int as "deals",
           (select count(*) from touchpoints)::int as "touchpoints",
           (select count(*) from accounts)::int as "accounts",
           (select count(*) from content_assets)::int as "contentAssets"`);
  const row = rows[0];
  if (!row) throw new Error("count query returned nothing");
  return row;
}
