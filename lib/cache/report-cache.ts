import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import { markReplicaDown, replicasOf } from "@/db/replicas";
import { now } from "@/lib/clock";
import { admissionFor, requestAdmissionStart } from "./admission";
import { compactReportVersions, readVersions, VERSIONS_SQL, type ReportVersions } from "./versions";

/**
 * The result cache of reports (issue 15 item 3). Wrap a report's computation with one call:
 *
 *     const result = await cachedReport(db, { report: "sla", params, asOf }, () => computeSla(db, params));
 *
 * - Key: the report's name + its normalized parameters (stable JSON: object keys sorted; the
 *   caller sorts lists whose order means nothing) + the `as_of` (below), valid only for the data
 *   and settings versions it was computed at (lib/cache/versions.ts: every import, every write to
 *   a report input table, every settings change moves them, at its commit). So after a write
 *   commits, no request started after it is answered from before it; and a result is stored only
 *   when the versions did not move while it was computed (read before and after), so it is
 *   exactly the result of the data of its versions.
 * - `as_of`: `{ at, isNow: false }` (pinned by the user) is part of the key: exact. With
 *   `isNow: true` (the request asked for "now"), a result computed for an as_of at most the TTL
 *   earlier (`REPORT_CACHE_TTL_SECONDS`, default 60) is served; the result carries its own
 *   as_of, which the page shows. Reports without an as_of omit it. Refresh ahead: a hit older
 *   than three quarters of the TTL (refreshAfterMs) starts one background recomputation for the
 *   request's as_of (the viewer is served the stored result meanwhile), so under steady traffic
 *   results are renewed before they lapse and nobody waits for the TTL. The refresh is claimed
 *   in the key's row until the TTL (claimRefresh), so one process of all the processes and
 *   instances runs it. It is background work with a budget: it starts only when this process
 *   runs fewer than `REPORT_REFRESH_CONCURRENCY` refreshes (default 1) and admission control has
 *   a permit to spare beyond one kept for viewers (all of them on the embedded database's one);
 *   otherwise it is left to a later hit, and a result nobody refreshed in time lapses at its TTL
 *   and is recomputed for the next viewer. So refreshing never queues viewers' computations
 *   behind it, and a key is renewed about once per TTL, not twice.
 * - Single flight: concurrent requests for one key in this process share one promise; across
 *   instances the first one takes a lease on the key's row of the UNLOGGED table `report_cache`
 *   and the others poll that row until the result is there (or the lease lapses, 20 s). A lease its
 *   own process left behind (its release failed, say in a database outage) is taken over at once.
 * - Every computation runs under the instance's admission control (./admission.ts): at most N at
 *   once, a bounded wait, then ReportBusyError (503 + Retry-After). Cache hits never wait.
 * - `REPORT_CACHE=off` turns the cache off (computations still go through admission): the load
 *   benchmark's cold runs, or an operator in doubt.
 *
 * Results must be plain JSON values (numbers, strings, booleans, null, arrays, objects): a hit
 * is the JSON text parsed again, so a Date would come back a string. Exact otherwise: a number
 * survives the round trip bit for bit, and object key order is kept (the column is text).
 *
 * - Read replicas (db/replicas.ts): `compute` gets the database to read from. That is a replica
 *   registered for `db` when one has replayed at least the data and settings versions this
 *   request looked up on the primary (so its answer holds every write the primary had committed
 *   then: the user's own, any finished import), otherwise `db` itself. A replica that fails is
 *   rested and the computation runs again on the primary. The cache rows and versions stay on
 *   the primary (`report_cache` is UNLOGGED: replicas do not have it).
 *
 * Do not call it inside a transaction, nor nest it (a computation starting another cached
 * computation would hold a permit while waiting for another).
 */

export interface ReportAsOf {
  /** The as_of the computation uses. */
  at: Date;
  /** The request asked for "now" (no as_of given): a recent enough result may be served. */
  isNow: boolean;
}

export interface ReportSpec {
  /** The report's name: "kpis", "sla", "content", "attribution", … */
  report: string;
  /** Its parameters (JSON-able; not the as_of). */
  params: unknown;
  asOf?: ReportAsOf | null;
}

