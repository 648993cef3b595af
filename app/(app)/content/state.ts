import { now } from "@/lib/clock";
import { dashboardSearchParams } from "@/lib/dashboard/search-params";
import { resolveDashboardState, type DashboardState, type DashboardStateResult } from "@/lib/dashboard/url-state";
import { ASSET_SORTS, type AssetQuery, type AssetSort } from "@/lib/content/metrics";
import { contentSearchParams } from "@/lib/content/search-params";
import type { OrgSettings } from "@/lib/kpi";
import { createCheckedCache, createCheckedLoader, type CheckedValues } from "@/lib/url-state/checked";
import type { LinkValues } from "@/lib/url-state/links";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, tableSearchParams, type PageSize, type SortDir } from "@/lib/url-state/table";

/**
 * The content page's URL state: the dashboard's period and filters (the same parsers and
 * resolution as the dashboard), the shared table's sort/page/search/columns, and the library's
 * own filters (lib/content/search-params.ts). Read once per request through a checked cache.
 */
export const contentFamilySearchParams = { ...dashboardSearchParams, ...tableSearchParams, ...contentSearchParams };
export const contentSearchParamsCache = createCheckedCache(contentFamilySearchParams);
export const loadContentSearchParams = createCheckedLoader(contentFamilySearchParams);
export type ContentReadings = CheckedValues<typeof contentFamilySearchParams>;

export interface LibraryQuery {
  query: AssetQuery & { sort: AssetSort; dir: SortDir };
  page: number;
  size: PageSize;
  q: string;
  hidden: string[];
}

export type ContentState =
  | { ok: true; dashboard: DashboardState; library: LibraryQuery; parsed: DashboardStateResult }
  | { ok: false; field: string; value: string | null; parsed: DashboardStateResult };

const LIBRARY_FIELDS = ["sort", "dir", "page", "size", "q", "hide", "asset_type", "funnel", "asset_owner", "usage", "status"] as const;

/** The page's state, or the first parameter it cannot read (named, with the value given). */
export function resolveContentState(r: ContentReadings, settings: OrgSettings): ContentState {
  const parsed = resolveDashboardState(r, { timeZone: settings.timeZone, now: now() });
  for (const name of LIBRARY_FIELDS) {
    const issue = r[name].issue;
    if (issue) return { ok: false, field: name, value: issue.code === "invalid" ? issue.value : null, parsed };
  }
  const sortParam = r.sort.value;
  if (sortParam !== null && !(ASSET_SORTS as readonly string[]).includes(sortParam)) return { ok: false, field: "sort", value: sortParam, parsed };
  if (!parsed.ok) return { ok: false, field: parsed.error.field, value: parsed.error.value, parsed };
  const sort = (sortParam ?? "uses") as AssetSort;
  const dir: SortDir = r.dir.value ?? (sortParam === null ? "desc" : "asc");
  const page = r.page.value ?? 1;
  const size = r.size.value ?? DEFAULT_PAGE_SIZE;
  const q = r.q.value ?? "";
  return {
    ok: true,
    parsed,
    dashboard: parsed.state,
    library: {
      query: {
        status: r.status.value ?? "active",
        used: r.usage.value ?? null,
        type: r.asset_type.value ?? [],
        funnelStage: r.funnel.value ?? [],
        owner: r.asset_owner.value ?? [],
        search: q || null,
        sort,
        dir,
        limit: size,
        offset: (page - 1) * size,
      },
      page,
      size,
      q,
      hidden: r.hide.value ?? [],
    },
  };
}

/** The library's filter values as link values (kept by the table's links, the export and the period form). */
export function libraryLinkValues(l: LibraryQuery): LinkValues {
  return {
    asset_type: l.query.type?.length ? l.query.type : null,
    funnel: l.query.funnelStage?.length ? l.query.funnelStage : null,
    asset_owner: l.query.owner?.length ? l.query.owner : null,
    usage: l.query.used ?? null,
    status: l.query.status === "active" ? null : (l.query.status ?? null),
  };
}

export { PAGE_SIZES };
