import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { connect, portOpen, type Connection } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/keys";
import { parseArgs } from "@/lib/cli/run";
import { DEMO_USERS } from "@/lib/seed/demo-users";
import { topOwner } from "./filters";

/**
 * `npm run bench -- --load [--database-url URL] [--users 50] [--duration 60] [--port 3918]
 *   [--workers N] [--phases cold,warm] [--think-ms 0] [--base-url http://host:port --phase-label NAME]`
 *
 * The load test of issue 15 item 7: `users` virtual users for `duration` seconds against the
 * production server, half of them on /dashboard (a dozen URLs with filters), half on
 * /api/v1/kpis (a dozen filter sets), each sending its next request as soon as the previous
 * answer is read in full (no think time: a stress test of 50 requests always in flight; the
 * targets are judged on it). `--think-ms T` adds a pause drawn uniformly from 0 to 2T between
 * a user's requests — people reading the page — for the realistic picture beside the strict one.
 * Prints requests/s, p50/p95/p99/max, errors and busy pages, per kind and overall.
 *
 * By default it runs two phases, each on a production server it starts itself as `npm start`
 * does (scripts/serve.ts with `--workers` processes, default one per core; needs `npx next build`
 * first) against DATABASE_URL / --database-url:
 * - cold: REPORT_CACHE=off (every request computes; admission control still applies);
 * - warm: the report cache on (as deployed), measured after one request per URL has filled it
 *   (the warm-up's time is printed; it is the cold cost of those URLs, one at a time). During the
 *   measured minute results of as_of = now lapse and are refreshed as deployed (refresh ahead).
 * With --base-url it measures a server you started yourself, once, under the label you give
 * (--phase-label, default "as configured"): e.g.
 *     DATABASE_URL=postgres://…/alignboard_bench NEXTAUTH_SECRET=… NEXTAUTH_URL=http://localhost:3000 \
 *       REPORT_CACHE=off npx next start -p 3000
 *     npm run bench -- --load --base-url http://127.0.0.1:3000 --phase-label cold
 *
 * Signs in as the demo leadership user (the seed creates it) and creates an API key for the run
 * (revoked at the end). Targets (issue 15, 2 cores, the large seed): warm p99 < 2 s; cold p99
 * < 15 s; no errors. Exit status 1 when a target fails. Not a test: the numbers depend on the
 * machine and on what else runs on it.
 */

const WARM_P99_MS = 2000;
const COLD_P99_MS = 15_000;
const REQUEST_TIMEOUT_MS = 180_000;

class LoadError extends Error {}

interface LoadArgs {
  url: string;
  users: number;
  durationS: number;
  port: number;
  workers: number;
  phases: ("cold" | "warm")[];
  baseUrl: string | null;
  label: string;
  /** Mean pause between one user's requests (ms; 0: none). */
  thinkMs: number;
}

const USAGE =
  "usage: npm run bench -- --load [--database-url URL] [--users N] [--duration S] [--port N] [--workers N] [--phases cold,warm] [--think-ms T] [--base-url URL --phase-label NAME]";

function parse(argv: string[]): LoadArgs {
  const { flags, positional } = parseArgs(argv);
  if (positional.length > 0) throw new LoadError(`unexpected argument "${positional[0]}"; ${USAGE}`);
  const known = ["load", "database-url", "users", "duration", "port", "workers", "phases", "base-url", "phase-label", "think-ms"];
  for (const k of flags.keys()) if (!known.includes(k)) throw new LoadError(`unknown option --${k}; ${USAGE}`);
  const str = (k: string): string | null => {
    const v = flags.get(k);
    if (v === undefined) return null;
    if (v === true) throw new LoadError(`--${k} needs a value; ${USAGE}`);
    return v;
  };
  const int = (k: string, dflt: number, min: number, max: number): number => {
    const v = str(k);
    if (v === null) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new LoadError(`--${k} must be an integer from ${min} to ${max}`);
    return n;
  };
  const url = str("database-url") ?? process.env.DATABASE_URL ?? "";
  if (url.trim() === "") throw new LoadError("set DATABASE_URL or pass --database-url (the database the server reads)");
  const phases = (str("phases") ?? "cold,warm").split(",").map((p) => p.trim());
  for (const p of phases) if (p !== "cold" && p !== "warm") throw new LoadError(`--phases: "${p}" is neither cold nor warm`);
  return {
    url,
    users: int("users", 50, 1, 1000),
    durationS: int("duration", 60, 1, 3600),
    port: int("port", 3918, 1024, 65535),
    workers: int("workers", Math.min(availableParallelism(), 8), 1, 64),
    phases: phases as ("cold" | "warm")[],
    baseUrl: str("base-url"),
    label: str("phase-label") ?? "as configured",
    thinkMs: int("think-ms", 0, 0, 600_000),
  };
}

