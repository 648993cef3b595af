import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PgDialect } from "drizzle-orm/pg-core";
import { connect, portOpen, type Connection } from "@/db/client";
import { embeddedLocation } from "@/db/embedded/locate";
import { parseArgs } from "@/lib/cli/run";
import {
  buildContext,
  computeKpis,
  isValidDate,
  kpiParamsToSearchParams,
  kpiStatements,
  parseTimestamp,
  type KpiContext,
  type KpiGroupKey,
  type KpiParams,
} from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { filterCases, pageFilterQueries, topOwner } from "./bench/filters";
import { benchSla } from "./bench/sla";
import { benchAttribution } from "./bench/attribution";
import { benchContent } from "./bench/content";
import { benchDeals } from "./bench/deals";

/**
 * `npm run bench -- [--database-url URL] [--runs N] [--from YYYY-MM-DD --to YYYY-MM-DD]
 *   [--as-of ISO] [--connections N] [--build] [--no-page] [--port N] [--explain] [--only content|sla|attribution|deals]`
 *
 * The KPI speed benchmark of issue 3 (item 5), against a real PostgreSQL server holding the
 * large demo seed (`npm run db:seed -- --scale large`):
 *
 * 1. checks the dataset (counts of leads / touchpoints / deals; warns when it is not the large
 *    seed) and runs `vacuum analyze` on tables never analyzed or vacuumed;
 * 2. times computeKpis for a 12-month period ending with the data's last month (default; or
 *    --from/--to): the first run on a fresh connection pool, then N warm runs (min / median /
 *    max), on one connection and on the engine's default of several connections sharing one
 *    snapshot; each group's time; the same KPIs with filters;
 *    Every engine run here bypasses the report cache (lib/cache): these are computation times;
 *    `--load` measures the cache (scripts/bench/load.ts);
 * 3. runs the engine's SQL directly: through the driver as raw statements, and with psql
 *    (`\timing`), writing the statements to a file so a person can repeat it;
 *    --explain also writes EXPLAIN (ANALYZE, BUFFERS) of each group to a file;
 * 4. times every filter (segment, owner_email, source_channel, alone and together) on the
 *    current period and on its previous period (scripts/bench/filters.ts);
 * 5. times the dashboard page's server response (full body) with the production server
 *    (`next start`, after `next build` when there is no build or with --build, REPORT_CACHE=off
 *    so each request computes), signed in as the demo leadership user, without and with
 *    filters;
 * 6. prints the targets (KPIs < 1 s, each filter < 1 s, page < 1.5 s) with PASS / FAIL.
 *
 * `npm run bench -- --load [...]` runs the load test instead (scripts/bench/load.ts);
 * `--only content|sla|attribution|deals` runs the dataset check and that section alone (scripts/bench/content.ts,
 * sla.ts, attribution.ts, deals.ts: the deals group over kpi_deal_facts against the from-scratch
 * statement, for the period and every filter case).
 *
 * Not a test: timings depend on the machine. Exit status 1 when a target fails.
 */

const KPI_TARGET_MS = 1000;
const PAGE_TARGET_MS = 1500;
const LARGE = { leads: 1_000_000, touchpoints: 5_000_000, deals: 200_000 };
const TABLES = [
  "leads",
  "touchpoints",
  "deals",
  "deal_contacts",
  "sales_activities",
  "accounts",
  "content_assets",
  "content_usage",
  "content_usage_days",
  "content_asset_users",
  "content_asset_deals",
];
const DEMO_LOGIN = { email: "leadership@alignboard.example", password: "leadership-demo-pass" };

class BenchError extends Error {}

function usage(): string {
  return "usage: npm run bench -- [--database-url URL] [--runs N] [--from YYYY-MM-DD --to YYYY-MM-DD] [--as-of ISO] [--connections N] [--build] [--no-page] [--port N] [--explain] [--only content|sla|attribution|deals]";
}

