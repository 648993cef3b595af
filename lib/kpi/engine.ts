import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import { cachedReport, type ReportSpec } from "@/lib/cache";
import { getOrgSettings } from "@/lib/settings/org-settings";
import {
  div,
  fromDecimal,
  fromInt,
  isZero,
  min,
  mul,
  sub,
  toNumber,
  toRounded,
  type Fraction,
} from "./decimal";
import { KPI_KEYS, type KpiKey } from "./definitions";
import { accountsGroupSql, parseAccountsGroup, type AccountsGroup } from "./groups/accounts";
import { contentGroupSql, parseContentGroup, type ContentGroup } from "./groups/content";
import { dealsGroupSql, parseDealsGroup, parseDealsMonthly, type DealsGroup, type DealsMonth } from "./groups/deals";
import { leadsGroupSql, parseLeadsGroup, parseLeadsMonthly, type LeadsGroup, type LeadsMonth } from "./groups/leads";
import { parseSalesSla, parseSlaMonthly, salesSlaSql, type SalesSla, type SlaMonth } from "./groups/sla";
import { cacheAsOf, cacheKeyParams, formatAsOf, type KpiParams } from "./params";
import type { SqlExecutor } from "./sql-fragments";
import { buildContext, type KpiContext } from "./windows";

export interface KpiResult {
  period: { from: string; to: string; as_of: string };
  kpis: Record<KpiKey, number | null>;
}

/** The raw group results behind one KpiResult (for pages that show more than the numbers). */
export interface KpiGroups {
  context: KpiContext;
  deals: DealsGroup;
  dealsPrevYear: DealsGroup;
  leads: LeadsGroup;
  accounts: AccountsGroup;
  content: ContentGroup;
  /** Totals only: `byOwner` is empty (see salesSlaGroup for the per-owner counts). */
  sla: SalesSla;
  /** P's won deals by month (revenue, marketing-sourced, -influenced); only with `monthly`. */
  dealsMonthly?: DealsMonth[];
  /** PY's won deals by month, labelled with the month of P one year later; only with `monthly`. */
  dealsPrevYearMonthly?: DealsMonth[];
  /** P's SQLs and the closed ones by month of sql_at (closing_efficiency by month); only with `monthly`. */
  leadsMonthly?: LeadsMonth[];
  /** P's MQLs met and breached by month of mql_at (sla_compliance by month); only with `monthly`. */
  slaMonthly?: SlaMonth[];
}

/** The KPI groups, each one SQL statement. */
export type KpiGroupKey = "deals" | "dealsPrevYear" | "leads" | "accounts" | "content" | "sla";

export interface KpiStatement {
  group: KpiGroupKey;
  query: SQL;
}

/**
 * Every group's statement for a context, the slowest first (so that, run on several
 * connections, the long ones start at once and the short ones fill in behind them). The
 * benchmark (scripts/bench.ts) runs exactly these.
 */
export function kpiStatements(context: KpiContext, opts: { monthly?: boolean } = {}): KpiStatement[] {
  const { p, py, w, filters, settings } = context;
  const monthOpts = opts.monthly ? { monthTimeZone: settings.timeZone } : {};
  return [
    { group: "sla", query: salesSlaSql(p, filters, settings.sla, { byOwner: false, ...monthOpts }) },
    { group: "deals", query: dealsGroupSql(p, filters, monthOpts) },
    { group: "leads", query: leadsGroupSql(p, filters, monthOpts) },
    { group: "accounts", query: accountsGroupSql(p, w, filters) },
    { group: "dealsPrevYear", query: dealsGroupSql(py, filters, { revenueOnly: true, ...monthOpts }) },
    { group: "content", query: contentGroupSql(p) },
  ];
}

type Rows = Record<string, unknown>[];