export interface CacheOptions {
  /** false: compute (under admission control) without the cache. Default: REPORT_CACHE ≠ "off". */
  enabled?: boolean;
  /** How old (ms) a result may be for an as_of = now request. Default REPORT_CACHE_TTL_SECONDS × 1000. */
  ttlMs?: number;
}

export function cacheEnabled(): boolean {
  return (process.env.REPORT_CACHE ?? "").trim().toLowerCase() !== "off";
}

export function cacheTtlMs(): number {
  const raw = process.env.REPORT_CACHE_TTL_SECONDS?.trim();
  if (!raw) return 60_000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 86_400) throw new Error(`REPORT_CACHE_TTL_SECONDS must be a number of seconds from 0 to 86400; got "${raw}"`);
  return Math.round(n * 1000);
}

/**
 * How old (ms) an as_of = now result is when a hit starts its refresh ahead: three quarters of
 * the TTL, leaving a quarter for the recomputation. (Half, as before, renewed every hot key twice
 * per TTL: under the load test's ~100 hot keys that alone kept both cores busy.)
 */
export function refreshAfterMs(ttlMs: number): number {
  return Math.round(ttlMs * 0.75);
}

/** How many refreshes ahead one process runs at once (`REPORT_REFRESH_CONCURRENCY`, default 1; 0 turns refreshing ahead off). */
export function refreshConcurrency(): number {
  const raw = process.env.REPORT_REFRESH_CONCURRENCY?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new Error(`REPORT_REFRESH_CONCURRENCY must be a whole number from 0 to 100; got "${raw}"`);
  return n;
}

/** How long a lease lets other instances wait for one computation (then they compute too). */
const LEASE_MS = 20_000;
/** This process, as a lease owner (with the pool's number: two pools of one process are two owners). */
const INSTANCE = randomUUID();
/** How often stale rows are deleted and version rows compacted, per pool. */
const MAINTENANCE_MS = 5 * 60_000;

/** JSON with object keys sorted (Dates as ISO text, undefined left out): the same value, the same text. */
export function stableJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : norm(x)));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value)) ?? "null";
}

type AsOfMode = "none" | "at" | "now";

interface KeyParts {
  key: string;
  mode: AsOfMode;
  at: string | null;
}

/**
 * The row key: a hash of the report, its parameters and the as_of part. For "now" the part is
 * how far the as_of lies behind the clock, in whole minutes (a comparison period's "now − 1
 * year" is another key than the period's own "now"); whether a stored result is recent enough
 * is checked on its stored as_of, not by the key.
 */
function keyOf(spec: ReportSpec): KeyParts {
  const asOf = spec.asOf ?? null;
  let mode: AsOfMode = "none";
  let part = "";
  if (asOf) {
    mode = asOf.isNow ? "now" : "at";
    part = asOf.isNow ? `now-${Math.floor((now().getTime() - asOf.at.getTime()) / 60_000)}m` : asOf.at.toISOString();
  }
  const key = createHash("sha256").update(`${spec.report}\n${stableJson(spec.params)}\n${part}`).digest("base64url");
  return { key, mode, at: asOf ? asOf.at.toISOString() : null };
}

type Pool = postgres.Sql;

interface Lookup {
  versions: ReportVersions;
  hit: boolean;
  leased: boolean;
  result: string | null;
  /** The as_of of the stored result (ms), when it has one. */
  asOf: number | null;
}

async function lookup(pool: Pool, k: KeyParts, ttlMs: number): Promise<Lookup> {
  const [row] = await pool.unsafe<{ data: string; settings: string; result: string | null; hit: boolean | null; leased: boolean | null; as_of: Date | null }[]>(
    `with v as (${VERSIONS_SQL})
     select v.data::text as data, v.settings::text as settings,
            case when h.hit then c.result end as result, h.hit, h.leased, c.as_of
       from v
       left join report_cache c on c.key = $1
       left join lateral (
         select c.data_version = v.data and c.settings_version = v.settings as same) s on true
       left join lateral (
         select s.same and c.result is not null
                  and (case $2::text when 'none' then c.as_of is null
                                     when 'at' then c.as_of = $3::timestamptz
                                     else c.as_of between $3::timestamptz - $4::int * interval '1 millisecond' and $3::timestamptz end) as hit,
                s.same and c.result is null and c.lease_until > now() as leased) h on true`,
    [k.key, k.mode, k.at, ttlMs],
  );
  if (!row) throw new Error("report cache: the look-up returned nothing");
  return {
    versions: { data: Number(row.data), settings: Number(row.settings) },
    hit: row.hit === true,
    leased: row.leased === true,
    result: row.result,
    asOf: row.as_of ? new Date(row.as_of).getTime() : null,
  };
}