const log = (line = "") => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// the server and signing in

async function startServer(args: LoadArgs, cache: boolean): Promise<{ base: string; child: ChildProcess }> {
  if (!existsSync(resolve(".next/BUILD_ID"))) throw new LoadError("no production build: run `npx next build` first");
  if (await portOpen(args.port)) throw new LoadError(`port ${args.port} is in use (pass --port)`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: args.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://localhost:${args.port}`,
    PORT: String(args.port),
    NODE_ENV: "production",
    WEB_CONCURRENCY: String(args.workers),
  };
  if (cache) delete env.REPORT_CACHE;
  else env.REPORT_CACHE = "off";
  const child = spawn(process.execPath, ["--import", "tsx", resolve("scripts/serve.ts"), "--port", String(args.port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  const keep = (d: Buffer) => (serverLog = (serverLog + d.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 60_000;
  // Ready when every process listens (the port opens with the first).
  while (!(await portOpen(args.port)) || !serverLog.includes("Ready on")) {
    if (child.exitCode !== null) throw new LoadError(`the server exited (${child.exitCode}): ${serverLog.slice(-500)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new LoadError("the server did not listen within 60 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base: `http://127.0.0.1:${args.port}`, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string): Promise<string> {
  const user = DEMO_USERS.find((u) => u.role === "leadership");
  if (!user) throw new LoadError("no demo leadership user defined");
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken?: string };
  if (!csrfToken) throw new LoadError("sign-in: no csrf token");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, callbackUrl: `${base}/dashboard`, json: "true" }).toString(),
  });
  cookiesOf(res, jar);
  await res.arrayBuffer();
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new LoadError(`sign-in as ${user.email} failed (HTTP ${res.status}); seed the database (npm run db:seed)`);
  }
  return cookieHeader(jar);
}

// ---------------------------------------------------------------------------------------------
// the request mix

interface Target {
  kind: "dashboard" | "api";
  path: string;
}

/** 12 months ending with the data's last month (as the KPI benchmark's default period). */
async function dataYear(conn: Connection): Promise<{ from: string; to: string }> {
  const [r] = await conn.sql.unsafe<{ from: string | null; to: string | null }[]>(
    `with last as (select date_trunc('month', greatest((select max(created_at) from leads), (select max(created_at) from deals)) at time zone 'UTC')::date as m)
     select (m - interval '11 months')::date::text as from, (m + interval '1 month' - interval '1 day')::date::text as to from last`,
  );
  if (!r?.from || !r.to) throw new LoadError("the database holds no leads or deals: seed it first");
  return { from: r.from, to: r.to };
}

const FILTER_SETS: string[] = [
  "",
  "segment=mid_market",
  "segment=enterprise&segment=smb",
  "source_channel=webinar",
  "segment=mid_market&source_channel=webinar&source_channel=paid_search",
  "source_channel=paid_search",
];

async function targets(conn: Connection): Promise<Target[]> {
  const owner = await topOwner(conn);
  const filters = owner ? [...FILTER_SETS, `owner_email=${encodeURIComponent(owner)}`] : FILTER_SETS;
  const year = await dataYear(conn);
  const out: Target[] = [];
  // a dozen dashboard URLs: two presets × the filter sets (as_of = now)
  for (const preset of ["last_12_months", "this_quarter"]) {
    for (const f of filters.slice(0, 6)) out.push({ kind: "dashboard", path: `/dashboard?preset=${preset}${f ? `&${f}` : ""}` });
  }
  // a dozen API calls: the data's last year and its last quarter × the filter sets (as_of = now)
  const quarterFrom = new Date(`${year.to}T00:00:00Z`);
  quarterFrom.setUTCMonth(quarterFrom.getUTCMonth() - 2, 1);
  for (const period of [year, { from: quarterFrom.toISOString().slice(0, 10), to: year.to }]) {
    for (const f of filters.slice(0, 6)) out.push({ kind: "api", path: `/api/v1/kpis?from=${period.from}&to=${period.to}${f ? `&${f}` : ""}` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// running and reporting

interface Sample {
  kind: Target["kind"];
  ms: number;
  status: number; // 0 = network error / timeout
  /** A dashboard page that showed "busy, retrying" in a widget (admission control refused a computation). */
  busy: boolean;
}

/** The marker of a widget whose computation admission control refused (app/(app)/dashboard/busy-retry.tsx). */
const BUSY_MARKER = 'data-testid="report-busy"';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const fmt = (v: number) => (Number.isNaN(v) ? "—" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

async function runPhase(
  base: string,
  cookie: string,
  apiKey: string,
  list: Target[],
  { users, durationS, thinkMs }: Pick<LoadArgs, "users" | "durationS" | "thinkMs">,
): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  const t0 = performance.now();
  const end = t0 + durationS * 1000;
  const dash = list.filter((t) => t.kind === "dashboard");
  const api = list.filter((t) => t.kind === "api");
  const user = async (i: number) => {
    const mine = i % 2 === 0 ? dash : api;
    for (let n = 0; performance.now() < end; n++) {
      const target = mine[(Math.floor(i / 2) + n) % mine.length]!;
      const headers: Record<string, string> = target.kind === "api" ? { Authorization: `Bearer ${apiKey}` } : { cookie };
      const s = performance.now();
      let status = 0;
      let busy = false;
      try {
        const res = await fetch(`${base}${target.path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const body = Buffer.from(await res.arrayBuffer());
        status = res.status;
        busy = target.kind === "dashboard" && body.includes(BUSY_MARKER);
      } catch {
        status = 0;
      }
      samples.push({ kind: target.kind, ms: performance.now() - s, status, busy });
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
    }
  };
  await Promise.all(Array.from({ length: users }, (_, i) => user(i)));
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/**
 * One request per target, two at a time: fills the report cache before a warm phase is measured.
 * Repeated (up to four passes) until a pass takes less than 15 s: on a slow machine the first
 * pass can outlast the cache's TTL for as_of = now (60 s), and its first results would have
 * lapsed by the time the measured minute starts (that minute would then measure recomputation).
 */
async function warmUp(base: string, cookie: string, apiKey: string, list: Target[]): Promise<void> {
  for (let pass = 1; pass <= 4; pass++) {
    const t0 = performance.now();
    const queue = [...list];
    let failed = 0;
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        const headers: Record<string, string> = target.kind === "api" ? { Authorization: `Bearer ${apiKey}` } : { cookie };
        try {
          const res = await fetch(`${base}${target.path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
        } catch {
          failed++;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    const ms = performance.now() - t0;
    log(`warm-up pass ${pass}: ${list.length} URLs once each in ${fmt(ms)}${failed ? ` (${failed} not 200)` : ""}`);
    if (ms < 15_000) return;
  }
}

/**
 * Prints a phase's table. A dashboard page with a "busy, retrying" widget answers 200 but did not
 * show its numbers: counted in its own column, and as an error for the verdict.
 */
function report(label: string, samples: Sample[], seconds: number): { p99: number; errors: number } {
  const rows: string[][] = [["", "requests", "req/s", "p50", "p95", "p99", "max", "errors", "busy pages"]];
  let overall = { p99: Number.NaN, errors: 0 };
  for (const kind of ["dashboard", "api", "all"] as const) {
    const xs = samples.filter((s) => kind === "all" || s.kind === kind);
    const sorted = xs.map((s) => s.ms).sort((a, b) => a - b);
    const errors = xs.filter((s) => s.status !== 200);
    const byStatus = new Map<number, number>();
    for (const e of errors) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
    const errText = errors.length === 0 ? "0" : `${errors.length} (${[...byStatus].map(([st, n]) => `${st === 0 ? "timeout/network" : st}: ${n}`).join(", ")})`;
    rows.push([
      kind === "api" ? "/api/v1/kpis" : kind === "dashboard" ? "/dashboard" : "all",
      String(xs.length),
      (xs.length / seconds).toFixed(1),
      fmt(percentile(sorted, 50)),
      fmt(percentile(sorted, 95)),
      fmt(percentile(sorted, 99)),
      fmt(sorted[sorted.length - 1] ?? Number.NaN),
      errText,
      String(xs.filter((s) => s.busy).length),
    ]);
    if (kind === "all") overall = { p99: percentile(sorted, 99), errors: errors.length + xs.filter((s) => s.busy).length };
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  log(`\n== ${label}: ${samples.length} requests in ${seconds.toFixed(1)} s`);
  for (const r of rows) log(r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
  return overall;
}

export async function runLoad(argv: string[]): Promise<number> {
  const args = parse(argv);
  const conn = connect(args.url);
  let failed = false;
  const summary: string[] = [];
  const key = await createApiKey(conn.db, { name: `load benchmark ${new Date().toISOString()}`, role: "leadership" });
  try {
    const [c] = await conn.sql.unsafe<{ leads: string; deals: string }[]>("select (select count(*) from leads) as leads, (select count(*) from deals) as deals");
    log(`dataset: ${Number(c?.leads ?? 0).toLocaleString("en")} leads, ${Number(c?.deals ?? 0).toLocaleString("en")} deals`);
    const list = await targets(conn);
    log(`${args.users} virtual users × ${args.durationS} s${args.thinkMs > 0 ? ` (think time 0–${2 * args.thinkMs} ms)` : " (no think time)"}; ${list.filter((t) => t.kind === "dashboard").length} dashboard URLs, ${list.filter((t) => t.kind === "api").length} API calls`);
    if (!args.baseUrl) log(`server: scripts/serve.ts with ${args.workers} process${args.workers === 1 ? "" : "es"} (--workers)`);
    const phases: { label: string; cache: boolean | null }[] = args.baseUrl
      ? [{ label: args.label, cache: null }]
      : args.phases.map((p) => ({ label: p === "cold" ? "cold (REPORT_CACHE=off)" : "warm (report cache on)", cache: p === "warm" }));
    for (const phase of phases) {
      let server: { base: string; child: ChildProcess } | null = null;
      try {
        if (phase.cache !== null) server = await startServer(args, phase.cache);
        const base = server?.base ?? args.baseUrl!;
        const cookie = await signIn(base);
        if (phase.cache === true || (phase.cache === null && /warm/i.test(phase.label))) await warmUp(base, cookie, key.key, list);
        const { samples, seconds } = await runPhase(base, cookie, key.key, list, args);
        const r = report(phase.label, samples, seconds);
        const target = phase.cache === false || /cold/i.test(phase.label) ? COLD_P99_MS : WARM_P99_MS;
        const pass = r.p99 < target && r.errors === 0;
        failed ||= !pass;
        summary.push(`${phase.label}: p99 ${fmt(r.p99)} (target < ${fmt(target)}), ${r.errors} errors and busy pages — ${pass ? "PASS" : "FAIL"}`);
      } finally {
        if (server) await stopServer(server.child);
      }
    }
  } finally {
    await revokeApiKey(conn.db, key.id).catch(() => undefined);
    await conn.close();
  }
  log("\n== summary");
  for (const s of summary) log(s);
  return failed ? 1 : 0;
}
