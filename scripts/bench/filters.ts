import type { Connection } from "@/db/client";
import type { KpiParams } from "@/lib/kpi";
import { comparisonParams } from "@/lib/dashboard/url-state";

/**
 * The filter cases of the KPI benchmark (issue 15 item 1): every filter — segment, owner_email,
 * source_channel, alone, with several values, and all together (the slow URL among
 * them) — each on the current period and on its previous period (the dashboard computes both).
 * scripts/bench.ts times each and fails when one exceeds the KPI target.
 */
export interface FilterCase {
  name: string;
  params: KpiParams;
}

type Filters = Pick<KpiParams, "segment" | "ownerEmail" | "sourceChannel">;

/** The busiest deal owner (a filter value that selects many rows). */
async function topOwner(conn: Connection): Promise<string | null> {
  const [owner] = await conn.sql.unsafe<{ owner_email: string }[]>(
    "select owner_email from deals where owner_email is not null group by 1 order by count(*) desc, 1 limit 1",
  );
  return owner?.owner_email ?? null;
}

export async function filterCases(conn: Connection, params: KpiParams, timeZone: string): Promise<FilterCase[]> {
  const owner = await topOwner(conn);
  const filters: { name: string; f: Filters }[] = [
    { name: "segment=mid_market", f: { segment: ["mid_market"] } },
    { name: "segment=enterprise,smb", f: { segment: ["enterprise", "smb"] } },
    { name: "source_channel=webinar", f: { sourceChannel: ["webinar"] } },
    { name: "segment=mid_market, source_channel=webinar,paid_search", f: { segment: ["mid_market"], sourceChannel: ["webinar", "paid_search"] } },
  ];
  if (owner) {
    filters.push({ name: `owner_email=${owner}`, f: { ownerEmail: [owner] } });
    filters.push({
      name: `segment=mid_market, owner_email=${owner}, source_channel=paid_search`,
      f: { segment: ["mid_market"], ownerEmail: [owner], sourceChannel: ["paid_search"] },
    });
  }
  const out: FilterCase[] = [];
  for (const { name, f } of filters) {
    const current: KpiParams = { ...params, ...f };
    out.push({ name: `${name} (current)`, params: current });
    out.push({ name: `${name} (previous)`, params: comparisonParams(current, "previous", timeZone) });
  }
  return out;
}

/** The filtered dashboard URLs the page benchmark times (the slow one first). */
export function pageFilterQueries(owner: string | null): string[] {
  const q = [
    "preset=last_12_months&segment=mid_market&source_channel=webinar&source_channel=paid_search",
    "preset=last_12_months&segment=enterprise&segment=smb",
    "preset=last_quarter&source_channel=webinar",
  ];
  if (owner) q.push(`preset=last_12_months&owner_email=${encodeURIComponent(owner)}`);
  return q;
}

export { topOwner };
