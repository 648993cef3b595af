import { migrateDatabase } from "@/db/migrate";
import { parseArgs, runCli } from "@/lib/cli/run";
import { SEED_FILES, SEED_SCALES, type SeedScale } from "@/lib/seed/generate";
import { formatError } from "@/lib/import";
import { DEMO_USERS, seedDatabase } from "@/lib/seed/seed";

/**
 * `npm run db:seed -- [--scale small|large] [--seed N]` (defaults: small, 42): applies pending
 * migrations, generates the demo CSVs (or reuses them, see lib/seed/seed.ts), imports them
 * through the regular importer and creates the demo login users.
 */

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function parse(argv: string[]): { scale: SeedScale; seed: number } {
  const { flags, positional } = parseArgs(argv);
  if (positional.length > 0) fail(`unexpected argument "${positional[0]}"; usage: db:seed -- [--scale small|large] [--seed N]`);
  for (const key of flags.keys()) {
    if (key !== "scale" && key !== "seed") fail(`unknown option --${key}; usage: db:seed -- [--scale small|large] [--seed N]`);
  }
  const rawScale = flags.get("scale") ?? "small";
  if (rawScale === true || !SEED_SCALES.includes(rawScale as SeedScale)) {
    fail(`--scale must be one of ${SEED_SCALES.join(", ")}${rawScale === true ? " (no value given)" : ` (got "${rawScale}")`}`);
  }
  const rawSeed = flags.get("seed") ?? "42";
  if (rawSeed === true || !/^\d{1,10}$/.test(rawSeed) || Number(rawSeed) > 0xffffffff) {
    fail(`--seed must be an integer from 0 to 4294967295${rawSeed === true ? " (no value given)" : ` (got "${rawSeed}")`}`);
  }
  return { scale: rawScale as SeedScale, seed: Number(rawSeed) };
}

const args = parse(process.argv.slice(2));

/** One self-overwriting status line on a terminal; nothing when output is redirected. */
function progressLine(): { update(message: string): void; clear(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let lastAt = 0;
  return {
    update(message) {
      const at = Date.now();
      if (!tty || (at - lastAt < 80 && !message.endsWith("100%") && !message.startsWith("creating"))) return;
      lastAt = at;
      shown = true;
      process.stderr.write(`\r\x1b[K${message}`);
    },
    clear() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

await runCli(async ({ db }) => {
  const started = performance.now();
  await migrateDatabase(db);
  const progress = progressLine();
  let summary;
  try {
    summary = await seedDatabase(db, { ...args, onProgress: (message) => progress.update(message) });
  } finally {
    progress.clear();
  }

  const { import: report } = summary;
  console.log(
    `demo data: scale ${args.scale}, seed ${args.seed} — CSVs ${summary.reused ? "reused from" : "generated in"} ${summary.folder}`,
  );
  const rows = [["file", "rows", "inserted", "updated", "unchanged", "rejected"]];
  for (const f of SEED_FILES) {
    const r = report.files.find((x) => x.file === f || x.file === `${f}.csv`);
    rows.push([
      f,
      String(summary.counts[f] ?? 0),
      String(r?.inserted ?? 0),
      String(r?.updated ?? 0),
      String(r?.unchanged ?? 0),
      String(r?.rejected ?? 0),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  const secs = (performance.now() - started) / 1000;
  const t = summary.timings;
  console.log(
    `elapsed ${secs.toFixed(1)} s (generate ${t.generate.toFixed(1)} s, import ${t.import.toFixed(1)} s, demo users ${t.users.toFixed(1)} s)`,
  );
  console.log("demo logins:");
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)}  ${u.email.padEnd(30)}  ${u.password}`);

  if (!report.ok) {
    for (const e of report.errors.slice(0, 10)) process.stderr.write(`${formatError(e)}\n`);
    const total = report.errors.length + (report.omittedErrors ?? 0);
    throw new Error(`the importer rejected ${total} row(s) of the demo data`);
  }
});
