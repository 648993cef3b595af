import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CHANNELS } from "@/lib/enums";
import { CliError, parseArgs, runCli } from "@/lib/cli/run";
import { importFolder } from "@/lib/import";
import { importUpload } from "@/lib/import/mapping";

/**
 * `npm run bench:import -- [--rows 1000000] [--keep] [--mapping] [--fresh] [--statements] [--no-baseline]`: writes
 * a synthetic leads.csv (and the team members, campaigns and accounts it refers to) to a temp
 * folder, imports it into the database of DATABASE_URL (or the embedded one) and prints rows,
 * seconds, rows/s and the peak resident memory. Run it twice to time the all-unchanged path as
 * well; `--fresh` empties leads and their facts first (`truncate leads, kpi_lead_facts cascade`: a bench database only), so that
 * every run times the insert path. `--statements` imports with `copy: false` (the statement path
 * PGlite uses, and the importer's only path before issue 15 item 5) for a before/after comparison.
 *
 * The `\copy` baseline (issue 15 item 5: the importer at least 0.5× its speed), on the PostgreSQL
 * server only, right before the import: the same leads.csv streamed with `COPY … FROM STDIN (format
 * csv)` (what psql's `\copy` sends) into an empty table with the columns and indexes of leads
 * (`like leads including all`: no foreign keys, no triggers), then dropped. Prints its rows/s
 * and the ratio importer ÷ \copy, for the leads.csv file alone (from its first progress event to
 * its last, i.e. parsing, validation, references and writing, without the run's ANALYZE) and for
 * the whole run. `--no-baseline` skips it.
 *
 * `--mapping` (issue 14: the mapping layer costs at most 1.3× the canonical import) also writes
 * the same leads as a HubSpot contacts export (its headers, `YYYY-MM-DD HH:mm` times, HubSpot
 * source values, other ids so both runs insert) and imports it through importUpload after the
 * canonical run, printing both times and their ratio.
 */
const { flags } = parseArgs(process.argv.slice(2));
const rowsFlag = flags.get("rows");
const ROWS = rowsFlag === undefined ? 1_000_000 : Number(rowsFlag);
if (!Number.isInteger(ROWS) || ROWS <= 0) throw new CliError("--rows must be a positive integer");
const ACCOUNTS = Math.max(10, Math.round(ROWS / 50));
const REPS = 40;
const CAMPAIGNS = 30;

let seed = 12345;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

async function write(out: WriteStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, "drain");
}
async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, "finish");
}

const HUBSPOT_SOURCE: Record<string, string> = {
  organic_search: "ORGANIC_SEARCH",
  paid_search: "PAID_SEARCH",
  organic_social: "SOCIAL_MEDIA",
  paid_social: "PAID_SOCIAL",
  email: "EMAIL_MARKETING",
  referral: "REFERRALS",
  direct: "DIRECT_TRAFFIC",
  unknown: "OFFLINE",
};
const hubspotTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

