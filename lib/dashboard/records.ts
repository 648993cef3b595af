import { sql, type SQL } from "drizzle-orm";
import {
  accountFilters,
  assetActiveIn,
  closedInWindow,
  contentInfluenced,
  customerAtEndOf,
  customerAtStartOf,
  customerFacingUsageIn,
  dt,
  leadInWindow,
  lostInWindow,
  marketingInfluenced,
  marketingSourced,
  openAtAsOf,
  openDealOverdue,
  openStage,
  primaryLeadOfWonDeal,
  seenAt,
  slaLeadsSql,
  ts,
  wonAt,
  wonInWindow,
  type AccountDates,
  type KpiContext,
  type SqlExecutor,
  type TimeWindow,
} from "@/lib/kpi";
import { parseOffsetTimestamp } from "@/lib/time";
import { escapeLike, type RecordQuery, type RecordSetId, type Variant } from "./records-spec";

/**
 * The drill-down queries: the records behind each KPI, with server-side search, sort and
 * pagination in one statement (window functions give the total count and the amount sum over
 * every matching row, not just the page). Populations and flags are the KPI engine's own
 * predicates (@/lib/kpi: same definitions, filters and as_of rules), so a table adds up to its
 * card; timestamps after as_of are shown as empty, since at as_of they had not happened. Sort identifiers come from the allow-list in records-spec.ts only.
 */

export type CellValue = string | number | boolean | null;
export type RecordRow = Record<string, CellValue>;

export interface RecordPage {
  rows: RecordRow[];
  /** Rows matching the set, the filters and the search (all pages). */
  total: number;
  /** Σ of the set's money column over all matching rows (numeric text), or null. */
  sum: string | null;
}

/** Masks a timestamp column that is after as_of. */
const upTo = (col: string, asOf: string): SQL => seenAt(sql.raw(col), ts(asOf));

function dealsBase(where: SQL, win: TimeWindow, variant: Variant): SQL {
  const asOf = win.asOf;
  // Flags on rows that exist at as_of: won at as_of and influenced.
  const influenced = sql`(${wonAt(asOf)} and ${marketingInfluenced(asOf)})`;
  const content = sql`(${wonAt(asOf)} and ${contentInfluenced(asOf)})`;
  const sourced = marketingSourced();
  const narrow =
    variant === "marketing_sourced"
      ? sourced
      : variant === "marketing_influenced"
        ? influenced
        : variant === "content_influenced"
          ? content
          : sql`true`;
  return sql`
    select d.deal_id, d.name, a.name as account, a.segment::text as segment, lower(d.owner_email) as owner_email,
           pl.source_channel::text as source_channel, d.amount, d.created_at, ${upTo("d.closed_at", asOf)} as closed_at,
           d.stage::text as stage,
           (extract(epoch from d.closed_at - d.created_at) / 86400)::numeric as cycle_days,
           ${sourced} as marketing_sourced, ${influenced} as marketing_influenced, ${content} as content_influenced
      from deals d
      left join accounts a on a.account_id = d.account_id
      left join leads pl on pl.lead_id = d.primary_lead_id
     where ${where} and ${narrow}`;
}

/**
 * The deals open at as_of, with their expected close date (deals.expected_close_on, data-contract.md
 * §1: "date, open deals") and `overdue` = the expected close date is before as_of's date in the
 * organisation's time zone (with as_of = now: before today). A deal without an expected close
 * date is not overdue (null). A deal without a primary lead has no source channel (null).
 */
function openDealsBase(ctx: KpiContext): SQL {
  const asOf = ctx.p.asOf;
  return sql`
    select d.deal_id, d.name, a.name as account, a.segment::text as segment, lower(d.owner_email) as owner_email,
           pl.source_channel::text as source_channel, d.amount, d.created_at,
           case when ${openStage()} then d.stage::text else 'closed_after_as_of' end as stage,
           (extract(epoch from ${ts(asOf)} - d.created_at) / 86400)::numeric as age_days,
           d.expected_close_on::text as expected_close_on,
           ${openDealOverdue(ctx.p.asOfDate)} as overdue
      from deals d
      left join accounts a on a.account_id = d.account_id
      left join leads pl on pl.lead_id = d.primary_lead_id
     where ${openAtAsOf(asOf, ctx.filters)}`;
}

