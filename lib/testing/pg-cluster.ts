import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Throwaway PostgreSQL clusters for fault and scale-out tests (db/outage.test.ts,
 * db/replicas.test.ts): the server binaries under /usr/lib/postgresql/<version>/bin (initdb,
 * pg_ctl, pg_basebackup), run as the `postgres` user when the tests run as root (the server
 * refuses root). `CLUSTER_SKIP_REASON` says why such a test must be skipped on this machine.
 */

export const PG_BIN = (() => {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((v) => join(root, v, "bin"))
    .find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")) && existsSync(join(dir, "pg_basebackup")));
  return found ?? null;
})();

/** initdb and the server refuse to run as root: run them as the `postgres` user then. */
export const RUN_AS = ((): { uid?: number; gid?: number } | null => {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
})();

export const CLUSTER_SKIP_REASON = !PG_BIN
  ? "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl, pg_basebackup)"
  : RUN_AS === null
    ? "running as root without a postgres user to run initdb as"
    : null;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A temp folder the cluster's user owns. */
export function clusterDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (RUN_AS && RUN_AS.uid !== undefined && RUN_AS.gid !== undefined) chownSync(dir, RUN_AS.uid, RUN_AS.gid);
  return dir;
}

function runSync(tool: string, args: string[]): void {
  const r = spawnSync(join(PG_BIN!, tool), args, { ...RUN_AS, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout}`);
}

/** initdb of `dataDir` (trust auth, user postgres, UTF8). */
export function initCluster(dataDir: string): void {
  runSync("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
}

/**
 * A streaming replica of the cluster on `primaryPort` in `dataDir` (pg_basebackup -R writes
 * standby.signal and primary_conninfo). The primary's default settings (wal_level replica,
 * max_wal_senders 10) and its local trust rule for replication suffice.
 */
export function baseBackup(primaryPort: number, dataDir: string): void {
  runSync("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", dataDir, "-R", "-X", "stream", "--no-sync"]);
}

/** pg_ctl on `dataDir`, asynchronously (a load may keep running while a cluster stops and starts). */
export function pgCtl(dataDir: string, ...args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    execFile(join(PG_BIN!, "pg_ctl"), ["-D", dataDir, ...args], { ...RUN_AS, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pg_ctl ${args.join(" ")} failed: ${stderr || stdout}`));
      else resolve();
    });
  });
}

/** Starts the cluster on a loopback port (socket in `socketDir`), fsync off. */
export function startCluster(dataDir: string, port: number, socketDir: string, logFile: string, extra = ""): Promise<void> {
  return pgCtl(dataDir, "-w", "-l", logFile, "-o", `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 ${extra}`.trim(), "start");
}

/** Stops the cluster at once (ignoring failures) and removes its folder. */
export function destroyCluster(dir: string, dataDirs: readonly string[]): void {
  for (const d of dataDirs) spawnSync(join(PG_BIN!, "pg_ctl"), ["-D", d, "-m", "immediate", "stop"], { ...RUN_AS, timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
}
