import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { resolve } from "node:path";
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";
import { embeddedLocation, embeddedUrl } from "./embedded/locate";
import { registerReplicas, replicaUrls } from "./replicas";

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
  /** Opened with `?embedded=1`: our embedded server, one PGlite backend shared by its clients. */
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Whether a database handle talks to our embedded server (its Connection was opened with
 * `?embedded=1`). There every client shares one PGlite backend that the server hands to one
 * client for a whole transaction, so work that needs a second connection at the same time —
 * parallel transactions sharing a snapshot, the outer handle inside `db.transaction` — must
 * not be attempted; nor can it take COPY FROM STDIN (the importer writes statements there).
 * Read from the pool's own options (connect turns named prepared statements off exactly for the
 * embedded server), not from a registry of this module: Next.js may load this module more than
 * once in one server (route handlers and server components), while the pool is shared through
 * globalThis, and a registry of one copy does not know the pools another copy opened.
 */
export function isEmbedded(db: Pick<Db, "$client"> | Connection): boolean {
  const client = "$client" in db ? db.$client : db.sql;
  return client.options.prepare === false;
}

/** The message of the error a guarded connection throws; see guardTransactions. */
export const OUTER_HANDLE_IN_TRANSACTION =
  "use the transaction handle `tx` inside db.transaction(...); the embedded database has a single backend";

/** Whether connections check for the outer handle inside a transaction: development and tests. */
function guardByDefault(): boolean {
  return process.env.NODE_ENV !== "production" || Boolean(process.env.VITEST);
}

type TransactionBody<T> = (tx: postgres.TransactionSql) => T | Promise<T>;

/**
 * Wraps a pool so that using it — rather than the transaction's own `tx` — from inside one of
 * its own transactions throws at once instead of hanging.
 *
 * On the embedded server that use would wait forever: the server gives the single backend to
 * the transaction's connection until it ends, the transaction waits for its callback, and the
 * callback waits for the second connection. (On PostgreSQL it "works", but outside the
 * transaction: it does not see the transaction's writes and can deadlock on its locks.)
 *
 * `begin` runs its callback inside an AsyncLocalStorage marker of this pool; every way of
 * starting work on the pool — tagged-template queries, `unsafe`, `file`, `begin`, `reserve` —
 * checks the marker of the async context it is called from. So only work started from inside
 * the transaction's own callback is refused: another request using the pool at the same time
 * (its own async context) just waits for the transaction as usual, and the `tx` handle, its
 * savepoints and connections reserved before (the KPI engine's snapshot-sharing parallel run)
 * are separate objects that are not checked. Fragments for a transaction's statements must
 * come from `tx` too (a template fragment of the pool counts as a query).
 */
function guardTransactions(pool: postgres.Sql): postgres.Sql {
  // The store is the innermost open transaction of this pool in the current async context;
  // `open` turns false when it ends, so a timer or promise chain that outlives it is not refused.
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const refuse = () => {
    if (inTransaction.getStore()?.open) throw new Error(OUTER_HANDLE_IN_TRANSACTION);
  };
  const begin = ((optionsOrBody: string | TransactionBody<unknown>, maybeBody?: TransactionBody<unknown>) => {
    refuse();
    const body = typeof optionsOrBody === "function" ? optionsOrBody : maybeBody;
    if (!body) throw new TypeError("begin: a transaction callback is required");
    const marked = async (tx: postgres.TransactionSql) => {
      const state = { open: true };
      try {
        return await inTransaction.run(state, () => body(tx));
      } finally {
        state.open = false;
      }
    };
    return typeof optionsOrBody === "string" ? pool.begin(optionsOrBody, marked) : pool.begin(marked);
  }) as postgres.Sql["begin"];
  const checked = {
    begin,
    unsafe: ((...args: Parameters<postgres.Sql["unsafe"]>) => {
      refuse();
      return pool.unsafe(...args);
    }) as postgres.Sql["unsafe"],
    file: ((...args: Parameters<postgres.Sql["file"]>) => {
      refuse();
      return pool.file(...args);
    }) as postgres.Sql["file"],
    reserve: () => {
      refuse();
      return pool.reserve();
    },
  } satisfies Partial<Record<keyof postgres.Sql, unknown>>;
  return new Proxy(pool, {
    // A tagged template (sql`select …`) starts a query; `sql(rows, "id")` only builds a helper.
    apply(target, thisArg, args: unknown[]) {
      if (Array.isArray(args[0]) && "raw" in args[0]) refuse();
      return Reflect.apply(target, thisArg, args) as unknown;
    },
    get(target, prop) {
      if (typeof prop === "string" && Object.hasOwn(checked, prop)) return checked[prop as keyof typeof checked];
      return Reflect.get(target, prop, target) as unknown;
    },
  });
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

/**
 * Opens a connection pool for a URL. `?embedded=1` marks our embedded server: it shares one
 * backend between clients, so named prepared statements are off and the pool is small. In
 * development and tests (see guardTransactions) the outer handle refuses to be used inside its
 * own transactions; `guard` overrides that. Connections carry DB_TIMEOUTS (`timeouts` overrides
 * them, e.g. for a fault test).
 */
export function connect(
  url: string,
  opts: { max?: number; guard?: boolean; timeouts?: Partial<Record<keyof typeof DB_TIMEOUTS, number>> } = {},
): Connection {
  const parsed = new URL(url);
  const embedded = parsed.searchParams.get("embedded") === "1";
  parsed.searchParams.delete("embedded");
  const timeouts = { ...DB_TIMEOUTS, ...opts.timeouts };
  const pool = postgres(parsed.toString(), {
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
  const sql = (opts.guard ?? guardByDefault()) ? guardTransactions(pool) : pool;
  const db = drizzle(sql, { schema }) as Db;
  return { db, sql, embedded, close: () => pool.end({ timeout: 5 }) };
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

const globalForDb = globalThis as unknown as {
  alignboardDb?: Promise<Connection>;
  alignboardHealthDb?: Promise<Connection>;
  alignboardReplicas?: Connection[];
};

/**
 * The process-wide connection (cached across Next.js hot reloads). With DATABASE_REPLICA_URLS,
 * the replicas are opened with it and registered as its read replicas (db/replicas.ts).
 */
export function getConnection(): Promise<Connection> {
  globalForDb.alignboardDb ??= resolveDatabaseUrl().then((url) => {
    const primary = connect(url);
    const urls = replicaUrls();
    if (urls.length > 0) {
      globalForDb.alignboardReplicas ??= urls.map((u) => connect(u));
      registerReplicas(primary.db, globalForDb.alignboardReplicas.map((c) => c.db));
    }
    return primary;
  });
  return globalForDb.alignboardDb;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

/**
 * The health check's own one-connection pool to the same database (process-wide): whether the
 * database answers must not depend on whether the report pool is busy, or a saturated pool
 * would read as an outage (/api/v1/health, lib/api/health.ts).
 */
export async function getHealthDb(): Promise<Db> {
  globalForDb.alignboardHealthDb ??= resolveDatabaseUrl().then((url) => connect(url, { max: 1 }));
  return (await globalForDb.alignboardHealthDb).db;
}
