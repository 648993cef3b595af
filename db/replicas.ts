import "server-only";
import type { Db } from "./client";

/**
 * Read replicas (issue 15 item 6; docs/scaling.md "Read replicas"). `DATABASE_REPLICA_URLS`
 * (optional, comma-separated PostgreSQL URLs of streaming replicas of DATABASE_URL) gives the
 * report computations somewhere else to read. Only reports read there, through the result cache
 * (lib/cache/report-cache.ts), and only from a replica that has replayed every write the
 * primary had committed when the request looked up its data version: so a report never shows
 * less than the request could see on the primary — a user's own write included (read your
 * writes), and nothing stale after an import. Everything else (sign-in, forms, writes, their
 * reads) stays on the primary.
 *
 * A replica that fails (down, or a query error) is left alone for `REPLICA_RETRY_MS` and the
 * primary serves meanwhile.
 */

export const REPLICA_RETRY_MS = 30_000;

/** The replica URLs of the environment; throws a clear message for a malformed entry. */
export function replicaUrls(raw = process.env.DATABASE_REPLICA_URLS): string[] {
  if (!raw || raw.trim() === "") return [];
  return raw
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "")
    .map((u, i) => {
      let url: URL;
      try {
        url = new URL(u);
      } catch {
        throw new Error(`DATABASE_REPLICA_URLS: entry ${i + 1} is not a URL`);
      }
      if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
        throw new Error(`DATABASE_REPLICA_URLS: entry ${i + 1} is not a postgres:// URL`);
      }
      return u;
    });
}

interface ReplicaState {
  db: Db;
  downUntil: number;
}

/** Replicas registered per primary pool (the app's, or a test's). */
const registry = new WeakMap<object, { replicas: ReplicaState[]; next: number }>();

/** Makes `replicas` the read replicas of `primary` (replacing earlier ones). */
export function registerReplicas(primary: Pick<Db, "$client">, replicas: readonly Db[]): void {
  registry.set(primary.$client, { replicas: replicas.map((db) => ({ db, downUntil: 0 })), next: 0 });
}

/** The replicas of a primary that are not resting after a failure, starting with the next in turn. */
export function replicasOf(primary: Pick<Db, "$client">): Db[] {
  const entry = registry.get(primary.$client);
  if (!entry || entry.replicas.length === 0) return [];
  const now = Date.now();
  const n = entry.replicas.length;
  const start = entry.next % n;
  entry.next = (entry.next + 1) % n;
  const out: Db[] = [];
  for (let i = 0; i < n; i++) {
    const r = entry.replicas[(start + i) % n]!;
    if (r.downUntil <= now) out.push(r.db);
  }
  return out;
}

/** A replica failed: the primary serves its reads for a while. */
export function markReplicaDown(primary: Pick<Db, "$client">, replica: Pick<Db, "$client">): void {
  const r = registry.get(primary.$client)?.replicas.find((x) => x.db.$client === replica.$client);
  if (r) r.downUntil = Date.now() + REPLICA_RETRY_MS;
}