interface Args {
  url: string;
  runs: number;
  from: string | null;
  to: string | null;
  asOf: Date;
  connections: number | null;
  build: boolean;
  page: boolean;
  port: number;
  explain: boolean;
  /** Only this section (after the dataset check). */
  only: "content" | "sla" | "attribution" | "deals" | null;
}

function parse(argv: string[]): Args {
  const { flags, positional } = parseArgs(argv);
  if (positional.length > 0) throw new BenchError(`unexpected argument "${positional[0]}"; ${usage()}`);
  const known = ["database-url", "runs", "from", "to", "as-of", "connections", "build", "no-page", "port", "explain", "only"];
  for (const k of flags.keys()) if (!known.includes(k)) throw new BenchError(`unknown option --${k}; ${usage()}`);
  const str = (k: string): string | null => {
    const v = flags.get(k);
    if (v === undefined) return null;
    if (v === true) throw new BenchError(`--${k} needs a value; ${usage()}`);
    return v;
  };
  const int = (k: string, dflt: number, min: number, max: number): number => {
    const v = str(k);
    if (v === null) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new BenchError(`--${k} must be an integer from ${min} to ${max}`);
    return n;
  };
  const url = str("database-url") ?? process.env.DATABASE_URL ?? "";
  if (url.trim() === "") {
    throw new BenchError(
      "the benchmark runs against a real PostgreSQL server: set DATABASE_URL or pass --database-url (the embedded database is not supported)",
    );
  }
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new BenchError(`not a database URL: ${url}`);
  }
  const embeddedPort = String(embeddedLocation().port);
  if (parsedUrl.searchParams.get("embedded") === "1" || (parsedUrl.port === embeddedPort && /^(127\.0\.0\.1|localhost)$/.test(parsedUrl.hostname))) {
    throw new BenchError(
      "this is the embedded PGlite database, which serialises its clients and is not what the targets are about: point --database-url / DATABASE_URL at a PostgreSQL server holding the large seed",
    );
  }
  const from = str("from");
  const to = str("to");
  if ((from === null) !== (to === null)) throw new BenchError("give both --from and --to, or neither");
  if (from !== null && !isValidDate(from)) throw new BenchError(`--from must be a date YYYY-MM-DD, got "${from}"`);
  if (to !== null && !isValidDate(to)) throw new BenchError(`--to must be a date YYYY-MM-DD, got "${to}"`);
  if (from !== null && to !== null && from > to) throw new BenchError("--from must not be after --to");
  const asOfText = str("as-of");
  const asOf = asOfText === null ? new Date() : parseTimestamp(asOfText);
  if (asOf === null) throw new BenchError(`--as-of must be an ISO timestamp with an offset, got "${asOfText}"`);
  const connections = flags.has("connections") ? int("connections", 2, 1, 6) : null;
  const only = str("only");
  if (only !== null && only !== "content" && only !== "sla" && only !== "attribution" && only !== "deals") {
    throw new BenchError(`--only takes "content", "sla", "attribution" or "deals", got "${only}"`);
  }
  return {
    url,
    runs: int("runs", 5, 1, 100),
    from,
    to,
    asOf,
    connections,
    build: flags.get("build") === true,
    page: !flags.has("no-page"),
    port: int("port", 3917, 1024, 65535),
    explain: flags.get("explain") === true,
    only,
  };
}

// ---------------------------------------------------------------------------------------------
// small helpers

const ms = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

function stats(xs: readonly number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s[s.length - 1]! };
}

const fmtStats = (xs: readonly number[]): string => {
  const s = stats(xs);
  return `min ${ms(s.min)} · median ${ms(s.median)} · max ${ms(s.max)}`;
};

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