async function generate(dir: string, hubspotDir: string | null): Promise<void> {
  const tm = createWriteStream(join(dir, "team_members.csv"));
  await write(tm, "email,name,team,role\n");
  for (let i = 0; i < REPS; i++) await write(tm, `rep${i}@bench.example,Rep ${i},${i % 3 === 0 ? "marketing" : "sales"},rep\n`);
  await close(tm);

  const cp = createWriteStream(join(dir, "campaigns.csv"));
  await write(cp, "campaign_id,name,channel,started_on,ended_on,cost\n");
  for (let i = 0; i < CAMPAIGNS; i++) await write(cp, `C${i},Campaign ${i},${pick(CHANNELS)},2024-01-01,,${(1000 + i * 10).toFixed(2)}\n`);
  await close(cp);

  const ac = createWriteStream(join(dir, "accounts.csv"));
  await write(ac, "account_id,name,industry,segment,region,customer_since,churned_on\n");
  for (let i = 0; i < ACCOUNTS; i++) await write(ac, `A${i},Account ${i},software,${pick(["smb", "mid_market", "enterprise"])},emea,,\n`);
  await close(ac);

  const hs = hubspotDir ? createWriteStream(join(hubspotDir, "hubspot-crm-exports-all-contacts-2024-06-30.csv")) : null;
  if (hs) {
    await write(
      hs,
      `"Record ID","First Name","Last Name","Email","Associated Company IDs","Create Date","Original Source","Contact owner","Became a Marketing Qualified Lead Date","Became a Sales Qualified Lead Date","Became a Customer Date"\n`,
    );
  }
  const ld = createWriteStream(join(dir, "leads.csv"));
  await write(
    ld,
    "lead_id,email,first_name,last_name,account_id,created_at,source_channel,campaign_id,owner_email,mql_at,sql_at,rejected_at,rejection_reason,customer_at\n",
  );
  const base = Date.UTC(2023, 0, 1);
  const day = 86_400_000;
  for (let i = 0; i < ROWS; i++) {
    const created = base + Math.floor(rand() * 800 * day);
    const mql = rand() < 0.4 ? created + Math.floor(rand() * 20 * day) : null;
    const r = rand();
    const sqlAt = mql && r < 0.4 ? mql + Math.floor(rand() * 5 * day) : null;
    const rejected = mql && !sqlAt && r > 0.85 ? mql + Math.floor(rand() * 5 * day) : null;
    const customer = sqlAt && rand() < 0.3 ? sqlAt + Math.floor(rand() * 60 * day) : null;
    const account = rand() < 0.7 ? `A${Math.floor(rand() * ACCOUNTS)}` : "";
    const channel = pick(CHANNELS);
    const owner = rand() < 0.8 ? `rep${Math.floor(rand() * REPS)}@bench.example` : "";
    await write(
      ld,
      [
        `L${i}`,
        `lead${i}@company${i % 997}.example`,
        `First${i % 1000}`,
        `Last${i % 777}`,
        account,
        iso(created),
        channel,
        rand() < 0.3 ? `C${Math.floor(rand() * CAMPAIGNS)}` : "",
        owner,
        mql ? iso(mql) : "",
        sqlAt ? iso(sqlAt) : "",
        rejected ? iso(rejected) : "",
        rejected ? "no budget" : "",
        customer ? iso(customer) : "",
      ].join(",") + "\n",
    );
    if (hs) {
      const q = (v: string) => `"${v}"`;
      await write(
        hs,
        [
          `H${i}`,
          `First${i % 1000}`,
          `Last${i % 777}`,
          `hlead${i}@company${i % 997}.example`,
          account,
          hubspotTime(created),
          HUBSPOT_SOURCE[channel] ?? channel,
          owner,
          mql ? hubspotTime(mql) : "",
          sqlAt ? hubspotTime(sqlAt) : "",
          customer ? hubspotTime(customer) : "",
        ]
          .map(q)
          .join(",") + "\n",
      );
    }
  }
  await close(ld);
  if (hs) await close(hs);
}

/** The 1, 5 and 15 minute load averages, printed with each timing (the machine may be shared). */
const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");

/** A CHECKPOINT before a timed phase, so that one phase's dirty pages are not written during the next (needs superuser: skipped otherwise). */
async function checkpoint(sql: postgres.Sql): Promise<void> {
  await sql.unsafe("checkpoint").catch(() => undefined);
}

const LEADS_COLUMNS =
  "lead_id,email,first_name,last_name,account_id,created_at,source_channel,campaign_id,owner_email,mql_at,sql_at,rejected_at,rejection_reason,customer_at";

/**
 * Times `\copy` of leads.csv into an empty table like leads (columns, defaults, checks and
 * indexes; LIKE copies no foreign keys and no triggers); drops it. With psql on the PATH it is
 * psql's own `\copy` (DATABASE_URL); otherwise the same COPY FROM STDIN streamed by postgres.js
 * in 1 MB chunks (measured ~1.4× slower than psql's on this machine, so the ratio flatters the
 * importer then: the output says which one ran).
 */
async function copyBaseline(sql: postgres.Sql, file: string): Promise<{ secs: number; via: string }> {
  const table = "bench_copy_baseline";
  await sql.unsafe(`drop table if exists ${table}`);
  await sql.unsafe(`create table ${table} (like leads including all)`);
  try {
    await checkpoint(sql);
    const url = process.env.DATABASE_URL;
    const psql = url ? spawnSync("psql", ["--version"], { encoding: "utf8" }) : null;
    if (url && psql && psql.status === 0) {
      const started = Date.now();
      const run = spawnSync(
        "psql",
        [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy ${table} (${LEADS_COLUMNS}) from '${file.replace(/'/g, "''")}' with (format csv, header true)`],
        { encoding: "utf8" },
      );
      const secs = (Date.now() - started) / 1000;
      if (run.status !== 0) throw new Error(`psql \\copy failed: ${run.stderr.trim()}`);
      return { secs, via: "psql \\copy" };
    }
    const started = Date.now();
    await sql.begin(async (tx) => {
      const writable = await tx.unsafe(`copy ${table} (${LEADS_COLUMNS}) from stdin with (format csv, header true)`).writable();
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    });
    return { secs: (Date.now() - started) / 1000, via: "COPY FROM STDIN by postgres.js (no psql on the PATH)" };
  } finally {
    await sql.unsafe(`drop table if exists ${table}`);
  }
}

