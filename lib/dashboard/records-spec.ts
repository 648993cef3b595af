import { KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import { hasForbiddenControl } from "@/lib/limits";
import type { CellKind } from "@/lib/format";
import { createCheckedLoader, type CheckedValues } from "@/lib/url-state/checked";
import { linkQuery, type LinkValues } from "@/lib/url-state/links";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE,
  MAX_SEARCH_LENGTH,
  PAGE_SIZES,
  SORT_DIRS,
  tableSearchParams,
  type PageSize,
  type SortDir,
} from "@/lib/url-state/table";
import { DRILL_KEYS, drillSearchParams, type DrillKey } from "./search-params";

export { DEFAULT_PAGE_SIZE, DRILL_KEYS, MAX_PAGE, MAX_SEARCH_LENGTH, PAGE_SIZES, SORT_DIRS, type DrillKey, type PageSize, type SortDir };

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
const OPEN_DEAL_COLUMNS: ColumnSpec[] = [
  ...DEAL_COMMON,
  c("stage", "status"),
  c("age_days", "days"),
  c("expected_close_on", "date"),
  c("overdue", "bool"),
];
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

/** Whether a drill key is a KPI (not the funnel's `leads_created`). */
export function isKpiKey(key: string): key is KpiKey {
  return (KPI_KEYS as readonly string[]).includes(key);
}

export interface RecordQuery {
  drill: DrillKey;
  target: DrillTarget;
  spec: RecordSetSpec;
  sort: string;
  dir: SortDir;
  /** 1-based */
  page: number;
  size: PageSize;
  /** Text search ("" = none). */
  q: string;
  /** Hidden column ids. */
  hidden: string[];
}

export const RECORD_FIELDS = ["kpi", "sort", "dir", "page", "size", "q", "hide"] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export type RecordErrorCode = "required" | "unknown_kpi" | "unknown_column" | "not_sortable" | "invalid_dir" | "invalid_page" | "invalid_size" | "too_long" | "invalid_text" | "repeated";

export type RecordQueryResult =
  | { ok: true; query: RecordQuery }
  | { ok: false; field: RecordField; code: RecordErrorCode; value: string | null; message: string };

/** The drill-down's URL parameters: `kpi` and the shared table's (lib/url-state/table.ts). */
export const recordsSearchParams = { ...drillSearchParams, ...tableSearchParams };

/** Checked readings of the drill-down's parameters. */
export type RecordReadings = CheckedValues<typeof recordsSearchParams>;

const loadRecordParams = createCheckedLoader(recordsSearchParams);

/** English explanations for logs and tests, made from the code (users see the catalogue's text). */
function explain(field: RecordField, code: RecordErrorCode, value: string | null, ids: readonly string[]): string {
  switch (code) {
    case "repeated":
      return `${field} may be given only once.`;
    case "required":
      return "kpi is required: which number's records to show.";
    case "unknown_kpi":
      return `Unknown kpi "${value ?? ""}".`;
    case "unknown_column":
      return `Unknown column "${value ?? ""}": expected one of ${ids.join(", ")}.`;
    case "not_sortable":
      return `Column "${value ?? ""}" cannot be sorted.`;
    case "invalid_dir":
      return `dir must be asc or desc, got "${value ?? ""}".`;
    case "invalid_page":
      return `page must be a whole number from 1 to ${MAX_PAGE}, got "${value ?? ""}".`;
    case "invalid_size":
      return `size must be one of ${PAGE_SIZES.join(", ")}, got "${value ?? ""}".`;
    case "too_long":
      return `q may be at most ${MAX_SEARCH_LENGTH} characters.`;
    case "invalid_text":
      return "q must not contain control characters (NUL included).";
  }
}

/**
 * Validates the drill-down's own URL parameters against the allow-lists (the dashboard
 * filters are validated by parseDashboardState). Every failure names its parameter.
 */