/** Takes the lease on the key for these versions; false when another computation holds it (or the row is newer). */
async function claim(pool: Pool, k: KeyParts, report: string, v: ReportVersions, owner: string): Promise<boolean> {
  // A lease of this very owner is stale (its computation is over — this one runs in the only
  // flight of the key here — but its release failed, e.g. the database went away): taken over.
  const rows = await pool.unsafe(
    `insert into report_cache as c (key, report, result, as_of, data_version, settings_version, computed_at, lease_until, lease_owner)
     values ($1, $2, null, null, $3, $4, null, now() + $5::int * interval '1 millisecond', $6)
     on conflict (key) do update
        set report = excluded.report, result = null, as_of = null, data_version = excluded.data_version,
            settings_version = excluded.settings_version, computed_at = null, lease_until = excluded.lease_until,
            lease_owner = excluded.lease_owner
      where not (c.result is null and c.lease_until > now() and c.lease_owner is distinct from excluded.lease_owner
                 and c.data_version = excluded.data_version and c.settings_version = excluded.settings_version)
        and c.data_version <= excluded.data_version and c.settings_version <= excluded.settings_version
     returning 1`,
    [k.key, report, v.data, v.settings, LEASE_MS, owner],
  );
  return rows.length > 0;
}

/** Stores a result computed at versions `v` (never over a row of newer versions). */
async function store(pool: Pool, k: KeyParts, report: string, v: ReportVersions, json: string): Promise<void> {
  await pool.unsafe(
    `insert into report_cache as c (key, report, result, as_of, data_version, settings_version, computed_at, lease_until)
     values ($1, $2, $3, $4::timestamptz, $5, $6, now(), null)
     on conflict (key) do update
        set report = excluded.report, result = excluded.result, as_of = excluded.as_of,
            data_version = excluded.data_version, settings_version = excluded.settings_version,
            computed_at = excluded.computed_at, lease_until = null, lease_owner = null, refresh_until = null
      where c.data_version <= excluded.data_version and c.settings_version <= excluded.settings_version`,
    [k.key, report, json, k.at, v.data, v.settings],
  );
}

/**
 * Claims the refresh ahead of the stored result of `k` for `forMs` (from `atMs`, the request's
 * clock): true for one caller across every process and instance until then, false for the others
 * (they keep serving the stored result). A claimant that fails leaves the claim to lapse; the
 * result itself lapses at its TTL anyway, and is then recomputed under a lease.
 */
async function claimRefresh(pool: Pool, k: KeyParts, atMs: number, forMs: number): Promise<boolean> {
  const rows = await pool.unsafe(
    `update report_cache set refresh_until = $2::timestamptz
      where key = $1 and result is not null and (refresh_until is null or refresh_until <= $3::timestamptz)
     returning 1`,
    [k.key, new Date(atMs + forMs).toISOString(), new Date(atMs).toISOString()],
  );
  return rows.length > 0;
}

/** Gives up a lease (the computation failed, or its result is not storable). */
async function release(pool: Pool, k: KeyParts, v: ReportVersions): Promise<void> {
  await pool.unsafe(
    "delete from report_cache where key = $1 and result is null and data_version = $2 and settings_version = $3",
    [k.key, v.data, v.settings],
  );
}

const lastMaintenance = new WeakMap<object, number>();