await runCli(async ({ db, sql, embedded }) => {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-bench-"));
  const withMapping = flags.has("mapping");
  const hubspotDir = withMapping ? mkdtempSync(join(tmpdir(), "alignboard-bench-hubspot-")) : null;
  try {
    const genStart = Date.now();
    await generate(dir, hubspotDir);
    console.log(`generated ${ROWS.toLocaleString("en-US")} leads in ${((Date.now() - genStart) / 1000).toFixed(1)} s (${dir})`);
    if (flags.has("fresh")) await sql.unsafe("truncate leads, kpi_lead_facts cascade");
    // The baseline first: after the import, autovacuum and the run's ANALYZE of a million new
    // leads would run beside it.
    const baseline = !embedded && !flags.has("no-baseline") ? await copyBaseline(sql, join(dir, "leads.csv")) : null;
    if (baseline) {
      console.log(
        `\\copy baseline (${baseline.via}: leads.csv into a table with the columns and indexes of leads): ` +
          `seconds ${baseline.secs.toFixed(1)}  rows/s ${Math.round(ROWS / baseline.secs)}  load average ${load()}`,
      );
    }
    await checkpoint(sql);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const rssAtStart = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const started = Date.now();
    let leadsStart = 0;
    let leadsEnd = 0;
    const report = await importFolder(db, dir, {
      source: "bench",
      ...(flags.has("statements") ? { copy: false } : {}),
      onProgress: (p) => {
        if (p.file !== "leads.csv") return;
        if (leadsStart === 0) leadsStart = Date.now();
        leadsEnd = Date.now();
      },
    });
    const secs = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const leadsSecs = (leadsEnd - leadsStart) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const leads = report.files.find((f) => f.file === "leads.csv")!;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `leads.csv: inserted ${leads.inserted}, updated ${leads.updated}, unchanged ${leads.unchanged}, rejected ${leads.rejected}`,
    );
    console.log(
      `rows ${ROWS}  seconds ${secs.toFixed(1)}  rows/s ${Math.round(ROWS / secs)}  ` +
        `peak RSS ${mb(peakRss)} (at import start ${mb(rssAtStart)}; process max ${mb(process.resourceUsage().maxRSS * 1024)})  ` +
        `Node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
    );
    console.log(`leads.csv alone: seconds ${leadsSecs.toFixed(1)}  rows/s ${Math.round(ROWS / leadsSecs)}  load average ${load()}`);
    if (baseline) {
      const copySecs = baseline.secs;
      console.log(
        `ratio importer / \\copy: leads.csv ${(copySecs / leadsSecs).toFixed(2)}x, whole run ${(copySecs / secs).toFixed(2)}x (target at least 0.5x)`,
      );
    }
    if (!hubspotDir) return report.ok ? 0 : 1;
    const mappedStart = Date.now();
    const mapped = await importUpload(db, hubspotDir, { source: "bench" });
    const mappedSecs = (Date.now() - mappedStart) / 1000;
    const f = mapped.files[0]!;
    console.log(`mapped ${f.file}: inserted ${f.inserted}, updated ${f.updated}, unchanged ${f.unchanged}, rejected ${f.rejected}`);
    console.log(
      `mapping layer: rows ${ROWS}  seconds ${mappedSecs.toFixed(1)}  rows/s ${Math.round(ROWS / mappedSecs)}  ` +
        `ratio ${(mappedSecs / secs).toFixed(2)}x the canonical import (target at most 1.3x)`,
    );
    return report.ok && mapped.ok ? 0 : 1;
  } finally {
    if (!flags.has("keep")) {
      rmSync(dir, { recursive: true, force: true });
      if (hubspotDir) rmSync(hubspotDir, { recursive: true, force: true });
    }
  }
});