function assemble(context: KpiContext, rows: ReadonlyMap<KpiGroupKey, Rows>, monthly: boolean): KpiGroups {
  const get = (k: KpiGroupKey): Rows => {
    const r = rows.get(k);
    if (!r) throw new Error(`KPI group ${k} did not run`);
    return r;
  };
  return {
    context,
    deals: parseDealsGroup(get("deals")),
    dealsPrevYear: parseDealsGroup(get("dealsPrevYear")),
    leads: parseLeadsGroup(get("leads")),
    accounts: parseAccountsGroup(get("accounts")),
    content: parseContentGroup(get("content")),
    sla: parseSalesSla(get("sla")),
    ...(monthly
      ? {
          dealsMonthly: parseDealsMonthly(get("deals")),
          dealsPrevYearMonthly: parseDealsMonthly(get("dealsPrevYear")),
          leadsMonthly: parseLeadsMonthly(get("leads")),
          slaMonthly: parseSlaMonthly(get("sla")),
        }
      : {}),
  };
}

export interface KpiRunOptions {
  /**
   * How many database connections the groups may run on at once (default: KPI_CONNECTIONS from
   * the environment, else 2). 1 = one after the other on one connection. Always 1 on the
   * embedded database, which serialises its clients anyway.
   */
  connections?: number;
  /** Called with each group's wall-clock milliseconds (the benchmark's per-group timings). */
  onGroupTime?: (group: KpiGroupKey, ms: number) => void;
  /**
   * Also compute P's won-deal sums by month (`dealsMonthly`, `dealsPrevYearMonthly`), its SQLs
   * by month (`leadsMonthly`) and its MQLs' SLA outcomes by month (`slaMonthly`), each in its
   * group's own statement, so the dashboard's charts and sparklines need not read the same rows
   * again. The totals are the same with and without.
   */
  monthly?: boolean;
  /**
   * Use the report result cache (lib/cache; default true unless REPORT_CACHE=off). Off when
   * `onGroupTime` is given: timing the groups means computing them.
   */
  cache?: boolean;
}

/**
 * How many connections a KPI run uses when neither `connections` nor `KPI_CONNECTIONS` says.
 *
 * `KPI_CONNECTIONS` (environment, read at every run; a whole number, clamped to 1…6) sets how
 * many PostgreSQL connections one run spreads its six group statements over. 1 runs them one
 * after the other in one transaction; more runs them at once on connections reserved from the
 * pool, every one in the snapshot the first exported (see computeKpiGroups), so the numbers are
 * the same as with 1. Concurrent runs together never take more than the pool's size minus one
 * (see reserveSlots); a run that finds no connection to spare runs on one. More than 2 pays off
 * only with idle server cores: each extra connection is another backend doing a group.
 *
 * On the embedded server (`?embedded=1`, see isEmbedded in db/client.ts) the setting is
 * ignored and every run uses one connection and one transaction: PGlite is a single backend
 * that the server hands to one client for a whole transaction, so a second connection would
 * wait for the first one's transaction, which would wait for it — forever.
 */
const DEFAULT_CONNECTIONS = 2;

function wantedConnections(opts: KpiRunOptions): number {
  const env = Number(process.env.KPI_CONNECTIONS);
  const n = opts.connections ?? (Number.isInteger(env) && env > 0 ? env : DEFAULT_CONNECTIONS);
  return Math.max(1, Math.min(6, Math.floor(n)));
}

/** Connections of each pool currently reserved by parallel KPI runs (see reserveSlots). */
const reservedByPool = new WeakMap<postgres.Sql, number>();

/**
 * How many connections a parallel run may take from the pool: it holds one (the snapshot's
 * exporter) while it waits for the others, so runs together must leave at least one
 * connection of the pool free or two runs could wait on each other forever. The embedded
 * server (its pool has prepared statements off, see db/client.ts) runs one transaction at a
 * time: always 1 there.
 */
