import { z } from "zod";
import { KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import type { CellKind } from "@/lib/format";

/**
 * The drill-down's record sets and their allow-lists (pure: no database). Every column a user
 * can sort by, show or hide is listed here; the URL's `sort`, `dir`, `page`, `size`, `q` and
 * `hide` are validated against these lists before any SQL is built, and the SQL only ever
 * uses the identifiers written here.
 */

/** How a column's values read (lib/format's cell kinds). */
export type ColumnKind = CellKind;

export interface ColumnSpec {
  id: string;
  kind: ColumnKind;
  sortable: boolean;
}

export const RECORD_SETS = [
  "won",
  "won_prev_year",
  "won_window",
  "lost",
  "closed",
  "open",
  "mql",
  "sql",
  "leads_created",
  "accounts",
  "content",
] as const;
export type RecordSetId = (typeof RECORD_SETS)[number];

export type RecordFamily = "deals" | "open_deals" | "leads" | "accounts" | "content";

/** Narrowing of the won-deal sets to the deals a revenue KPI sums. */
export type Variant = "all" | "marketing_sourced" | "marketing_influenced" | "content_influenced";

const c = (id: string, kind: ColumnKind, sortable = true): ColumnSpec => ({ id, kind, sortable });

const DEAL_COMMON = [
  c("deal_id", "id"),
  c("name", "text"),
  c("account", "text"),
  c("segment", "enum"),
  c("owner_email", "text"),
  c("source_channel", "enum"),
  c("amount", "money"),
  c("created_at", "datetime"),
];
const CLOSED_DEAL_COLUMNS: ColumnSpec[] = [
  ...DEAL_COMMON,
  c("closed_at", "datetime"),
  c("stage", "status"),
  c("cycle_days", "days"),
  c("marketing_sourced", "bool"),
  c("marketing_influenced", "bool"),
  c("content_influenced", "bool"),
];
const OPEN_DEAL_COLUMNS: ColumnSpec[] = [...DEAL_COMMON, c("stage", "status"), c("age_days", "days")];
const LEAD_COMMON = [
  c("lead_id", "id"),
  c("name", "text"),
  c("email", "text"),
  c("account", "text"),
  c("segment", "enum"),
  c("owner_email", "text"),
  c("source_channel", "enum"),
  c("created_at", "datetime"),
  c("mql_at", "datetime"),
  c("sql_at", "datetime"),
  c("rejected_at", "datetime"),
];

export interface RecordSetSpec {
  id: RecordSetId;
  family: RecordFamily;
  columns: ColumnSpec[];
  /** The row key (always sorted last as a tie-break). */
  key: string;
  defaultSort: { id: string; dir: SortDir };
  /** The money column summed in the table footer. */
  sum: string | null;
}

export const RECORD_SET_SPECS: Record<RecordSetId, RecordSetSpec> = {
  won: { id: "won", family: "deals", columns: CLOSED_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "closed_at", dir: "asc" }, sum: "amount" },
  won_prev_year: { id: "won_prev_year", family: "deals", columns: CLOSED_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "closed_at", dir: "asc" }, sum: "amount" },
  won_window: { id: "won_window", family: "deals", columns: CLOSED_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "closed_at", dir: "asc" }, sum: "amount" },
  lost: { id: "lost", family: "deals", columns: CLOSED_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "closed_at", dir: "asc" }, sum: "amount" },
  closed: { id: "closed", family: "deals", columns: CLOSED_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "closed_at", dir: "asc" }, sum: "amount" },
  open: { id: "open", family: "open_deals", columns: OPEN_DEAL_COLUMNS, key: "deal_id", defaultSort: { id: "amount", dir: "desc" }, sum: "amount" },
  mql: {
    id: "mql",
    family: "leads",
    columns: [...LEAD_COMMON, c("sla_status", "status"), c("sla_due_at", "datetime"), c("first_response_at", "datetime")],
    key: "lead_id",
    defaultSort: { id: "mql_at", dir: "asc" },
    sum: null,
  },
  sql: {
    id: "sql",
    family: "leads",
    columns: [...LEAD_COMMON, c("closed_won", "bool")],
    key: "lead_id",
    defaultSort: { id: "sql_at", dir: "asc" },
    sum: null,
  },
  leads_created: { id: "leads_created", family: "leads", columns: LEAD_COMMON, key: "lead_id", defaultSort: { id: "created_at", dir: "asc" }, sum: null },
  accounts: {
    id: "accounts",
    family: "accounts",
    columns: [
      c("account_id", "id"),
      c("name", "text"),
      c("segment", "enum"),
      c("industry", "text"),
      c("region", "text"),
      c("customer_since", "date"),
      c("churned_on", "date"),
      c("retained", "bool"),
    ],
    key: "account_id",
    defaultSort: { id: "name", dir: "asc" },
    sum: null,
  },
  content: {
    id: "content",
    family: "content",
    columns: [
      c("asset_id", "id"),
      c("title", "text"),
      c("type", "enum"),
      c("funnel_stage", "enum"),
      c("owner_email", "text"),
      c("published_at", "datetime"),
      c("archived_at", "datetime"),
      c("usages", "count"),
      c("used", "bool"),
    ],
    key: "asset_id",
    defaultSort: { id: "title", dir: "asc" },
    sum: null,
  },
};

