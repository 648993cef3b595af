import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedReport, readerStats } from "@/lib/cache/report-cache";
import { readVersions } from "@/lib/cache/versions";
import { importFolder } from "@/lib/import";
import { computeKpis } from "@/lib/kpi";
import { TINY_DIR } from "@/lib/testing/fixtures";
import {
  baseBackup,
  CLUSTER_SKIP_REASON,
  clusterDir,
  destroyCluster,
  freePort,
  initCluster,
  pgCtl,
  startCluster,
} from "@/lib/testing/pg-cluster";
import { connect, type Connection } from "./client";
import { migrateDatabase } from "./migrate";
import { registerReplicas, replicaUrls } from "./replicas";

/**
 * Issue 15 item 6, for real: a throwaway primary and a streaming replica of it made with
 * pg_basebackup. Report reads go to the replica once it has replayed what the primary had
 * committed when the request started; a write the replica has not replayed yet (replay paused)
 * sends the read to the primary (read your writes); a replica that is down is rested and the
 * primary answers. Skipped (with a message) without PostgreSQL's binaries.
 */

if (CLUSTER_SKIP_REASON) console.warn(`db/replicas.test.ts skipped: ${CLUSTER_SKIP_REASON}`);

const PARAMS = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };
const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

describe("DATABASE_REPLICA_URLS", () => {
  it("parses a comma-separated list and names a bad entry", () => {
    expect(replicaUrls(undefined)).toEqual([]);
    expect(replicaUrls(" ")).toEqual([]);
    expect(replicaUrls("postgres://a:5432/x, postgresql://b/x,")).toEqual(["postgres://a:5432/x", "postgresql://b/x"]);
    expect(() => replicaUrls("postgres://a/x,not a url")).toThrow("DATABASE_REPLICA_URLS: entry 2 is not a URL");
    expect(() => replicaUrls("http://a/x")).toThrow("entry 1 is not a postgres:// URL");
  });
});

describe.skipIf(CLUSTER_SKIP_REASON !== null)("read replicas (throwaway primary + streaming replica)", () => {
  let dir = "";
  let primary: Connection;
  /** The same primary without replicas: the reference computation. */
  let plain: Connection;
  let replica: Connection;
  const primaryData = () => join(dir, "primary");
  const replicaData = () => join(dir, "replica");

  /** Waits until the replica has replayed everything the primary committed. */
  const caughtUp = async () => {
    const target = await readVersions(primary.sql);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const v = await readVersions(replica.sql);
      if (v.data >= target.data && v.settings >= target.settings) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the replica did not catch up within 30 s");
  };

  beforeAll(async () => {
    dir = clusterDir("alignboard-replica-");
    const [pport, rport] = [await freePort(), await freePort()];
    initCluster(primaryData());
    await startCluster(primaryData(), pport, dir, join(dir, "primary.log"));
    primary = connect(url(pport), { max: 6 });
    plain = connect(url(pport), { max: 4 });
    await migrateDatabase(primary.db);
    await primary.sql.unsafe("update organisation_settings set time_zone = 'UTC', currency = 'USD' where id = 1");
    expect((await importFolder(primary.db, TINY_DIR)).ok).toBe(true);
    baseBackup(pport, replicaData());
    await startCluster(replicaData(), rport, dir, join(dir, "replica.log"));
    replica = connect(url(rport), { max: 4, timeouts: { connectSeconds: 2 } });
    registerReplicas(primary.db, [replica.db]);
    await caughtUp();
  }, 180_000);

  afterAll(async () => {
    await primary?.close().catch(() => undefined);
    await plain?.close().catch(() => undefined);
    await replica?.close().catch(() => undefined);
    if (dir) destroyCluster(dir, [replicaData(), primaryData()]);
  });

  it("computes reports on the replica, with the primary's numbers", async () => {
    const [row] = await replica.sql.unsafe<{ r: boolean }[]>("select pg_is_in_recovery() as r");
    expect(row?.r).toBe(true);
    const onReader = await cachedReport(primary.db, { report: "test.recovery", params: {} }, async (reader) => {
      const [r] = await reader.$client.unsafe<{ r: boolean }[]>("select pg_is_in_recovery() as r");
      return r?.r ?? null;
    });
    expect(onReader).toBe(true);

    const before = readerStats.replica;
    const viaReplica = await computeKpis(primary.db, PARAMS, { cache: false });
    expect(readerStats.replica).toBe(before + 1);
    const reference = await computeKpis(plain.db, PARAMS, { cache: false });
    expect(viaReplica).toEqual(reference);
    expect(viaReplica.kpis.revenue).toBe(67000);
  });

  it("reads your writes: a write the replica has not replayed is read on the primary", async () => {
    await replica.sql.unsafe("select pg_wal_replay_pause()");
    try {
      await primary.sql.unsafe("update deals set amount = amount + 1000 where deal_id = 'D1'");
      const behind = readerStats.replicaBehind;
      const after = await computeKpis(primary.db, PARAMS);
      expect(readerStats.replicaBehind).toBe(behind + 1);
      expect(after.kpis.revenue).toBe(68000);
    } finally {
      await replica.sql.unsafe("select pg_wal_replay_resume()");
    }
    await caughtUp();
    const served = readerStats.replica;
    const later = await computeKpis(primary.db, PARAMS, { cache: false });
    expect(readerStats.replica).toBe(served + 1);
    expect(later.kpis.revenue).toBe(68000);
  });

  it("rests a replica that is down; the primary answers", async () => {
    await pgCtl(replicaData(), "-w", "-m", "immediate", "stop");
    const failed = readerStats.replicaFailed;
    const t0 = Date.now();
    const result = await computeKpis(primary.db, PARAMS, { cache: false });
    expect(result.kpis.revenue).toBe(68000);
    expect(readerStats.replicaFailed).toBe(failed + 1);
    expect(Date.now() - t0).toBeLessThan(5_000);
    // Rested: the next computation does not try it again.
    const again = await computeKpis(primary.db, PARAMS, { cache: false });
    expect(again.kpis.revenue).toBe(68000);
    expect(readerStats.replicaFailed).toBe(failed + 1);
  });
});
