import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { apiRoute, toErrorResponse } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { kpisHandler } from "@/lib/kpi";
import { importFolder } from "@/lib/import";
import { computeKpis, computeKpisWithMonthly, type KpiParams } from "@/lib/kpi";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { Admission, admissionFor, admissionLimits } from "./admission";
import { ReportBusyError } from "./busy";
import { cachedReport, cacheStats, flightsSettled, leaseOwner, stableJson } from "./report-cache";
import { readVersions } from "./versions";

/**
 * The report cache (issue 15 item 3) and admission control (item 4): hit and miss, invalidation
 * by the data and settings versions (and not by a rolled-back write), the TTL of as_of = now,
 * single flight in one process and across two pools, no stale result after a write commits, and
 * cached = computed for the KPIs of the tiny fixture.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PARAMS: KpiParams = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };

afterEach(() => {
  delete process.env.ALIGNBOARD_NOW;
  delete process.env.REPORT_CACHE;
});

describe("stableJson", () => {
  it("sorts object keys at every depth and writes Dates as ISO text", () => {
    expect(stableJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: new Date("2025-01-01T00:00:00Z") }, u: undefined })).toBe(
      '{"a":{"c":"2025-01-01T00:00:00.000Z","d":[2,{"x":2,"y":1}]},"b":1}',
    );
  });
});

describe("admission", () => {
  it("runs at most `limit` at once, in order, and refuses after the wait", async () => {
    const gate = new Admission({ limit: 2, waitMs: 1000, retryAfterSeconds: 3 });
    const order: number[] = [];
    const task = (i: number) => gate.run(async () => {
      order.push(i);
      await sleep(30);
      return i;
    });
    expect(await Promise.all([1, 2, 3, 4, 5].map(task))).toEqual([1, 2, 3, 4, 5]);
    expect(gate.peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);

    const short = new Admission({ limit: 1, waitMs: 50, retryAfterSeconds: 3 });
    const long = short.run(() => sleep(300));
    const refused = short.run(async () => "never").catch((e: unknown) => e);
    const err = await refused;
    expect(err).toBeInstanceOf(ReportBusyError);
    expect((err as ReportBusyError).retryAfterSeconds).toBe(3);
    expect(short.refused).toBe(1);
    await long;
    expect(await short.run(async () => "after")).toBe("after");
  });

  it("computations of one request share one wait: counted from when the first started waiting", async () => {
    const gate = new Admission({ limit: 1, waitMs: 300, retryAfterSeconds: 2 });
    const long = gate.run(() => sleep(1000));
    const since = Date.now();
    // The page's first computation waited 200 ms of its 300 before it was admitted (or refused)…
    await sleep(200);
    const started = Date.now();
    // …so the next one of the same page may wait only the ~100 ms left, not another 300.
    const err = await gate.run(async () => "never", since).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportBusyError);
    expect(Date.now() - started).toBeLessThan(250);
    // With the time used up, a busy gate refuses at once.
    const t0 = Date.now();
    await expect(gate.run(async () => "never", since - 1000)).rejects.toBeInstanceOf(ReportBusyError);
    expect(Date.now() - t0).toBeLessThan(50);
    // A free permit is taken whatever the time used.
    await long;
    expect(await gate.run(async () => "free", since - 1000)).toBe("free");
  });

  it("derives the limit from the pool: (size − 1) / KPI connections, 1 on the embedded database", () => {
    expect(admissionLimits({ options: { max: 10, prepare: true } } as never).limit).toBe(4);
    expect(admissionLimits({ options: { max: 3, prepare: true } } as never).limit).toBe(1);
    expect(admissionLimits({ options: { max: 4, prepare: false } } as never).limit).toBe(1);
    process.env.REPORT_CONCURRENCY = "7";
    try {
      expect(admissionLimits({ options: { max: 10, prepare: true } } as never).limit).toBe(7);
    } finally {
      delete process.env.REPORT_CONCURRENCY;
    }
  });

  it("a refusal is a 503 `busy` with Retry-After in the API", async () => {
    const res = toErrorResponse(new ReportBusyError(4));
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("4");
    expect(await res.json()).toEqual({ error: { code: "busy", message: expect.stringMatching(/try again/) as unknown, field: null } });
  });
});

describeDb("report cache", (t) => {
  beforeAll(async () => {
    await importFolder(t().conn.db, TINY_DIR);
  }, 120_000);

  /** A data-dependent report: the number of leads (and a counter of its computations). */
  function leadCount(delayMs = 0) {
    const calls = { n: 0 };
    const compute = async () => {
      calls.n++;
      if (delayMs > 0) await sleep(delayMs);
      const [r] = await t().conn.sql.unsafe<{ n: number }[]>("select count(*)::int as n from leads");
      return { leads: r!.n };
    };
    return { calls, compute };
  }

  it("computes on a miss, answers a hit from the table, and keys by the parameters", async () => {
    const { db } = t().conn;
    const { calls, compute } = leadCount();
    const spec = { report: "test.hit", params: { a: 1, list: ["x"] } };
    const first = await cachedReport(db, spec, compute);
    expect(calls.n).toBe(1);
    const hits = cacheStats.hits;
    expect(await cachedReport(db, { report: "test.hit", params: { list: ["x"], a: 1 } }, compute)).toEqual(first);
    expect(calls.n).toBe(1);
    expect(cacheStats.hits).toBe(hits + 1);
    await cachedReport(db, { report: "test.hit", params: { a: 2, list: ["x"] } }, compute);
    expect(calls.n).toBe(2);
    await cachedReport(db, { report: "test.other", params: { a: 1, list: ["x"] } }, compute);
    expect(calls.n).toBe(3);
    // Off: always computed.
    await cachedReport(db, spec, compute, { enabled: false });
    expect(calls.n).toBe(4);
  });

  it("a committed write moves the data version and the next request recomputes; a rolled-back one does not", async () => {
    const { db, sql } = t().conn;
    const { calls, compute } = leadCount();
    const spec = { report: "test.invalidate", params: {} };
    const before = await cachedReport(db, spec, compute);
    const v0 = await readVersions(sql);
    await sql
      .begin(async (tx) => {
        await tx.unsafe("update leads set first_name = first_name where lead_id = 'L001'");
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await readVersions(sql)).toEqual(v0);
    expect(await cachedReport(db, spec, compute)).toEqual(before);
    expect(calls.n).toBe(1);

    await sql.unsafe(
      "insert into leads (lead_id, email, created_at, source_channel) values ('LX1', 'lx1@example.com', '2025-01-02T00:00:00Z', 'webinar')",
    );
    const v1 = await readVersions(sql);
    expect(v1.data).toBe(v0.data + 1);
    expect(v1.settings).toBe(v0.settings);
    const after = await cachedReport(db, spec, compute);
    expect(calls.n).toBe(2);
    expect(after).toEqual({ leads: before.leads + 1 });

    // A settings change moves the settings version: recomputed too.
    await sql.unsafe("update organisation_settings set mql_monthly_target = mql_monthly_target where id = 1");
    expect((await readVersions(sql)).settings).toBe(v1.settings + 1);
    await cachedReport(db, spec, compute);
    expect(calls.n).toBe(3);
    await sql.unsafe("delete from leads where lead_id = 'LX1'");
  });

  it("as_of = now: served for at most the TTL; a pinned as_of is exact", async () => {
    const { db } = t().conn;
    const { calls, compute } = leadCount();
    const t0 = new Date("2026-06-30T12:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const ask = (ms: number, isNow = true) => {
      process.env.ALIGNBOARD_NOW = at(ms).toISOString();
      return cachedReport(db, { report: "test.ttl", params: {}, asOf: { at: at(ms), isNow } }, async () => ({
        ...(await compute()),
        asOf: at(ms).toISOString(),
      }));
    };
    expect((await ask(0)).asOf).toBe(t0.toISOString());
    expect((await ask(44_000)).asOf).toBe(t0.toISOString()); // within 60 s: the earlier result
    await flightsSettled();
    expect(calls.n).toBe(1); // and younger than three quarters of the TTL: no refresh
    // Past three quarters of the TTL: still the earlier result, and one refresh for this as_of in the background.
    const refreshed = cacheStats.refreshed;
    expect((await ask(59_000)).asOf).toBe(t0.toISOString());
    await flightsSettled();
    expect(cacheStats.refreshed).toBe(refreshed + 1);
    expect(calls.n).toBe(2);
    // The next viewer gets the refreshed result without waiting for a computation.
    expect((await ask(61_000)).asOf).toBe(at(59_000).toISOString());
    expect(calls.n).toBe(2);
    // Older than 60 s: recomputed before answering.
    expect((await ask(125_000)).asOf).toBe(at(125_000).toISOString());
    expect(calls.n).toBe(3);
    await flightsSettled();
    // A pinned as_of never takes a result of another as_of.
    expect((await ask(62_000, false)).asOf).toBe(at(62_000).toISOString());
    expect((await ask(62_000, false)).asOf).toBe(at(62_000).toISOString());
    expect(calls.n).toBe(4);
    // A result for a later as_of is never served to an earlier "now".
    expect((await ask(30_000)).asOf).toBe(at(30_000).toISOString());
    expect(calls.n).toBe(5);
  });

  it("refresh ahead across instances: of two pools serving a result past 3/4 of its TTL, one recomputes it", async () => {
    const { db } = t().conn;
    const other = connect(t().url, { max: 2 });
    try {
      const { calls, compute } = leadCount(100);
      const t0 = new Date("2026-07-01T12:00:00Z");
      const ask = (pool: typeof db, ms: number) => {
        const at = new Date(t0.getTime() + ms);
        process.env.ALIGNBOARD_NOW = at.toISOString();
        return cachedReport(pool, { report: "test.refresh-claim", params: {}, asOf: { at, isNow: true } }, compute);
      };
      await ask(db, 0);
      expect(calls.n).toBe(1);
      // Both instances get the stored result past 3/4 of the TTL; only one of them refreshes it.
      const refreshed = cacheStats.refreshed;
      await Promise.all([ask(db, 50_000), ask(other.db, 50_000), ask(db, 51_000), ask(other.db, 51_000)]);
      await flightsSettled();
      expect(cacheStats.refreshed).toBe(refreshed + 1);
      expect(calls.n).toBe(2);
      // Storing the refreshed result ends the claim: past 3/4 of the TTL of that result, it is refreshed again (once).
      await Promise.all([ask(other.db, 100_000), ask(db, 100_000)]);
      await flightsSettled();
      expect(cacheStats.refreshed).toBe(refreshed + 2);
      expect(calls.n).toBe(3);
    } finally {
      await other.close();
    }
  });

  it("refresh ahead has a budget: not while admission has no permit to spare, nor beyond one at a time per process", async () => {
    const { db } = t().conn;
    // A pool of 2 connections: an admission limit of 1, so any running computation leaves no spare permit.
    const small = connect(t().url, { max: 2 });
    try {
      const { calls, compute } = leadCount();
      const t0 = new Date("2026-07-02T12:00:00Z");
      const ask = (pool: typeof db, key: string, ms: number) => {
        const at = new Date(t0.getTime() + ms);
        process.env.ALIGNBOARD_NOW = at.toISOString();
        return cachedReport(pool, { report: "test.refresh-budget", params: { key }, asOf: { at, isNow: true } }, compute);
      };
      await ask(small.db, "a", 0);
      await ask(small.db, "b", 0);
      expect(calls.n).toBe(2);
      // A viewer's computation holds the only permit: a hit past 3/4 of the TTL is served and not refreshed.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const busy = cachedReport(small.db, { report: "test.refresh-budget.busy", params: {} }, async () => {
        await held;
        return 1;
      });
      await new Promise((r) => setTimeout(r, 50));
      const skipped = cacheStats.refreshSkipped;
      const refreshed = cacheStats.refreshed;
      await ask(small.db, "a", 50_000);
      await new Promise((r) => setTimeout(r, 50));
      expect(cacheStats.refreshSkipped).toBe(skipped + 1);
      expect(cacheStats.refreshed).toBe(refreshed);
      expect(calls.n).toBe(2);
      release();
      await busy;
      await flightsSettled();
      // The permit is free again: the next hit refreshes.
      await ask(small.db, "a", 51_000);
      await flightsSettled();
      expect(cacheStats.refreshed).toBe(refreshed + 1);
      expect(calls.n).toBe(3);
      // One refresh at a time per process: of two keys due at once, one is refreshed now.
      process.env.REPORT_REFRESH_CONCURRENCY = "1";
      const slow = leadCount(150);
      const askSlow = (key: string, ms: number) => {
        const at = new Date(t0.getTime() + ms);
        process.env.ALIGNBOARD_NOW = at.toISOString();
        return cachedReport(db, { report: "test.refresh-budget.slow", params: { key }, asOf: { at, isNow: true } }, slow.compute);
      };
      await Promise.all([askSlow("c", 0), askSlow("d", 0)]);
      expect(slow.calls.n).toBe(2);
      const before = cacheStats.refreshed;
      await askSlow("c", 50_000);
      await askSlow("d", 50_000);
      await flightsSettled();
      expect(cacheStats.refreshed).toBe(before + 1);
      expect(slow.calls.n).toBe(3);
    } finally {
      delete process.env.REPORT_REFRESH_CONCURRENCY;
      await small.close();
    }
  });

  it("single flight: 50 concurrent identical requests cause one computation", async () => {
    const { db } = t().conn;
    const { calls, compute } = leadCount(200);
    const spec = { report: "test.flight", params: { n: 50 } };
    const results = await Promise.all(Array.from({ length: 50 }, () => cachedReport(db, spec, compute)));
    expect(calls.n).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it("single flight across instances: a second pool waits for the first one's lease", async () => {
    const { db, sql } = t().conn;
    const other = connect(t().url, { max: 2 });
    try {
      const { calls, compute } = leadCount(400);
      const spec = { report: "test.instances", params: {} };
      const a = cachedReport(db, spec, compute);
      await sleep(150);
      const b = cachedReport(other.db, spec, compute);
      expect(await b).toEqual(await a);
      expect(calls.n).toBe(1);
      const [row] = await sql.unsafe<{ result: string }[]>("select result from report_cache where report = 'test.instances'");
      expect(JSON.parse(row!.result)).toEqual(await a);
    } finally {
      await other.close();
    }
  });

  it("a lease left behind by this process is taken over at once; another instance's is waited for until it lapses", async () => {
    const { db, sql } = t().conn;
    const { calls, compute } = leadCount();
    const spec = { report: "test.lease", params: {} };
    await cachedReport(db, spec, compute);
    // As if a computation's release had failed (the database went away): our own lease, an hour long.
    await sql.unsafe("update report_cache set result = null, lease_until = now() + interval '1 hour', lease_owner = $1 where report = 'test.lease'", [leaseOwner(db)]);
    let t0 = Date.now();
    await cachedReport(db, spec, compute);
    expect(calls.n).toBe(2);
    expect(Date.now() - t0).toBeLessThan(5_000);
    // Another instance's lease, lapsing in a second: waited for, then computed here.
    await sql.unsafe("update report_cache set result = null, lease_until = now() + interval '1 second', lease_owner = 'elsewhere' where report = 'test.lease'");
    t0 = Date.now();
    await cachedReport(db, spec, compute);
    expect(calls.n).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("never serves a result from before a write to a request made after it committed", async () => {
    const { db, sql } = t().conn;
    const spec = { report: "test.stale", params: {} };
    const { compute } = leadCount(300);
    const slow = cachedReport(db, spec, compute); // starts before the write, reads the old data
    await sleep(100);
    await sql.unsafe(
      "insert into leads (lead_id, email, created_at, source_channel) values ('LX2', 'lx2@example.com', '2025-01-02T00:00:00Z', 'webinar')",
    );
    const fresh = leadCount();
    const after = await cachedReport(db, spec, fresh.compute); // after the commit: must not join the old flight
    expect(fresh.calls.n).toBe(1);
    const [r] = await sql.unsafe<{ n: number }[]>("select count(*)::int as n from leads");
    expect(after).toEqual({ leads: r!.n });
    await slow;
    // The slow one saw the versions move while it ran: it was not stored over the fresh one.
    const again = leadCount();
    expect(await cachedReport(db, spec, again.compute)).toEqual({ leads: r!.n });
    expect(again.calls.n).toBe(0);
    await sql.unsafe("delete from leads where lead_id = 'LX2'");
  });

  it("KPIs: the cached answer equals the computed one exactly, with and without filters", async () => {
    const { db } = t().conn;
    for (const p of [PARAMS, { ...PARAMS, segment: ["mid_market", "smb"], sourceChannel: ["webinar"] }]) {
      const computed = await computeKpis(db, p, { cache: false });
      const first = await computeKpis(db, p);
      const hits = cacheStats.hits;
      const second = await computeKpis(db, { ...p, segment: p.segment ? [...p.segment].reverse() : undefined });
      expect(cacheStats.hits).toBe(hits + 1);
      expect(JSON.stringify(first)).toBe(JSON.stringify(computed));
      expect(JSON.stringify(second)).toBe(JSON.stringify(computed));
    }
    const monthly = await computeKpisWithMonthly(db, PARAMS, { cache: false });
    await computeKpisWithMonthly(db, PARAMS);
    expect(JSON.stringify(await computeKpisWithMonthly(db, PARAMS))).toBe(JSON.stringify(monthly));
  });

  it("admission: a computation beyond the limit gets 503 busy with Retry-After from the API; a cached answer does not wait", async () => {
    const fresh = connect(t().url, { max: 4 });
    process.env.REPORT_CONCURRENCY = "1";
    process.env.REPORT_ADMISSION_WAIT_MS = "50";
    process.env.REPORT_RETRY_AFTER_SECONDS = "7";
    try {
      const gate = admissionFor(fresh.sql);
      const { key } = await createApiKey(fresh.db, { name: "admission", role: "leadership" });
      const route = apiRoute("dashboard", kpisHandler, { getDb: async () => fresh.db });
      const ask = (q: string) => route(new Request(`http://localhost/api/v1/kpis?${q}`, { headers: { Authorization: `Bearer ${key}` } }));
      const cachedQuery = "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z";
      expect((await ask(cachedQuery)).status).toBe(200);
      let release: () => void = () => undefined;
      const held = gate.run(() => new Promise<void>((r) => (release = r)));
      try {
        const busy = await ask("from=2024-01-01&to=2024-03-31&as_of=2024-04-15T00:00:00Z");
        expect(busy.status).toBe(503);
        expect(busy.headers.get("Retry-After")).toBe("7");
        expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("busy");
        expect((await ask(cachedQuery)).status).toBe(200); // a hit needs no permit
      } finally {
        release();
        await held;
      }
    } finally {
      delete process.env.REPORT_CONCURRENCY;
      delete process.env.REPORT_ADMISSION_WAIT_MS;
      delete process.env.REPORT_RETRY_AFTER_SECONDS;
      await fresh.close();
    }
  });

  it("admission: a small pool runs the dashboard's three KPI runs one at a time without a deadlock", async () => {
    const small = connect(t().url, { max: 3 });
    try {
      const gate = admissionFor(small.sql);
      expect(gate.limits.limit).toBe(1);
      const runs = [PARAMS, { ...PARAMS, from: "2024-10-01", to: "2024-12-31" }, { ...PARAMS, from: "2024-01-01", to: "2024-03-31" }];
      const results = await Promise.all(runs.map((p) => computeKpis(small.db, p, { cache: false })));
      expect(results.map((r) => r.period.from)).toEqual(["2025-01-01", "2024-10-01", "2024-01-01"]);
      expect(gate.peak).toBe(1);
    } finally {
      await small.close();
    }
  });
});