function leadsBase(set: "mql" | "sql" | "leads_created", ctx: KpiContext): SQL {
  const { p, filters } = ctx;
  const asOf = p.asOf;
  const column = set === "mql" ? "mql_at" : set === "sql" ? "sql_at" : "created_at";
  const extra =
    set === "mql"
      ? sql`, s.status as sla_status, s.due_at as sla_due_at, s.first_response as first_response_at`
      : set === "sql"
        ? sql`, ${primaryLeadOfWonDeal(asOf)} as closed_won`
        : sql``;
  // The MQLs' SLA statement runs once, materialized: as a plain subquery, a low row estimate
  // for the filtered leads made PostgreSQL re-run it for every lead of a nested loop.
  const withSla = set === "mql" ? sql`with sla as materialized (${slaLeadsSql(p, filters, ctx.settings.sla)})` : sql``;
  const join = set === "mql" ? sql`left join sla s on s.lead_id = l.lead_id` : sql``;
  return sql`
    ${withSla}
    select l.lead_id, nullif(trim(concat_ws(' ', l.first_name, l.last_name)), '') as name, l.email,
           a.name as account, a.segment::text as segment, lower(l.owner_email) as owner_email,
           l.source_channel::text as source_channel, l.created_at,
           ${upTo("l.mql_at", asOf)} as mql_at, ${upTo("l.sql_at", asOf)} as sql_at,
           ${upTo("l.rejected_at", asOf)} as rejected_at ${extra}
      from leads l
      left join accounts a on a.account_id = l.account_id
      ${join}
     where ${leadInWindow(column, p, filters)}`;
}

/**
 * S of customer_retention_rate: customers at the start of P (segment filter only), with retained.
 * customer_since is ≤ as_of's date by the WHERE clause, so as seen at as_of it is itself.
 */
function accountsBase(ctx: KpiContext): SQL {
  const { p, filters } = ctx;
  const aod = dt(p.asOfDate);
  const dates: AccountDates = { since: sql`cs`, churned: sql`ch` };
  return sql`
    select account_id, name, segment, industry, region, cs::text as customer_since, ch::text as churned_on,
           ${customerAtEndOf(p.toDate, dates)} as retained
      from (select a.account_id, a.name, a.segment::text as segment, a.industry, a.region,
                   a.customer_since as cs, ${seenAt(sql`a.churned_on`, aod)} as ch
              from accounts a
             where a.customer_since <= ${aod} and ${accountFilters(filters)}) x
     where ${customerAtStartOf(p.fromDate, dates)}`;
}

/** Active content assets of P (not narrowed by the filters), with their customer-facing usages in P. */
function contentBase(ctx: KpiContext): SQL {
  const { p } = ctx;
  return sql`
    select ca.asset_id, ca.title, ca.type::text as type, ca.funnel_stage::text as funnel_stage,
           lower(ca.owner_email) as owner_email, ca.published_at, ${upTo("ca.archived_at", p.asOf)} as archived_at,
           u.usages, u.usages > 0 as used
      from content_assets ca
      cross join lateral (
        select count(*)::int as usages from content_usage cu
         where cu.asset_id = ca.asset_id and ${customerFacingUsageIn(p, "cu")}
      ) u
     where ${assetActiveIn(p, "ca")}`;
}

/** The set's base statement (every row of the set, before search, sort and paging). */
export function recordSetBaseSql(set: RecordSetId, variant: Variant, ctx: KpiContext): SQL {
  const { p, py, w, filters } = ctx;
  switch (set) {
    case "won":
      return dealsBase(wonInWindow(p, filters), p, variant);
    case "won_prev_year":
      return dealsBase(wonInWindow(py, filters), py, variant);
    case "won_window":
      return dealsBase(sql`${wonInWindow(w, filters)} and d.account_id is not null`, w, variant);
    case "lost":
      return dealsBase(lostInWindow(p, filters), p, variant);
    case "closed":
      return dealsBase(closedInWindow(p, filters), p, variant);
    case "open":
      return openDealsBase(ctx);
    case "mql":
    case "sql":
    case "leads_created":
      return leadsBase(set, ctx);
    case "accounts":
      return accountsBase(ctx);
    case "content":
      return contentBase(ctx);
  }
}

/** Columns searched by `q` (case-insensitive substring), per family. */
const SEARCH_COLUMNS: Record<string, readonly string[]> = {
  deals: ["deal_id", "name", "account", "owner_email", "source_channel", "stage"],
  open_deals: ["deal_id", "name", "account", "owner_email", "source_channel", "stage"],
  leads: ["lead_id", "name", "email", "account", "owner_email", "source_channel"],
  accounts: ["account_id", "name", "industry", "region", "segment"],
  content: ["asset_id", "title", "type", "owner_email"],
};