export function parseRecordQuery(sp: URLSearchParams): RecordQueryResult {
  return resolveRecordQuery(loadRecordParams(sp));
}

/** The drill-down query of checked readings (see parseRecordQuery); pages read them through the dashboard's cache. */
export function resolveRecordQuery(r: RecordReadings): RecordQueryResult {
  let ids: string[] = [];
  const fail = (field: RecordField, code: RecordErrorCode, value: string | null): RecordQueryResult => ({
    ok: false,
    field,
    code,
    value,
    message: explain(field, code, value, ids),
  });
  for (const name of RECORD_FIELDS) {
    if (name !== "hide" && r[name].issue?.code === "repeated") return fail(name, "repeated", null);
  }

  const kpiIssue = r.kpi.issue;
  if (kpiIssue?.code === "invalid") return fail("kpi", "unknown_kpi", kpiIssue.value);
  if (r.kpi.value === null) return fail("kpi", "required", null);
  const drill = r.kpi.value;
  const target = DRILL_TARGETS[drill];
  const spec = RECORD_SET_SPECS[target.set];
  ids = spec.columns.map((col) => col.id);

  let sort = spec.defaultSort.id;
  let dir: SortDir = spec.defaultSort.dir;
  const sortParam = r.sort.value;
  if (sortParam !== null) {
    const col = spec.columns.find((x) => x.id === sortParam);
    if (!col) return fail("sort", "unknown_column", sortParam);
    if (!col.sortable) return fail("sort", "not_sortable", sortParam);
    sort = col.id;
    dir = "asc";
  }
  if (r.dir.issue?.code === "invalid") return fail("dir", "invalid_dir", r.dir.issue.value);
  if (r.dir.value !== null) dir = r.dir.value;

  if (r.page.issue?.code === "invalid") return fail("page", "invalid_page", r.page.issue.value);
  const page = r.page.value ?? 1;
  if (r.size.issue?.code === "invalid") return fail("size", "invalid_size", r.size.issue.value);
  const size = r.size.value ?? DEFAULT_PAGE_SIZE;

  if (r.q.issue?.code === "invalid") return fail("q", hasForbiddenControl(r.q.issue.value) ? "invalid_text" : "too_long", null);
  const q = r.q.value ?? "";

  const hidden: string[] = [];
  for (const id of r.hide.value ?? []) {
    if (!ids.includes(id)) return fail("hide", "unknown_column", id);
    hidden.push(id);
  }

  return { ok: true, query: { drill, target, spec, sort, dir, page, size, q, hidden } };
}

/** The visible columns of a query, in the set's order (the key column can never be hidden). */
export function visibleColumns(query: Pick<RecordQuery, "spec" | "hidden">): ColumnSpec[] {
  return query.spec.columns.filter((col) => col.id === query.spec.key || !query.hidden.includes(col.id));
}

/** The drill-down's own link values (the dashboard filters are added by the caller); defaults are left out. */
export function recordLinkValues(
  query: Pick<RecordQuery, "drill" | "sort" | "dir" | "page" | "size" | "q" | "hidden" | "spec">,
): LinkValues {
  const defaultSort = query.sort === query.spec.defaultSort.id && query.dir === query.spec.defaultSort.dir;
  return {
    kpi: query.drill,
    sort: defaultSort ? null : query.sort,
    dir: defaultSort ? null : query.dir,
    page: query.page === 1 ? null : query.page,
    size: query.size === DEFAULT_PAGE_SIZE ? null : query.size,
    q: query.q === "" ? null : query.q,
    hide: query.hidden,
  };
}

/** The drill-down's own parameters as a query (see recordLinkValues). */
export function recordQueryToSearchParams(
  query: Pick<RecordQuery, "drill" | "sort" | "dir" | "page" | "size" | "q" | "hidden" | "spec">,
): URLSearchParams {
  return linkQuery(recordLinkValues(query));
}

/** Escapes LIKE wildcards so a search is a plain substring match. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