/** What `?kpi=` may name: every KPI, plus the funnel's first stage. */
export const DRILL_KEYS = [...KPI_KEYS, "leads_created"] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];

export interface DrillTarget {
  set: RecordSetId;
  variant: Variant;
}

const t = (set: RecordSetId, variant: Variant = "all"): DrillTarget => ({ set, variant });

/** The records behind each KPI (kpi-definitions.md §2). */
export const DRILL_TARGETS: Record<DrillKey, DrillTarget> = {
  revenue: t("won"),
  revenue_prev_year: t("won_prev_year"),
  revenue_growth_yoy: t("won"),
  won_deals: t("won"),
  lost_deals: t("lost"),
  win_rate: t("closed"),
  average_deal_size: t("won"),
  sales_cycle_days_median: t("won"),
  sales_cycle_days_mean: t("won"),
  mqls: t("mql"),
  sqls: t("sql"),
  mql_to_sql_rate: t("mql"),
  lead_rejection_rate: t("mql"),
  closing_efficiency: t("sql"),
  marketing_sourced_revenue: t("won", "marketing_sourced"),
  marketing_sourced_share: t("won"),
  marketing_influenced_revenue: t("won", "marketing_influenced"),
  open_pipeline: t("open"),
  open_deals: t("open"),
  pipeline_velocity_per_day: t("open"),
  customer_retention_rate: t("accounts"),
  customer_lifetime_value: t("won_window"),
  content_usage_rate: t("content"),
  content_unused_share: t("content"),
  content_influenced_revenue: t("won", "content_influenced"),
  sla_compliance: t("mql"),
  leads_created: t("leads_created"),
};

export function isKpiKey(key: string): key is KpiKey {
  return (KPI_KEYS as readonly string[]).includes(key);
}

export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE = 1_000_000;
export const MAX_SEARCH_LENGTH = 200;

export interface RecordQuery {
  drill: DrillKey;
  target: DrillTarget;
  spec: RecordSetSpec;
  sort: string;
  dir: SortDir;
  /** 1-based */
  page: number;
  size: number;
  /** Text search ("" = none). */
  q: string;
  /** Hidden column ids. */
  hidden: string[];
}

export const RECORD_FIELDS = ["kpi", "sort", "dir", "page", "size", "q", "hide"] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export type RecordErrorCode = "required" | "unknown_kpi" | "unknown_column" | "not_sortable" | "invalid_dir" | "invalid_page" | "invalid_size" | "too_long" | "repeated";

export type RecordQueryResult =
  | { ok: true; query: RecordQuery }
  | { ok: false; field: RecordField; code: RecordErrorCode; value: string | null; message: string };

const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);

/**
 * Validates the drill-down's own URL parameters against the allow-lists (the dashboard
 * filters are validated by parseDashboardState). Every failure names its parameter.
 */
