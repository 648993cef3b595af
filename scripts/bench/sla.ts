import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { connect, type Connection } from "@/db/client";
import { buildContext, slaLeadsSql, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { computeSlaReport, loadSlaPage } from "@/lib/sla";

/**
 * The SLA section of `npm run bench` (issue 10 item 6), on the same connection and period as the
 * KPI benchmark: the SLA page's whole data (lib/sla loadSlaPage: both sides, queue with its
 * business spans, breached list, distribution, teams, trend, rejections, conflicts) for the last
 * quarter of the period, and GET /api/v1/sla's report (computeSlaReport) for the 12 months, each
 * computed (report cache off) against 1 s; each also as the ratio to the SLA status SQL alone
 * (the engine's slaLeadsSql over the same period, counted), and a cache hit for comparison.
 *
 * Alone: `npx tsx scripts/bench/sla.ts [--database-url URL] [--runs N] [--from D --to D] [--read-only]`
 * (default: the 12 months ending with the month of the latest lead or deal; as_of now;
 * --read-only leaves out the cache hit, which stores a row).
 */
export const SLA_TARGET_MS = 1000;

export interface SlaBenchResult {
  summary: string[][];
  failed: boolean;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

async function timeRuns(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The first day of the quarter (three calendar months) ending with `to`'s month. */
function quarterOf(to: string): { from: string; to: string } {
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 3, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** Runs `f` with the report cache off (every call computes), restoring the setting after. */
async function uncached<T>(f: () => Promise<T>): Promise<T> {
  const before = process.env.REPORT_CACHE;
  process.env.REPORT_CACHE = "off";
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.REPORT_CACHE;
    else process.env.REPORT_CACHE = before;
  }
}

export async function benchSla(
  conn: Connection,
  params: KpiParams,
  runs: number,
  log: (line?: string) => void,
  opts: { cacheHit?: boolean } = {},
): Promise<SlaBenchResult> {
  log("\n== SLA (lib/sla: the SLA page and GET /api/v1/sla)");
  const n = Math.max(1, runs);
  const quarter: KpiParams = { ...params, ...quarterOf(params.to) };
  const settings = await getOrgSettings(conn.db);
  /** The SLA status SQL alone over a period: every MQL's due time, first response and status. */
  const statusAlone = async (p: KpiParams) => {
    const context = await buildContext(conn.db, p, settings);
    // Every status, at-risk flag and used time computed (a bare count(*) would let the planner skip them).
    const statement = sql`select count(*) filter (where s.status = 'met') as met, count(*) filter (where s.status = 'breached') as breached,
                                 count(*) filter (where s.at_risk) as at_risk, sum(s.used_us) as used, max(s.due_at) as due
                            from (${slaLeadsSql(context.p, context.filters, settings.sla)}) s`;
    await conn.db.execute(statement); // warm-up
    return median(await timeRuns(n, () => conn.db.execute(statement)));
  };
  const { page, api } = await uncached(async () => {
    await loadSlaPage(conn.db, quarter); // warm-up
    const pageMs = median(await timeRuns(n, () => loadSlaPage(conn.db, quarter)));
    await computeSlaReport(conn.db, params);
    const apiMs = median(await timeRuns(n, () => computeSlaReport(conn.db, params)));
    return { page: pageMs, api: apiMs };
  });
  const aloneQuarter = await statusAlone(quarter);
  const aloneYear = await statusAlone(params);
  // A cache hit writes the result once (report_cache): left out on a database that must stay read-only.
  let hit = Number.NaN;
  if (opts.cacheHit !== false) {
    await loadSlaPage(conn.db, quarter); // stores the result
    hit = median(await timeRuns(n, () => loadSlaPage(conn.db, quarter)));
  }
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");
  log(`page data, ${quarter.from} … ${quarter.to}: median ${ms(page)}; SLA status SQL alone ${ms(aloneQuarter)}; page / status SQL = ${ratio(page, aloneQuarter)}`);
  log(`API report, ${params.from} … ${params.to}: median ${ms(api)}; SLA status SQL alone ${ms(aloneYear)}; API / status SQL = ${ratio(api, aloneYear)}`);
  if (!Number.isNaN(hit)) log(`page data from the report cache (a hit): median ${ms(hit)}`);
  const pagePass = page < SLA_TARGET_MS;
  const apiPass = api < SLA_TARGET_MS;
  return {
    failed: !pagePass || !apiPass,
    summary: [
      ["SLA page data, a quarter (median, computed)", ms(page), `< ${SLA_TARGET_MS} ms`, pagePass ? "PASS" : "FAIL"],
      ["/api/v1/sla, 12 months (median, computed)", ms(api), `< ${SLA_TARGET_MS} ms`, apiPass ? "PASS" : "FAIL"],
      ["SLA page data ÷ SLA status SQL alone (quarter)", ratio(page, aloneQuarter), "", ""],
      ["/api/v1/sla ÷ SLA status SQL alone (12 months)", ratio(api, aloneYear), "", ""],
      ["SLA page data, cache hit (median)", Number.isNaN(hit) ? "not measured" : ms(hit), "", ""],
    ],
  };
}

/** The default period: the 12 months ending with the month of the latest lead or deal. */
async function defaultPeriod(conn: Connection): Promise<{ from: string; to: string }> {
  const settings = await getOrgSettings(conn.db);
  const [r] = await conn.sql.unsafe<{ from: string; to: string }[]>(
    `with last as (select date_trunc('month', (greatest((select max(created_at) from leads), (select max(created_at) from deals)) at time zone $1))::date as m)
     select (m - interval '11 months')::date::text as from, (m + interval '1 month' - interval '1 day')::date::text as to from last`,
    [settings.timeZone],
  );
  if (!r) throw new Error("no leads or deals");
  return r;
}

async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  const url = flag("--database-url") ?? process.env.DATABASE_URL;
  if (!url) {
    console.error("set DATABASE_URL or pass --database-url (a PostgreSQL server holding the large seed)");
    return 2;
  }
  const runs = Number(flag("--runs") ?? 5);
  const conn = connect(url);
  try {
    const period = flag("--from") && flag("--to") ? { from: flag("--from")!, to: flag("--to")! } : await defaultPeriod(conn);
    const result = await benchSla(conn, { ...period, asOf: new Date() }, Number.isInteger(runs) && runs > 0 ? runs : 5, (l = "") => console.log(l), {
      cacheHit: !argv.includes("--read-only"),
    });
    for (const row of result.summary) console.log(row.filter((c) => c !== "").join("  "));
    return result.failed ? 1 : 0;
  } finally {
    await conn.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
