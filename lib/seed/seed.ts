import "server-only";
import { existsSync } from "node:fs";
import { seedRoadmap } from "@/lib/roadmap/seed";
import { seedContentVoice } from "./content-voice";
import { seedWorkspace } from "./workspace";
import { readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Db } from "@/db/client";
import type { Role } from "@/lib/enums";
import { DEMO_USERS } from "./demo-users";
import { importFolder, type ImportReport } from "@/lib/import";
import { upsertUser } from "@/lib/users/users";
import {
  GENERATOR_VERSION,
  SEED_FILES,
  defaultSeedNow,
  generateDataset,
  type SeedScale,
} from "./generate";

/**
 * The demo login users, one per role, with fixed, public credentials (demo only — change or
 * disable them on any installation that holds real data):
 *
 * | e-mail                          | password               | role       |
 * |---------------------------------|------------------------|------------|
 * | admin@alignboard.example        | `admin-demo-pass`      | admin      |
 * | leadership@alignboard.example   | `leadership-demo-pass` | leadership |
 * | marketing@alignboard.example    | `marketing-demo-pass`  | marketing  |
 * | sales@alignboard.example        | `sales-demo-pass`      | sales      |
 */
export { DEMO_USERS };

export type SeedProgress =
  | { phase: "generating"; fraction: number; leads: number }
  | { phase: "importing"; file: string; rows: number; bytesRead: number; bytesTotal: number }
  | { phase: "users" };

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** Where the CSVs go; default {@link seedFolder}. */
  folder?: string;
  /** End of the data (default: start of the current month, UTC; see generate.ts). */
  now?: Date;
  /**
   * Progress: a one-line human message ("importing leads.csv 37% (12,345 rows)") — only
   * called when the message changes — and the same as structured data.
   */
  onProgress?: (message: string, detail: SeedProgress) => void;
}

export interface SeedSummary {
  folder: string;
  /** The CSVs were already there from an earlier run with the same parameters. */
  reused: boolean;
  /** Rows per generated file. */
  counts: Record<string, number>;
  /** The importer's report (per-file inserted/updated/unchanged/rejected, errors, ok). */
  import: ImportReport;
  users: { email: string; role: Role; created: boolean }[];
  /** What the starter roadmap added (nothing when the board already had cards). */
  roadmap: { columnsCreated: number; cardsCreated: number };
  /** Wall-clock seconds of the whole run. */
  seconds: number;
  /** Seconds per phase. */
  timings: { generate: number; import: number; users: number };
}

/** The human-readable progress line for a progress event. */
export function progressMessage(p: SeedProgress): string {
  const n = (x: number) => x.toLocaleString("en");
  if (p.phase === "generating") return `generating CSVs… ${Math.floor(p.fraction * 100)}% (${n(p.leads)} leads)`;
  if (p.phase === "importing") {
    const pct = p.bytesTotal > 0 ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 100;
    return `importing ${p.file} ${pct}% (${n(p.rows)} rows)`;
  }
  return "creating demo users…";
}

function progressReporter(onProgress: SeedOptions["onProgress"]): (p: SeedProgress) => void {
  let last = "";
  return (p) => {
    if (!onProgress) return;
    const message = progressMessage(p);
    if (message === last) return;
    last = message;
    onProgress(message, p);
  };
}

interface Manifest {
  generatorVersion: number;
  scale: SeedScale;
  seed: number;
  now: string;
  counts: Record<string, number>;
  bytes: Record<string, number>;
}

/** `<data dir>/seed/<scale>-<seed>`, the data dir being ALIGNBOARD_DATA_DIR or `.data`. */
export function seedFolder(scale: SeedScale, seed: number): string {
  return resolve(process.env.ALIGNBOARD_DATA_DIR ?? ".data", "seed", `${scale}-${seed}`);
}

const MANIFEST = "manifest.json";

async function readManifest(folder: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(resolve(folder, MANIFEST), "utf8")) as Manifest;
  } catch {
    return null;
  }
}

