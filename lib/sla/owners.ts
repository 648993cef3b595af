import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type PageSize, type SortDir } from "@/lib/url-state/table";

/**
 * The per-owner compliance table of the SLA page (and its CSV export): the engine's by-owner rows
 * (lib/kpi salesSlaGroup, the API's `by_owner`) with each owner's name and team, searched,
 * sorted and paged by the shared table's URL parameters. The rows are already aggregated in
 * SQL — one per owner — so ordering them here is ordering a handful of totals, not records.
 */
export const OWNER_COLUMNS = [
  { id: "owner_email", kind: "text" },
  { id: "name", kind: "text" },
  { id: "team", kind: "enum" },
  { id: "mqls", kind: "count" },
  { id: "met", kind: "count" },
  { id: "breached", kind: "count" },
  { id: "pending", kind: "count" },
  { id: "compliance", kind: "ratio" },
] as const;
export type OwnerColumnId = (typeof OWNER_COLUMNS)[number]["id"];

/** A type (not an interface) so it fits the table's and the export's row records. */
export type OwnerRow = {
  /** "" for the leads without an owner (shown as "—"). */
  owner_email: string;
  name: string | null;
  team: string | null;
  mqls: number;
  met: number;
  breached: number;
  pending: number;
  compliance: number | null;
};

export interface OwnerTableQuery {
  sort: OwnerColumnId;
  dir: SortDir;
  page: number;
  size: PageSize;
  q: string;
  hidden: string[];
}

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** The table's parameters from the URL; anything unreadable falls back to the default (MQLs, descending). */
export function ownerTableQuery(sp: Record<string, string | string[] | undefined>): OwnerTableQuery {
  const sortRaw = first(sp.sort);
  const sort = OWNER_COLUMNS.find((c) => c.id === sortRaw)?.id ?? "mqls";
  const dirRaw = first(sp.dir);
  const dir: SortDir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "mqls" && sortRaw === "" ? "desc" : "asc";
  const pageRaw = Number(first(sp.page));
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 1_000_000 ? pageRaw : 1;
  const sizeRaw = Number(first(sp.size));
  const size = PAGE_SIZES.find((s) => s === sizeRaw) ?? DEFAULT_PAGE_SIZE;
  const q = first(sp.q).slice(0, 200);
  const hidden = first(sp.hide)
    .split(",")
    .filter((h) => OWNER_COLUMNS.some((c) => c.id === h && c.id !== "owner_email"));
  return { sort, dir, page, size, q, hidden };
}

/** Search (e-mail, name, team; case-insensitive), sort (nulls last, then e-mail), page. */
export function ownerTable(rows: readonly OwnerRow[], query: OwnerTableQuery): { rows: OwnerRow[]; total: number; all: OwnerRow[] } {
  const needle = query.q.toLowerCase();
  const matching = rows.filter(
    (r) => needle === "" || [r.owner_email, r.name ?? "", r.team ?? ""].some((v) => v.toLowerCase().includes(needle)),
  );
  const sign = query.dir === "asc" ? 1 : -1;
  const sorted = [...matching].sort((a, b) => {
    const x = a[query.sort];
    const y = b[query.sort];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (x < y ? -1 : 1) * sign;
    }
    return a.owner_email < b.owner_email ? -1 : a.owner_email > b.owner_email ? 1 : 0;
  });
  const start = (query.page - 1) * query.size;
  return { rows: sorted.slice(start, start + query.size), total: matching.length, all: sorted };
}