function reserveSlots(client: postgres.Sql, wanted: number): number {
  const options = client.options;
  if (wanted <= 1 || options.prepare === false) return 1;
  const max = typeof options.max === "number" ? options.max : 1;
  const used = reservedByPool.get(client) ?? 0;
  const n = Math.min(wanted, max - 1 - used);
  if (n <= 1) return 1;
  reservedByPool.set(client, used + n);
  return n;
}

function releaseSlots(client: postgres.Sql, n: number): void {
  if (n <= 1) return;
  reservedByPool.set(client, Math.max(0, (reservedByPool.get(client) ?? 0) - n));
}

async function timed(
  group: KpiGroupKey,
  run: () => Promise<Rows>,
  opts: KpiRunOptions,
): Promise<Rows> {
  const t0 = performance.now();
  const rows = await run();
  opts.onGroupTime?.(group, performance.now() - t0);
  return rows;
}

/**
 * Runs every KPI group. All groups see one snapshot, in read-only repeatable-read
 * transactions, so an import running meanwhile cannot make the numbers disagree with each
 * other. JIT is off for them: the statements are cheap per row but have high planner costs,
 * and LLVM compilation would cost more than the queries themselves.
 *
 * On a PostgreSQL server the groups run on several connections at once (`connections`): the
 * first transaction exports its snapshot (`pg_export_snapshot()`) and the others adopt it
 * (`SET TRANSACTION SNAPSHOT`) before their first statement, so the result is exactly that of
 * one transaction. On the embedded database, or when the pool has no connection to spare,
 * they run one after the other in one transaction.
 */
export async function computeKpiGroups(db: Db, params: KpiParams, opts: KpiRunOptions = {}): Promise<KpiGroups> {
  const client = db.$client;
  const slots = reserveSlots(client, wantedConnections(opts));
  try {
    if (slots <= 1) return await runSequential(db, params, opts);
    return await runParallel(client, params, slots, opts);
  } finally {
    releaseSlots(client, slots);
  }
}

async function runSequential(db: Db, params: KpiParams, opts: KpiRunOptions): Promise<KpiGroups> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const context = await buildContext(tx, params, await getOrgSettings(tx));
      const rows = new Map<KpiGroupKey, Rows>();
      for (const st of kpiStatements(context, { monthly: opts.monthly })) {
        rows.set(st.group, await timed(st.group, () => tx.execute<Record<string, unknown>>(st.query), opts));
      }
      return assemble(context, rows, opts.monthly === true);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * Per transaction of a parallel run: no JIT (see computeKpiGroups), and no parallel workers
 * inside a statement — the groups already keep the server's cores busy, and workers that each
 * rebuild the same hash table would only compete with them.
 */
const PARALLEL_SETTINGS = "set local jit = off; set local max_parallel_workers_per_gather = 0";

/**
 * Drizzle over one transaction of the pool. postgres.js may leave `options` off such handles,
 * while drizzle reads the type parsers there; they are the pool's (the connection parses with
 * them), so the pool's are handed over.
 */
function onConnection(pool: postgres.Sql, conn: postgres.TransactionSql): SqlExecutor {
  const handle = conn as postgres.TransactionSql & { options?: postgres.Sql["options"] };
  if (!handle.options) handle.options = pool.options;
  return drizzle(handle as unknown as postgres.Sql);
}

const READ_ONLY_SNAPSHOT = "isolation level repeatable read read only";

/**
 * The parallel run, on transactions the pool manages (`begin`), never on connections reserved
 * by hand: postgres.js gives a reserved connection back to its pool even when the server closed
 * it meanwhile (a restart), after which every query sent on it hangs — one outage used to
 * poison the pool for good (issue 8 item 1). And nothing waits for a connection while holding
 * a transaction open:
 * - the leader's transaction exports the snapshot and works through the queue of statements;
 * - each follower asks the pool for a transaction of its own; one that gets it while the
 *   leader is still busy adopts the snapshot and takes statements from the same queue, one that
 *   gets it later commits at once, empty. The leader never waits for a follower to START, only
 *   for those that started to finish (their statements have the server's statement_timeout).
 */