/** True when `folder` holds a complete dataset generated with exactly these parameters. */
async function reusable(folder: string, want: Omit<Manifest, "counts" | "bytes">): Promise<Manifest | null> {
  const m = await readManifest(folder);
  if (
    !m ||
    m.generatorVersion !== want.generatorVersion ||
    m.scale !== want.scale ||
    m.seed !== want.seed ||
    m.now !== want.now
  )
    return null;
  for (const f of SEED_FILES) {
    try {
      if ((await stat(resolve(folder, `${f}.csv`))).size !== m.bytes[f]) return null;
    } catch {
      return null;
    }
  }
  return m;
}

/**
 * Ensures the demo CSVs exist (generating them, or reusing an earlier generation with the same
 * scale, seed, `now` and generator version — recorded in `manifest.json`). Generation writes to
 * a temporary sibling folder that is renamed into place, so a crash never leaves a half dataset
 * that looks complete.
 */
export async function ensureDataset(
  opts: SeedOptions,
): Promise<{ folder: string; reused: boolean; counts: Record<string, number> }> {
  const progress = progressReporter(opts.onProgress);
  const folder = opts.folder ?? seedFolder(opts.scale, opts.seed);
  const now = (opts.now ?? defaultSeedNow()).toISOString();
  const want = { generatorVersion: GENERATOR_VERSION, scale: opts.scale, seed: opts.seed, now };
  const existing = await reusable(folder, want);
  if (existing) {
    progress({ phase: "generating", fraction: 1, leads: existing.counts.leads ?? 0 });
    return { folder, reused: true, counts: existing.counts };
  }
  // Only ever replace a folder this module made (it has a manifest) or an empty one.
  if (existsSync(folder) && !existsSync(resolve(folder, MANIFEST)) && (await readdir(folder)).length > 0) {
    throw new Error(`${folder} exists and is not a generated demo dataset; refusing to overwrite it`);
  }
  const tmp = `${folder}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    const { counts } = await generateDataset(tmp, {
      scale: opts.scale,
      seed: opts.seed,
      now: new Date(now),
      onProgress: (p) => progress({ phase: "generating", ...p }),
    });
    const bytes: Record<string, number> = {};
    for (const f of SEED_FILES) bytes[f] = (await stat(resolve(tmp, `${f}.csv`))).size;
    const manifest: Manifest = { ...want, counts, bytes };
    await writeFile(resolve(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(folder)) await rm(folder, { recursive: true, force: true });
    await rename(tmp, folder);
    return { folder, reused: false, counts };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** Creates (or updates) the demo login users of {@link DEMO_USERS}. Idempotent. */
export async function upsertDemoUsers(db: Db): Promise<{ email: string; role: Role; created: boolean }[]> {
  const out: { email: string; role: Role; created: boolean }[] = [];
  for (const u of DEMO_USERS) {
    const { created } = await upsertUser(db, u, { label: "seed" });
    out.push({ email: u.email, role: u.role, created });
  }
  return out;
}

/**
 * Seeds demo data: generates (or reuses) the CSVs, imports them through the same importer a
 * customer's export goes through, then creates the demo users. Import row errors do not throw;
 * they are in `summary.import` (`ok` is false) for the caller to report.
 */
export async function seedDatabase(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const t0 = performance.now();
  const dataset = await ensureDataset(opts);
  const t1 = performance.now();
  const progress = progressReporter(opts.onProgress);
  const report = await importFolder(db, dataset.folder, {
    source: "seed",
    onProgress: (p) => progress({ phase: "importing", ...p }),
  });
  const t2 = performance.now();
  progress({ phase: "users" });
  const users = await upsertDemoUsers(db);
  // The starter roadmap follows the alignment stages; its cards need the demo users as owners.
  const roadmap = await seedRoadmap(db);
  await seedContentVoice(db);
  await seedWorkspace(db, opts.now); // the alignment workspace's demo history (lib/seed/workspace.ts)
  const t3 = performance.now();
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    folder: dataset.folder,
    reused: dataset.reused,
    counts: dataset.counts,
    import: report,
    users,
    roadmap,
    seconds: s(t3 - t0),
    timings: { generate: s(t1 - t0), import: s(t2 - t1), users: s(t3 - t2) },
  };
}