/**
 * `sla:<status>` in the MQL set's search box selects the MQLs of exactly that SLA status (met,
 * breached, pending): the SLA page links each of its counts here, and a plain search for "met"
 * would also match a name such as "Metcalfe".
 */
export const SLA_STATUS_SEARCH = /^sla:(met|breached|pending)$/;

function searchSql(query: RecordQuery): SQL {
  if (query.q === "") return sql`true`;
  const status = query.spec.id === "mql" ? SLA_STATUS_SEARCH.exec(query.q.trim().toLowerCase()) : null;
  if (status) return sql`sla_status = ${status[1]}`;
  const pattern = `%${escapeLike(query.q)}%`;
  // The MQL set also matches its SLA status (met, breached, pending): the SLA page links its counts here.
  const cols = [...(SEARCH_COLUMNS[query.spec.family] ?? []), ...(query.spec.id === "mql" ? ["sla_status"] : [])];
  return sql`(${sql.join(
    cols.map((col) => sql`coalesce(${sql.identifier(col)}::text, '') ilike ${pattern}`),
    sql` or `,
  )})`;
}

function orderSql(query: RecordQuery): SQL {
  // Both identifiers were checked against the set's allow-list by parseRecordQuery.
  const col = query.spec.columns.find((c) => c.id === query.sort) ?? query.spec.columns[0];
  const dir = query.dir === "desc" ? sql.raw("desc nulls last") : sql.raw("asc nulls last");
  const key = sql.identifier(query.spec.key);
  return col && col.id !== query.spec.key
    ? sql`order by ${sql.identifier(col.id)} ${dir}, ${key} asc`
    : sql`order by ${key} ${dir}`;
}

const cell = (v: unknown): CellValue => {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return Number(v);
  return String(v);
};

/** Normalises a timestamptz text from the driver (`2025-02-14 15:00:00+00`) to ISO 8601 UTC. */
function isoTimestamp(v: CellValue): CellValue {
  if (typeof v !== "string") return v;
  return parseOffsetTimestamp(v, 1)?.toISOString() ?? v;
}

function shapeRow(r: Record<string, unknown>, query: RecordQuery): RecordRow {
  const row: RecordRow = {};
  for (const col of query.spec.columns) {
    let v = cell(r[col.id]);
    if (col.kind === "datetime") v = isoTimestamp(v);
    if ((col.kind === "money" || col.kind === "days") && typeof v === "number") v = String(v);
    row[col.id] = v;
  }
  return row;
}

/** One page of the drill-down (or, with `all`, every matching row: the CSV export). */
export async function loadRecords(
  db: SqlExecutor,
  ctx: KpiContext,
  query: RecordQuery,
  opts: { all?: boolean; limit?: number } = {},
): Promise<RecordPage> {
  const base = recordSetBaseSql(query.target.set, query.target.variant, ctx);
  const sum = query.spec.sum ? sql`sum(${sql.identifier(query.spec.sum)}) over ()::text` : sql`null::text`;
  const paging = opts.all
    ? opts.limit !== undefined
      ? sql`limit ${opts.limit}`
      : sql``
    : sql`limit ${query.size} offset ${(query.page - 1) * query.size}`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select r.*, count(*) over ()::int as __total, ${sum} as __sum
      from (${base}) r
     where ${searchSql(query)}
     ${orderSql(query)}
     ${paging}`);
  const first = rows[0];
  let total = first ? Number(first.__total) : 0;
  let sumValue = first && query.spec.sum ? (first.__sum === null ? "0" : String(first.__sum)) : query.spec.sum ? "0" : null;
  if (!first && !opts.all && query.page > 1) {
    // Past the last page: still report the totals.
    const agg = await db.execute<Record<string, unknown>>(sql`
      select count(*)::int as total, ${query.spec.sum ? sql`coalesce(sum(${sql.identifier(query.spec.sum)}), 0)::text` : sql`null::text`} as s
        from (${base}) r where ${searchSql(query)}`);
    total = Number(agg[0]?.total ?? 0);
    sumValue = agg[0]?.s === null || agg[0]?.s === undefined ? (query.spec.sum ? "0" : null) : String(agg[0].s);
  }
  return { rows: rows.map((r) => shapeRow(r, query)), total, sum: sumValue };
}