function log(line = ""): void {
  process.stdout.write(`${line}\n`);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

// ---------------------------------------------------------------------------------------------
// dataset

async function checkDataset(conn: Connection): Promise<Record<string, number>> {
  const [c] = await conn.sql.unsafe<{ leads: string; touchpoints: string; deals: string; activities: string }[]>(
    `select (select count(*) from leads) as leads, (select count(*) from touchpoints) as touchpoints,
            (select count(*) from deals) as deals, (select count(*) from sales_activities) as activities`,
  );
  const counts = {
    leads: Number(c?.leads ?? 0),
    touchpoints: Number(c?.touchpoints ?? 0),
    deals: Number(c?.deals ?? 0),
    sales_activities: Number(c?.activities ?? 0),
  };
  log(
    `dataset: ${Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
      .join(", ")}`,
  );
  if (counts.leads < LARGE.leads * 0.9 || counts.touchpoints < LARGE.touchpoints * 0.8 || counts.deals < LARGE.deals * 0.8) {
    log(
      `WARNING: this is not the large seed (~${LARGE.leads.toLocaleString("en")} leads, ~${LARGE.touchpoints.toLocaleString("en")} touchpoints, ~${LARGE.deals.toLocaleString("en")} deals); the targets are about that size. Load it with: DATABASE_URL=… npm run db:seed -- --scale large`,
    );
  }
  const stale = await conn.sql.unsafe<{ relname: string }[]>(
    `select relname from pg_stat_user_tables
      where relname = any($1::text[])
        and (coalesce(last_analyze, last_autoanalyze) is null or coalesce(last_vacuum, last_autovacuum) is null)
      order by relname`,
    [TABLES],
  );
  if (stale.length > 0) {
    const names = stale.map((r) => r.relname);
    log(`never analyzed or vacuumed: ${names.join(", ")} — running vacuum analyze…`);
    const [, took] = await time(() => conn.sql.unsafe(`vacuum (analyze) ${names.map((n) => `"${n}"`).join(", ")}`));
    log(`vacuum analyze: ${ms(took)}`);
  }
  return counts;
}

/** 12 months ending with the data's last month (organisation calendar). */
async function defaultPeriod(conn: Connection): Promise<{ from: string; to: string }> {
  const settings = await getOrgSettings(conn.db);
  const [r] = await conn.sql.unsafe<{ from: string | null; to: string | null }[]>(
    `with last as (
       select date_trunc('month', (greatest((select max(created_at) from leads), (select max(created_at) from deals))
                                   at time zone $1))::date as m)
     select (m - interval '11 months')::date::text as from, (m + interval '1 month' - interval '1 day')::date::text as to
       from last`,
    [settings.timeZone],
  );
  if (!r?.from || !r.to) throw new BenchError("the database holds no leads or deals: load the large seed first");
  return { from: r.from, to: r.to };
}

// ---------------------------------------------------------------------------------------------
// the engine's SQL, outside the engine

const dialect = new PgDialect();

interface RawStatement {
  group: KpiGroupKey;
  text: string;
  params: (string | number)[];
}

function rawStatements(context: KpiContext): RawStatement[] {
  return kpiStatements(context).map(({ group, query }) => {
    const q = dialect.sqlToQuery(query);
    const params = q.params.map((p) => {
      if (typeof p === "string" || typeof p === "number") return p;
      throw new BenchError(`unexpected parameter type in the ${group} statement: ${typeof p}`);
    });
    return { group, text: q.sql, params };
  });
}

const literal = (v: string | number): string => (typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** The statement with its parameters written in as literals (for psql). */
function inlined(st: RawStatement): string {
  return st.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = st.params[Number(n) - 1];
    if (v === undefined) throw new BenchError(`parameter $${n} missing in the ${st.group} statement`);
    return literal(v);
  });
}

async function runRaw(conn: Connection, statements: RawStatement[]): Promise<Map<KpiGroupKey, number>> {
  const times = new Map<KpiGroupKey, number>();
  await conn.sql.begin("isolation level repeatable read read only", async (tx) => {
    await tx.unsafe("set local jit = off");
    for (const st of statements) {
      const [, took] = await time(() => tx.unsafe(st.text, st.params));
      times.set(st.group, took);
    }
  });
  return times;
}

