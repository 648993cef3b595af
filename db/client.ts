import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { resolve } from "node:path";
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";
import { embeddedLocation, embeddedUrl } from "./embedded/locate";

/**
 * The one database access path. Everything (the app, scripts, tests) talks to PostgreSQL
 * through postgres.js and Drizzle. With DATABASE_URL that is the operator's server; without
 * it, the embedded PGlite database under .data/, served on a loopback port by
 * db/embedded/server-main.ts, which this module starts on demand (and which stops by itself
 * once no client has been connected for a while).
 */
export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export interface Connection {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * Timeouts that keep a database outage from hanging the app (issue 8 item 1; see
 * db/unavailable.ts for how the failures are answered):
 * - `connectSeconds`: postgres.js gives up opening a connection after this long, so requests
 *   during an outage fail fast instead of queueing;
 * - `statementMs` (PostgreSQL server only): no statement runs longer (the slowest legitimate
 *   ones, migrations of a large database, stay well under it);
 * - `idleInTransactionMs` (PostgreSQL server only): the server ends a session that sits idle
 *   inside a transaction this long, so a client that vanished (or hung) mid-transaction never
 *   holds its locks and snapshot for good.
 * The embedded server gets only a (longer) connect timeout: its PGlite backend is shared by every
 * client, and ending "the session" there would end everyone's.
 */
export const DB_TIMEOUTS = { connectSeconds: 5, statementMs: 300_000, idleInTransactionMs: 60_000 } as const;

/** The connect timeout on the embedded server (see connect). */
const EMBEDDED_CONNECT_SECONDS = 60;

/** Opens a connection pool for a URL. `?embedded=1` marks our embedded server: it shares one
 * backend between clients, so named prepared statements are off and the pool is small.
 * Connections carry DB_TIMEOUTS (`timeouts` overrides them, e.g. for a fault test). */
export function connect(
  url: string,
  opts: { max?: number; timeouts?: Partial<Record<keyof typeof DB_TIMEOUTS, number>> } = {},
): Connection {
  const parsed = new URL(url);
  const embedded = parsed.searchParams.get("embedded") === "1";
  parsed.searchParams.delete("embedded");
  const timeouts = { ...DB_TIMEOUTS, ...opts.timeouts };
  const sql = postgres(parsed.toString(), {
    max: opts.max ?? (embedded ? 4 : 10),
    prepare: !embedded,
    onnotice: () => undefined,
    // The embedded server answers its first client only once PGlite has loaded (seconds, on a
    // fresh data folder): it gets longer.
    connect_timeout: embedded && opts.timeouts?.connectSeconds === undefined ? EMBEDDED_CONNECT_SECONDS : timeouts.connectSeconds,
    // postgres.js waits before reconnecting after failures, growing to 20 s (3^n/100 s): every
    // request of an outage would queue behind that wait. A short fixed pause instead: a request
    // during an outage fails at once (refused, or connect_timeout), and the first one after it
    // connects.
    backoff: () => 0.2,
    // JIT compilation costs far more than it saves on the short, index-driven report
    // statements here (over a second of compile time on the large dataset).
    connection: embedded
      ? { TimeZone: "UTC" }
      : {
          TimeZone: "UTC",
          jit: "off",
          statement_timeout: timeouts.statementMs,
          idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
        },
    types: {
      // numeric stays a string so money is never squeezed through a float on the way in.
      numeric: { to: 1700, from: [1700], serialize: (v: string) => v, parse: (v: string) => v },
    },
  });
  const db = drizzle(sql, { schema }) as Db;
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** Whether something accepts TCP connections on a loopback port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = netConnect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

/** Starts the embedded server if it is not running and returns its URL. */
export async function ensureEmbeddedServer(): Promise<string> {
  const loc = embeddedLocation();
  if (await portOpen(loc.port)) return embeddedUrl(loc.port);
  mkdirSync(loc.root, { recursive: true });
  const log = openSync(loc.logFile, "a");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", resolve(process.cwd(), "db/embedded/server-main.ts"), "--idle-exit", "30000"],
    { detached: true, stdio: ["ignore", log, log], env: { ...process.env, ALIGNBOARD_DB_PORT: String(loc.port) } },
  );
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await portOpen(loc.port)) return embeddedUrl(loc.port);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the embedded database did not start; see ${loc.logFile}`);
}

/** DATABASE_URL when set, otherwise the embedded database (started if needed). */
export async function resolveDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  return url && url.trim() !== "" ? url : ensureEmbeddedServer();
}

const globalForDb = globalThis as unknown as { alignboardDb?: Promise<Connection> };

/** The process-wide connection (cached across Next.js hot reloads). */
export function getConnection(): Promise<Connection> {
  globalForDb.alignboardDb ??= resolveDatabaseUrl().then((url) => connect(url));
  return globalForDb.alignboardDb;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}