async function runParallel(
  client: postgres.Sql,
  params: KpiParams,
  slots: number,
  opts: KpiRunOptions,
): Promise<KpiGroups> {
  const rows = new Map<KpiGroupKey, Rows>();
  let queue: KpiStatement[] = [];
  let next = 0;
  let failed = false;
  /** Set when the leader is done with the queue: followers arriving after that do nothing. */
  let closed = false;
  const active: Promise<void>[] = [];
  let snapshot: string | null = null;

  const drain = async (w: SqlExecutor): Promise<void> => {
    while (!failed && next < queue.length) {
      const st = queue[next++]!;
      try {
        rows.set(st.group, await timed(st.group, () => w.execute<Record<string, unknown>>(st.query), opts));
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };

  const follower = () =>
    client.begin(READ_ONLY_SNAPSHOT, async (tx) => {
      if (closed || failed || snapshot === null || next >= queue.length) return;
      const work = (async () => {
        await tx.unsafe(`set transaction snapshot '${snapshot!.replace(/'/g, "''")}'`);
        await tx.unsafe(PARALLEL_SETTINGS);
        await drain(onConnection(client, tx));
      })();
      active.push(work);
      await work;
    });

  let snapshotReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (snapshotReady = resolve));
  const leaderRun = client.begin(READ_ONLY_SNAPSHOT, async (leader) => {
    const [snap] = await leader.unsafe<{ id: string }[]>("select pg_export_snapshot() as id");
    if (!snap) throw new Error("could not export the KPI snapshot");
    await leader.unsafe(PARALLEL_SETTINGS);
    const leaderDb = onConnection(client, leader);
    const context = await buildContext(leaderDb, params, await getOrgSettings(leaderDb));
    queue = kpiStatements(context, { monthly: opts.monthly });
    snapshot = snap.id;
    snapshotReady();
    let leaderError: unknown = null;
    try {
      await drain(leaderDb);
    } catch (err) {
      leaderError = err;
    }
    closed = true;
    const results = await Promise.allSettled(active);
    if (leaderError !== null) throw leaderError;
    for (const r of results) if (r.status === "rejected") throw r.reason;
    return assemble(context, rows, opts.monthly === true);
  });
  // Followers start here, outside the leader's transaction (whose callback may not use the pool,
  // see guardTransactions in db/client.ts), and are not awaited: one that never gets a
  // connection must not hold the run up.
  await Promise.race([ready, leaderRun.catch(() => undefined)]);
  if (snapshot !== null) {
    for (let i = 1; i < Math.min(slots, queue.length); i++) follower().catch(() => undefined);
  }
  return leaderRun;
}

const SECONDS_PER_DAY = fromInt(86_400);
const LIFETIME_CAP_YEARS = fromInt(5);

/** a / b as a JSON number; null when b is 0. */
function ratio(a: number, b: number): number | null {
  return b === 0 ? null : toNumber(div(fromInt(a), fromInt(b)));
}

function fracRatio(a: Fraction, b: Fraction): number | null {
  return isZero(b) ? null : toNumber(div(a, b));
}

/**
 * Derives every KPI of kpi-definitions.md §2 from the group results, in one place. Money is
 * derived on exact fractions and rounded half away from zero to cents only here; ratios over a
 * zero denominator are null.
 *
 * - `average_deal_size` = revenue / won_deals (null when no deal was won).
 * - `pipeline_velocity_per_day` = open_deals × win_rate × average_deal_size /
 *   sales_cycle_days_mean, computed from the unrounded factors
 *   (= open × revenue × won × 86,400 / ((won + lost) × Σ cycle seconds)); null when a factor is
 *   null or the mean cycle is 0. With open_deals = 0 it is 0 (no factor is null).
 * - `customer_lifetime_value` = arpa_12m × min(1 / churn_12m, 5); churn 0 or undefined (no
 *   customers at the start of W) → 5; null when no deal with an account was won in W.
 * - `content_unused_share` = 1 − content_usage_rate (null when there is no active asset).
 */
export function deriveKpis(g: KpiGroups): Record<KpiKey, number | null> {
  const { deals, dealsPrevYear: prev, leads, accounts, content, sla } = g;
  const revenue = fromDecimal(deals.revenue);
  const revenuePrev = fromDecimal(prev.revenue);
  const won = deals.wonDeals;
  const lost = deals.lostDeals;
  const cycleSum = fromDecimal(deals.cycleSecondsSum);

  const averageDealSize = won === 0 ? null : div(revenue, fromInt(won));
  const meanCycleDays = won === 0 ? null : div(cycleSum, mul(fromInt(won), SECONDS_PER_DAY));
  const medianCycleDays =
    deals.cycleSecondsMedian === null ? null : div(fromDecimal(deals.cycleSecondsMedian), SECONDS_PER_DAY);

  let velocity: number | null = null;
  if (won + lost > 0 && averageDealSize !== null && meanCycleDays !== null && !isZero(meanCycleDays)) {
    const winRate = div(fromInt(won), fromInt(won + lost));
    velocity = toRounded(div(mul(fromInt(deals.openDeals), winRate, averageDealSize), meanCycleDays));
  }

  let ltv: number | null = null;
  if (accounts.windowAccounts > 0) {
    const arpa = div(fromDecimal(accounts.windowRevenue), fromInt(accounts.windowAccounts));
    const lifetime =
      accounts.churnedInWindow === 0 || accounts.customersAtWindowStart === 0
        ? LIFETIME_CAP_YEARS
        : min(div(fromInt(accounts.customersAtWindowStart), fromInt(accounts.churnedInWindow)), LIFETIME_CAP_YEARS);
    ltv = toRounded(mul(arpa, lifetime));
  }

  const usageRate = ratio(content.usedAssets, content.activeAssets);
  const unusedShare =
    content.activeAssets === 0
      ? null
      : toNumber(div(fromInt(content.activeAssets - content.usedAssets), fromInt(content.activeAssets)));

  const kpis: Record<KpiKey, number | null> = {
    revenue: toRounded(revenue),
    revenue_prev_year: toRounded(revenuePrev),
    revenue_growth_yoy: isZero(revenuePrev) ? null : toNumber(div(sub(revenue, revenuePrev), revenuePrev)),
    won_deals: won,
    lost_deals: lost,
    win_rate: ratio(won, won + lost),
    average_deal_size: averageDealSize === null ? null : toRounded(averageDealSize),
    sales_cycle_days_median: medianCycleDays === null ? null : toNumber(medianCycleDays),
    sales_cycle_days_mean: meanCycleDays === null ? null : toNumber(meanCycleDays),
    mqls: leads.mqls,
    sqls: leads.sqls,
    mql_to_sql_rate: ratio(leads.mqlsWithSql, leads.mqls),
    lead_rejection_rate: ratio(leads.mqlsRejected, leads.mqls),
    closing_efficiency: ratio(leads.sqlsClosed, leads.sqls),
    marketing_sourced_revenue: toRounded(fromDecimal(deals.marketingSourcedRevenue)),
    marketing_sourced_share: fracRatio(fromDecimal(deals.marketingSourcedRevenue), revenue),
    marketing_influenced_revenue: toRounded(fromDecimal(deals.marketingInfluencedRevenue)),
    open_pipeline: toRounded(fromDecimal(deals.openPipeline)),
    open_deals: deals.openDeals,
    pipeline_velocity_per_day: velocity,
    customer_retention_rate: ratio(accounts.retained, accounts.customersAtStart),
    customer_lifetime_value: ltv,
    content_usage_rate: usageRate,
    content_unused_share: unusedShare,
    content_influenced_revenue: toRounded(fromDecimal(deals.contentInfluencedRevenue)),
    sla_compliance: sla.compliance,
  };
  // Keep the key order of KPI_KEYS in the JSON.
  return Object.fromEntries(KPI_KEYS.map((k) => [k, kpis[k]])) as Record<KpiKey, number | null>;
}

/**
 * Computes every KPI of kpi-definitions.md §2 for the parameters (data-contract.md §2 shape).
 * The heavy work is SQL aggregation, one statement per group; see the groups' doc comments
 * for the definitions each implements.
 */
export async function computeKpis(db: Db, params: KpiParams, opts: KpiRunOptions = {}): Promise<KpiResult> {
  return cachedKpiRun(db, "kpis", params, opts, async (reader) => {
    const groups = await computeKpiGroups(reader, params, opts);
    return {
      period: { from: params.from, to: params.to, as_of: formatAsOf(params.asOf) },
      kpis: deriveKpis(groups),
    };
  });
}

/**
 * A KPI computation through the report cache (lib/cache): keyed by the period, the filters
 * (sorted: their order means nothing) and the as_of — exact when given, "now" within the TTL when
 * not (`asOfNow`, see KpiParams); always through admission control. A cached result is the
 * stored JSON of an exact computation at the same data and settings versions (the result's
 * `period.as_of` says which as_of it was computed for).
 */
function cachedKpiRun<T>(db: Db, report: string, params: KpiParams, opts: KpiRunOptions, compute: (reader: Db) => Promise<T>): Promise<T> {
  return cachedReport(db, kpiReportSpec(report, params), compute, {
    enabled: opts.cache === false || opts.onGroupTime ? false : undefined,
  });
}

/**
 * The report-cache spec of a computation over KPI parameters (the KPI runs, the dashboard's
 * charts): the period, the filters (sorted, e-mails lower case: their order and case mean
 * nothing) and the as_of — exact when given, "now" within the TTL when not.
 */
export function kpiReportSpec(report: string, params: KpiParams): ReportSpec {
  return { report, params: cacheKeyParams(params), asOf: cacheAsOf(params) };
}


/** A KPI run with its monthly breakdowns (computeKpisWithMonthly). */
export interface KpiRunWithMonthly {
  result: KpiResult;
  /** P's closed deals by month of closed_at (DealsMonth). */
  monthly: DealsMonth[];
  /** PY's won deals by month, labelled one year later. */
  monthlyLastYear: DealsMonth[];
  /** P's SQLs and the closed ones by month of sql_at (closing_efficiency by month). */
  leadsMonthly: LeadsMonth[];
  /** P's MQLs met and breached by month of mql_at (sla_compliance by month). */
  slaMonthly: SlaMonth[];
}

/**
 * computeKpis plus, from the same run and snapshot, P's closed deals by month (see DealsMonth),
 * PY's won deals by month (labelled one year later), P's SQLs by month (LeadsMonth) and P's
 * MQLs' SLA outcomes by month (SlaMonth): the dashboard's cards, its revenue and trend charts
 * and its headline sparklines in one go. The months are in the organisation's time zone.
 */
export async function computeKpisWithMonthly(db: Db, params: KpiParams, opts: KpiRunOptions = {}): Promise<KpiRunWithMonthly> {
  // "kpis.by_month": the result's shape grew (leadsMonthly, slaMonthly), so results cached
  // under the former name ("kpis.monthly") by an earlier version are never read as this one.
  return cachedKpiRun(db, "kpis.by_month", params, opts, async (reader) => {
    const groups = await computeKpiGroups(reader, params, { ...opts, monthly: true });
    return {
      result: {
        period: { from: params.from, to: params.to, as_of: formatAsOf(params.asOf) },
        kpis: deriveKpis(groups),
      },
      monthly: groups.dealsMonthly ?? [],
      monthlyLastYear: groups.dealsPrevYearMonthly ?? [],
      leadsMonthly: groups.leadsMonthly ?? [],
      slaMonthly: groups.slaMonthly ?? [],
    };
  });
}