function psqlFile(statements: RawStatement[], dir: string): string {
  const file = join(dir, "kpis.sql");
  const body = [
    "-- The KPI engine's statements (lib/kpi) for one report, as scripts/bench.ts runs them.",
    "\\set ON_ERROR_STOP on",
    "\\timing on",
    "begin isolation level repeatable read read only;",
    "set local jit = off;",
    ...statements.flatMap((st) => [`\\echo @@ ${st.group}`, `${inlined(st).trim()};`]),
    "commit;",
    "",
  ].join("\n");
  writeFileSync(file, body);
  return file;
}

function psqlAvailable(): boolean {
  return spawnSync("psql", ["--version"], { encoding: "utf8" }).status === 0;
}

/** One psql run of the file: each statement's `\timing` (ms) and the wall time of the process. */
function runPsql(url: string, file: string): { times: Map<KpiGroupKey, number>; wall: number } {
  const t0 = performance.now();
  const r = spawnSync("psql", ["-X", "-q", "-d", url, "-f", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new BenchError(`psql failed: ${(r.stderr || r.stdout).split("\n")[0]}`);
  const times = new Map<KpiGroupKey, number>();
  let current: KpiGroupKey | null = null;
  for (const line of r.stdout.split("\n")) {
    const g = /^@@ (\w+)/.exec(line);
    if (g) {
      current = g[1] as KpiGroupKey;
      continue;
    }
    const t = /^Time: ([\d.]+) ms/.exec(line);
    if (t && current !== null) {
      times.set(current, Number(t[1]));
      current = null;
    }
  }
  return { times, wall };
}

async function explainAll(conn: Connection, statements: RawStatement[], dir: string): Promise<string> {
  const file = join(dir, "explain.txt");
  const out: string[] = [];
  await conn.sql.begin("isolation level repeatable read read only", async (tx) => {
    await tx.unsafe("set local jit = off");
    for (const st of statements) {
      const rows = await tx.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${st.text}`, st.params);
      const plan = rows.map((r) => r["QUERY PLAN"]);
      const exec = plan.find((l) => l.startsWith("Execution Time"));
      log(`  ${st.group.padEnd(14)} ${exec ?? ""}`);
      out.push(`==== ${st.group}\n${plan.join("\n")}\n`);
    }
  });
  writeFileSync(file, out.join("\n"));
  return file;
}

// ---------------------------------------------------------------------------------------------
// the dashboard page

const DASHBOARD_PAGE = "app/(app)/dashboard/page.tsx";

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>): string =>
  [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string): Promise<Map<string, string>> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken?: string };
  if (!csrfToken) throw new BenchError("sign-in: no csrf token from /api/auth/csrf");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, ...DEMO_LOGIN, callbackUrl: `${base}/dashboard`, json: "true" }).toString(),
  });
  cookiesOf(res, jar);
  await res.arrayBuffer();
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new BenchError(
      `sign-in as ${DEMO_LOGIN.email} failed (HTTP ${res.status}); the large seed creates that user (npm run db:seed -- --scale large)`,
    );
  }
  return jar;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

interface PageResult {
  first: number;
  warm: number[];
  ttfb: number[];
  bytes: number;
  status: number;
}

async function benchPage(args: Args, queries: string[]): Promise<Map<string, PageResult | string> | string> {
  if (!existsSync(DASHBOARD_PAGE)) return "no dashboard page yet";
  const placeholder = readFileSync(DASHBOARD_PAGE, "utf8").includes("placeholderPage");
  if (placeholder) log(`note: ${DASHBOARD_PAGE} is still the placeholder; timing it anyway`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: args.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://localhost:${args.port}`,
    PORT: String(args.port),
    NODE_ENV: "production",
    // Every request computes: the page's computation time, not the cache's (see --load for that).
    REPORT_CACHE: "off",
  };
  const nextBin = resolve("node_modules/next/dist/bin/next");
  const buildId = resolve(".next/BUILD_ID");
  if (args.build || !existsSync(buildId)) {
    log(args.build ? "next build (--build)…" : "no production build (.next/BUILD_ID): running next build…");
    const [r, took] = await time(
      () =>
        new Promise<number>((done) => {
          const child = spawn(process.execPath, [nextBin, "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.stderr.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code) => {
            if (code !== 0) process.stderr.write(out.slice(-4000));
            done(code ?? 1);
          });
        }),
    );
    if (r !== 0) return "next build failed";
    log(`next build: ${(took / 1000).toFixed(0)} s`);
  } else if (statSync(DASHBOARD_PAGE).mtimeMs > statSync(buildId).mtimeMs) {
    log("note: the dashboard page changed after the last next build; pass --build to time the current code");
  }
  if (await portOpen(args.port)) return `port ${args.port} is in use (pass --port)`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(args.port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  child.stdout?.on("data", (d: Buffer) => (serverLog = (serverLog + d.toString()).slice(-8000)));
  child.stderr?.on("data", (d: Buffer) => (serverLog = (serverLog + d.toString()).slice(-8000)));
  try {
    const deadline = Date.now() + 60_000;
    while (!(await portOpen(args.port))) {
      if (child.exitCode !== null) return `next start exited (${child.exitCode}): ${serverLog.slice(-500)}`;
      if (Date.now() > deadline) return "next start did not listen within 60 s";
      await new Promise((r) => setTimeout(r, 200));
    }
    const base = `http://127.0.0.1:${args.port}`;
    const jar = await signIn(base);
    const out = new Map<string, PageResult | string>();
    for (const query of queries) out.set(query, await timePage(args, `${base}/dashboard?${query}`, jar));
    return out;
  } finally {
    await stopServer(child);
  }
}

async function timePage(args: Args, url: string, jar: Map<string, string>): Promise<PageResult | string> {
  {
    log(`GET ${url.replace(/^https?:\/\/[^/]+/, "")}`);
    const one = async (): Promise<{ total: number; ttfb: number; bytes: number; status: number }> => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
      const ttfb = performance.now() - t0;
      const body = await res.arrayBuffer();
      return { total: performance.now() - t0, ttfb, bytes: body.byteLength, status: res.status };
    };
    const first = await one();
    if (first.status !== 200) return `GET /dashboard answered HTTP ${first.status}`;
    const warm: number[] = [];
    const ttfb: number[] = [];
    for (let i = 0; i < args.runs; i++) {
      const r = await one();
      if (r.status !== 200) return `GET /dashboard answered HTTP ${r.status}`;
      warm.push(r.total);
      ttfb.push(r.ttfb);
    }
    return { first: first.total, warm, ttfb, bytes: first.bytes, status: first.status };
  }
}

// ---------------------------------------------------------------------------------------------

const GROUP_ORDER: KpiGroupKey[] = ["sla", "deals", "leads", "accounts", "dealsPrevYear", "content"];

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const outDir = join(tmpdir(), "alignboard-bench");
  mkdirSync(outDir, { recursive: true });
  log(`database: ${redact(args.url)}`);
  const conn = connect(args.url);
  let failed = false;
  const summary: string[][] = [["measure", "result", "target", ""]];
  try {
    const [{ version } = { version: "?" }] = await conn.sql.unsafe<{ version: string }[]>("select version()");
    log(`server: ${version.split(" on ")[0]}`);
    await checkDataset(conn);
    const period = args.from && args.to ? { from: args.from, to: args.to } : await defaultPeriod(conn);
    const params: KpiParams = { ...period, asOf: args.asOf };
    log(`period: ${params.from} … ${params.to}, as_of ${params.asOf.toISOString()}, ${args.runs} warm runs`);
    if (args.only !== null) {
      if (args.only === "content") failed = await benchContent(conn.db, params, args.runs, summary, log);
      if (args.only === "sla") {
        const sla = await benchSla(conn, params, args.runs, log);
        summary.push(...sla.summary);
        failed = sla.failed;
      }
      if (args.only === "attribution") failed = await benchAttribution(conn, params, args.runs, summary, log);
      if (args.only === "deals") failed = await benchDeals(conn, params, args.runs, summary, log);
      log("\n== summary");
      log(table(summary));
      return failed ? 1 : 0;
    }
    const engineOpts = args.connections === null ? { cache: false } : { connections: args.connections, cache: false };
    const defaultConnections = args.connections ?? (Number(process.env.KPI_CONNECTIONS) || 2);

    // 1. computeKpis — first run on a fresh pool, then warm runs.
    log("\n== computeKpis (all KPIs of the dashboard)");
    const [firstResult, first] = await time(() => computeKpis(conn.db, params, engineOpts));
    log(`first run (fresh connections): ${ms(first)}`);
    const warm: number[] = [];
    const parallelGroups = new Map<KpiGroupKey, number[]>();
    for (let i = 0; i < args.runs; i++) {
      const [, t] = await time(() =>
        computeKpis(conn.db, params, {
          ...engineOpts,
          onGroupTime: (g, m) => parallelGroups.set(g, [...(parallelGroups.get(g) ?? []), m]),
        }),
      );
      warm.push(t);
    }
    log(`warm, ${defaultConnections} connection(s): ${fmtStats(warm)}`);
    const seqWarm: number[] = [];
    const seqGroups = new Map<KpiGroupKey, number[]>();
    for (let i = 0; i < args.runs; i++) {
      const [, t] = await time(() =>
        computeKpis(conn.db, params, {
          connections: 1,
          cache: false,
          onGroupTime: (g, m) => seqGroups.set(g, [...(seqGroups.get(g) ?? []), m]),
        }),
      );
      seqWarm.push(t);
    }
    log(`warm, 1 connection (groups one after the other): ${fmtStats(seqWarm)}`);
    const warmMedian = stats(warm).median;
    const kpiPass = warmMedian < KPI_TARGET_MS;
    failed ||= !kpiPass;
    summary.push(["KPIs, 12 months (median warm)", ms(warmMedian), `< ${KPI_TARGET_MS} ms`, kpiPass ? "PASS" : "FAIL"]);
    summary.push(["KPIs, 12 months (first run)", ms(first), `< ${KPI_TARGET_MS} ms`, first < KPI_TARGET_MS ? "PASS" : "FAIL"]);
    log(
      `values: revenue ${firstResult.kpis.revenue}, won ${firstResult.kpis.won_deals}, mqls ${firstResult.kpis.mqls}, sla_compliance ${firstResult.kpis.sla_compliance}`,
    );

    // 2. Each group.
    const settings = await getOrgSettings(conn.db);
    const context = await buildContext(conn.db, params, settings);
    const statements = rawStatements(context);
    const rawRuns = new Map<KpiGroupKey, number[]>();
    const rawTotals: number[] = [];
    for (let i = 0; i < args.runs; i++) {
      const times = await runRaw(conn, statements);
      let total = 0;
      for (const [g, t] of times) {
        rawRuns.set(g, [...(rawRuns.get(g) ?? []), t]);
        total += t;
      }
      rawTotals.push(total);
    }
    const psqlOk = psqlAvailable();
    const file = psqlFile(statements, outDir);
    const psqlRuns = new Map<KpiGroupKey, number[]>();
    const psqlTotals: number[] = [];
    if (psqlOk) {
      for (let i = 0; i < args.runs; i++) {
        const { times } = runPsql(args.url, file);
        let total = 0;
        for (const [g, t] of times) {
          psqlRuns.set(g, [...(psqlRuns.get(g) ?? []), t]);
          total += t;
        }
        psqlTotals.push(total);
      }
    }
    log("\n== each group (median of the warm runs)");
    const med = (m: Map<KpiGroupKey, number[]>, g: KpiGroupKey): string => {
      const xs = m.get(g);
      return xs && xs.length > 0 ? ms(stats(xs).median) : "—";
    };
    const groupRows = [["group", "engine, 1 conn", `engine, ${defaultConnections} conns`, "driver, raw SQL", "psql \\timing"]];
    for (const g of GROUP_ORDER) {
      groupRows.push([g, med(seqGroups, g), med(parallelGroups, g), med(rawRuns, g), psqlOk ? med(psqlRuns, g) : "n/a"]);
    }
    groupRows.push([
      "Σ statements",
      "",
      "",
      ms(stats(rawTotals).median),
      psqlOk ? ms(stats(psqlTotals).median) : "n/a",
    ]);
    groupRows.push(["whole call", ms(stats(seqWarm).median), ms(warmMedian), "", ""]);
    log(table(groupRows));
    log(`\nreproduce in psql (statements with this run's parameters inlined):\n  psql -X -d '${redact(args.url)}' -f ${file}`);
    summary.push(["engine SQL in psql, Σ statements", psqlOk ? ms(stats(psqlTotals).median) : "psql missing", "", ""]);

    if (args.explain) {
      log("\n== EXPLAIN (ANALYZE, BUFFERS)");
      const f = await explainAll(conn, statements, outDir);
      log(`plans: ${f}`);
    }

    // 3. Filters.
    log("\n== with filters");
    const cases = await filterCases(conn, params, settings.timeZone);
    for (const c of cases) {
      const xs: number[] = [];
      for (let i = 0; i < Math.max(1, Math.min(args.runs, 3)); i++) xs.push((await time(() => computeKpis(conn.db, c.params, engineOpts)))[1]);
      const m = stats(xs).median;
      const pass = m < KPI_TARGET_MS;
      failed ||= !pass;
      log(`${c.name}: ${fmtStats(xs)}`);
      summary.push([`KPIs, ${c.name}`, ms(m), `< ${KPI_TARGET_MS} ms`, pass ? "PASS" : "FAIL"]);
    }

    const sla = await benchSla(conn, params, args.runs, log); summary.push(...sla.summary); failed ||= sla.failed;
    failed = (await benchAttribution(conn, params, args.runs, summary, log)) || failed;
    failed = (await benchContent(conn.db, params, args.runs, summary, log)) || failed;

    // 4. The dashboard page.
    if (args.page) {
      log("\n== dashboard page (next start, signed in as leadership)");
      const queries = [kpiParamsToSearchParams(params).toString(), ...pageFilterQueries(await topOwner(conn))];
      const pages = await benchPage(args, queries);
      if (typeof pages === "string") {
        log(`skipped: ${pages}`);
        summary.push(["dashboard page", `not measured: ${pages}`, `< ${PAGE_TARGET_MS} ms`, "—"]);
      } else {
        for (const [query, page] of pages) {
          const label = query === queries[0] ? "dashboard page, full response (median)" : `dashboard page, ${query}`;
          if (typeof page === "string") {
            failed = true;
            summary.push([label, page, `< ${PAGE_TARGET_MS} ms`, "FAIL"]);
            continue;
          }
          const m = stats(page.warm).median;
          log(`first request: ${ms(page.first)}; warm: ${fmtStats(page.warm)}; time to first byte median ${ms(stats(page.ttfb).median)}; ${page.bytes.toLocaleString("en")} bytes`);
          const pass = m < PAGE_TARGET_MS;
          failed ||= !pass;
          summary.push([label, ms(m), `< ${PAGE_TARGET_MS} ms`, pass ? "PASS" : "FAIL"]);
        }
      }
    } else {
      summary.push(["dashboard page", "skipped (--no-page)", `< ${PAGE_TARGET_MS} ms`, "—"]);
    }
  } finally {
    await conn.close();
  }
  log("\n== summary");
  log(table(summary));
  return failed ? 1 : 0;
}

const run = process.argv.includes("--load") ? () => import("./bench/load").then((m) => m.runLoad(process.argv.slice(2))) : main;
run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.ALIGNBOARD_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);