export function parseRecordQuery(sp: URLSearchParams): RecordQueryResult {
  const one = (name: RecordField): { value: string; repeated: boolean } => {
    const vs = sp.getAll(name).map((v) => v.trim()).filter((v) => v !== "");
    return { value: vs[0] ?? "", repeated: new Set(vs).size > 1 };
  };
  const fail = (field: RecordField, code: RecordErrorCode, value: string | null, message: string): RecordQueryResult => ({
    ok: false,
    field,
    code,
    value,
    message,
  });
  for (const name of RECORD_FIELDS) {
    if (name !== "hide" && one(name).repeated) return fail(name, "repeated", null, `${name} may be given only once.`);
  }

  const kpi = one("kpi").value;
  if (kpi === "") return fail("kpi", "required", null, "kpi is required: which number's records to show.");
  if (!(DRILL_KEYS as readonly string[]).includes(kpi)) return fail("kpi", "unknown_kpi", kpi, `Unknown kpi "${kpi}".`);
  const drill = kpi as DrillKey;
  const target = DRILL_TARGETS[drill];
  const spec = RECORD_SET_SPECS[target.set];
  const ids = spec.columns.map((col) => col.id);

  let sort = spec.defaultSort.id;
  let dir: SortDir = spec.defaultSort.dir;
  const sortParam = one("sort").value;
  if (sortParam !== "") {
    const col = spec.columns.find((x) => x.id === sortParam);
    if (!col) return fail("sort", "unknown_column", sortParam, `Cannot sort by "${sortParam}": expected one of ${ids.join(", ")}.`);
    if (!col.sortable) return fail("sort", "not_sortable", sortParam, `Column "${sortParam}" cannot be sorted.`);
    sort = col.id;
    dir = "asc";
  }
  const dirParam = one("dir").value;
  if (dirParam !== "") {
    if (!(SORT_DIRS as readonly string[]).includes(dirParam)) {
      return fail("dir", "invalid_dir", dirParam, `dir must be asc or desc, got "${dirParam}".`);
    }
    dir = dirParam as SortDir;
  }

  let page = 1;
  const pageParam = one("page").value;
  if (pageParam !== "") {
    const parsed = /^\d+$/.test(pageParam) ? pageSchema.safeParse(pageParam) : null;
    if (!parsed?.success) {
      return fail("page", "invalid_page", pageParam, `page must be a whole number from 1 to ${MAX_PAGE}, got "${pageParam}".`);
    }
    page = parsed.data;
  }
  let size: number = DEFAULT_PAGE_SIZE;
  const sizeParam = one("size").value;
  if (sizeParam !== "") {
    const n = Number(sizeParam);
    if (!(PAGE_SIZES as readonly number[]).includes(n) || !/^\d+$/.test(sizeParam)) {
      return fail("size", "invalid_size", sizeParam, `size must be one of ${PAGE_SIZES.join(", ")}, got "${sizeParam}".`);
    }
    size = n;
  }

  const q = one("q").value;
  if (q.length > MAX_SEARCH_LENGTH) return fail("q", "too_long", null, `q may be at most ${MAX_SEARCH_LENGTH} characters.`);

  const hidden: string[] = [];
  for (const part of sp.getAll("hide").flatMap((v) => v.split(","))) {
    const id = part.trim();
    if (id === "") continue;
    if (!ids.includes(id)) return fail("hide", "unknown_column", id, `Unknown column "${id}": expected one of ${ids.join(", ")}.`);
    if (!hidden.includes(id)) hidden.push(id);
  }

  return { ok: true, query: { drill, target, spec, sort, dir, page, size, q, hidden } };
}

/** The visible columns of a query, in the set's order (the key column can never be hidden). */
export function visibleColumns(query: Pick<RecordQuery, "spec" | "hidden">): ColumnSpec[] {
  return query.spec.columns.filter((col) => col.id === query.spec.key || !query.hidden.includes(col.id));
}

/** The drill-down's own parameters for a link (the dashboard filters are added by the caller). */
export function recordQueryToSearchParams(
  query: Pick<RecordQuery, "drill" | "sort" | "dir" | "page" | "size" | "q" | "hidden" | "spec">,
): URLSearchParams {
  const sp = new URLSearchParams();
  sp.set("kpi", query.drill);
  if (query.sort !== query.spec.defaultSort.id || query.dir !== query.spec.defaultSort.dir) {
    sp.set("sort", query.sort);
    sp.set("dir", query.dir);
  }
  if (query.page !== 1) sp.set("page", String(query.page));
  if (query.size !== DEFAULT_PAGE_SIZE) sp.set("size", String(query.size));
  if (query.q !== "") sp.set("q", query.q);
  if (query.hidden.length > 0) sp.set("hide", query.hidden.join(","));
  return sp;
}

/** Escapes LIKE wildcards so a search is a plain substring match. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
