import "server-only";
import { getDb } from "@/db/client";
import { PlaceholderView, type PlaceholderArea } from "@/components/placeholder/placeholder-view";
import { requireArea } from "@/lib/authz/guard";
import { dataCounts } from "@/lib/overview/counts";

/**
 * The page of an area that is not built yet: the area's guard, the imported-data counts
 * (lib/overview/counts.ts), and the presentational placeholder (components/placeholder).
 */
export function placeholderPage(area: PlaceholderArea) {
  return async function PlaceholderPage() {
    await requireArea(area);
    const counts = await dataCounts(await getDb());
    return <PlaceholderView area={area} counts={counts} />;
  };
}