/** Now and then: drop rows of old versions or older than a day, and compact the version rows. */
async function maintain(pool: Pool): Promise<void> {
  const last = lastMaintenance.get(pool) ?? 0;
  if (Date.now() - last < MAINTENANCE_MS) return;
  lastMaintenance.set(pool, Date.now());
  await pool.unsafe(
    `with v as (${VERSIONS_SQL})
     delete from report_cache c using v
      where (c.lease_until is null or c.lease_until < now())
        and (c.data_version < v.data or c.settings_version < v.settings or c.computed_at < now() - interval '1 day'
             or (c.result is null and c.lease_until < now()))`,
  );
  await compactReportVersions(pool);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for another instance's computation of the key; the result text, or null to compute here. */
async function waitForLease(pool: Pool, k: KeyParts, ttlMs: number, v: ReportVersions): Promise<string | null> {
  const deadline = Date.now() + LEASE_MS;
  let pause = 25;
  while (Date.now() < deadline) {
    await sleep(pause);
    pause = Math.min(200, pause * 2);
    const l = await lookup(pool, k, ttlMs);
    if (l.hit && l.result !== null) return l.result;
    // Done elsewhere without a result, or the versions moved: compute here. (A lease that lapses
    // while its owner still computes: this one computes too — twice the work, the same result.)
    if (!l.leased || l.versions.data !== v.data || l.versions.settings !== v.settings) return null;
  }
  return null;
}

interface Flight {
  promise: Promise<string>;
  at: number | null;
}

const flights = new Map<string, Flight>();
/** Refreshes ahead being claimed (claimRefresh) before their flight starts. */
const refreshes = new Set<Promise<unknown>>();
const poolIds = new WeakMap<object, number>();
let nextPoolId = 1;

function poolId(pool: Pool): number {
  let id = poolIds.get(pool);
  if (id === undefined) {
    id = nextPoolId++;
    poolIds.set(pool, id);
  }
  return id;
}

/** The lease owner name of this process and pool (tests). */
export function leaseOwner(db: Pick<Db, "$client">): string {
  return `${INSTANCE}/${poolId(db.$client)}`;
}

/** Resolves when every computation in flight in this process has ended (tests: refresh ahead). */
export async function flightsSettled(): Promise<void> {
  await Promise.allSettled([...refreshes]);
  await Promise.allSettled([...flights.values()].map((f) => f.promise));
}

/** Counters of this process (tests, the load benchmark). */
export const cacheStats = { hits: 0, misses: 0, joined: 0, computed: 0, stored: 0, refreshed: 0, refreshSkipped: 0 };

/** Refreshes ahead of this process between their start and their end (claim and computation). */
let refreshesRunning = 0;

/**
 * The report's result: from the cache when a valid one is there, else computed by `compute`
 * (once for all concurrent callers of the same key) and stored. See the module comment.
 */
export async function cachedReport<T>(db: Db, spec: ReportSpec, compute: (reader: Db) => Promise<T>, opts: CacheOptions = {}): Promise<T> {
  const pool = db.$client;
  const gate = admissionFor(pool);
  if (!(opts.enabled ?? cacheEnabled())) {
    cacheStats.computed++;
    const since = requestAdmissionStart();
    if (replicasOf(db).length === 0) return gate.run(() => compute(db), since);
    const versions = await readVersions(pool);
    return gate.run(() => computeOnReader(db, versions, compute), since);
  }
  const ttlMs = opts.ttlMs ?? cacheTtlMs();
  const k = keyOf(spec);
  const found = await lookup(pool, k, ttlMs);
  const at = spec.asOf ? spec.asOf.at.getTime() : null;
  if (found.hit && found.result !== null) {
    cacheStats.hits++;
    // Refresh ahead: an as_of = now result past three quarters of its TTL is recomputed in the
    // background (once: single flight) while this request is served, so viewers rarely wait for
    // the TTL — within the refresh budget (see the module comment).
    if (k.mode === "now" && at !== null && found.asOf !== null && at - found.asOf > refreshAfterMs(ttlMs)) {
      const flightKey = `${poolId(pool)}|${k.key}|${found.versions.data}|${found.versions.settings}`;
      if (!flights.has(flightKey)) {
        if (refreshesRunning >= refreshConcurrency() || gate.spare < (gate.limits.limit > 1 ? 2 : 1)) {
          cacheStats.refreshSkipped++;
        } else {
          refreshesRunning++;
          // No lease (claiming one would clear the stored result that everyone is being served):
          // the refresh is claimed in the row instead, until the result lapses, so one process of
          // all refreshes it.
          const refresh = claimRefresh(pool, k, at, found.asOf + ttlMs - at).then((claimed) => {
            if (!claimed) return;
            cacheStats.refreshed++;
            return startFlight(db, spec, k, found.versions, at, flightKey, compute, { ttlMs, lease: false });
          });
          refreshes.add(refresh);
          refresh
            .catch(() => undefined)
            .finally(() => {
              refreshesRunning--;
              refreshes.delete(refresh);
            });
        }
      }
    }
    return JSON.parse(found.result) as T;
  }
  cacheStats.misses++;
  const v1 = found.versions;
  const flightKey = `${poolId(pool)}|${k.key}|${v1.data}|${v1.settings}`;
  const existing = flights.get(flightKey);
  // An as_of = now flight serves a request only if its as_of is within the TTL before this one's.
  if (existing && (k.mode !== "now" || (existing.at !== null && at !== null && existing.at <= at && existing.at >= at - ttlMs))) {
    cacheStats.joined++;
    return JSON.parse(await existing.promise) as T;
  }
  return JSON.parse(await startFlight(db, spec, k, v1, at, flightKey, compute, { ttlMs, lease: true })) as T;
}

/**
 * One computation of a key at versions `v1`, registered as the key's flight in this process:
 * with `lease`, waits for another instance's lease if there is one, else takes it; computes (under admission control, on
 * a caught-up replica when there is one) and stores the result if the versions did not move.
 * Resolves to the result's JSON text.
 */
function startFlight<T>(
  db: Db,
  spec: ReportSpec,
  k: KeyParts,
  v1: ReportVersions,
  at: number | null,
  flightKey: string,
  compute: (reader: Db) => Promise<T>,
  { ttlMs, lease }: { ttlMs: number; lease: boolean },
): Promise<string> {
  const pool = db.$client;
  const gate = admissionFor(pool);
  const since = requestAdmissionStart();
  const promise = (async (): Promise<string> => {
    // Another instance computing the key at these versions: wait for its result (or its lease to lapse).
    if (lease && !(await claim(pool, k, spec.report, v1, leaseOwner(db)))) {
      const other = await waitForLease(pool, k, ttlMs, v1);
      if (other !== null) return other;
    }
    let json: string;
    try {
      cacheStats.computed++;
      json = JSON.stringify(await gate.run(() => computeOnReader(db, v1, compute), since)) ?? "null";
      const v2 = await readVersions(pool);
      if (v2.data === v1.data && v2.settings === v1.settings) {
        await store(pool, k, spec.report, v1, json);
        cacheStats.stored++;
      } else {
        await release(pool, k, v1);
      }
    } catch (err) {
      if (lease) await release(pool, k, v1).catch(() => undefined);
      throw err;
    }
    await maintain(pool).catch(() => undefined);
    return json;
  })();
  const flight: Flight = { promise, at };
  flights.set(flightKey, flight);
  const done = () => {
    if (flights.get(flightKey) === flight) flights.delete(flightKey);
  };
  promise.then(done, done);
  return promise;
}

/** Counters of the read routing (tests, the load benchmark). */
export const readerStats = { replica: 0, primary: 0, replicaBehind: 0, replicaFailed: 0 };

/**
 * Runs `compute` on a replica of `db` that has replayed at least versions `v` (see the module
 * comment), or on `db`. A replica's failure (before or during the computation) rests it, and the
 * computation runs on the primary.
 */
async function computeOnReader<T>(db: Db, v: ReportVersions, compute: (reader: Db) => Promise<T>): Promise<T> {
  for (const replica of replicasOf(db)) {
    let caughtUp: boolean;
    try {
      const rv = await readVersions(replica.$client);
      caughtUp = rv.data >= v.data && rv.settings >= v.settings;
    } catch {
      readerStats.replicaFailed++;
      markReplicaDown(db, replica);
      continue;
    }
    if (!caughtUp) {
      readerStats.replicaBehind++;
      continue;
    }
    try {
      const result = await compute(replica);
      readerStats.replica++;
      return result;
    } catch (err) {
      console.error("[report-cache] replica failed, computing on the primary:", err instanceof Error ? err.message : err);
      readerStats.replicaFailed++;
      markReplicaDown(db, replica);
      break;
    }
  }
  readerStats.primary++;
  return compute(db);
}
