import "server-only";
import type postgres from "postgres";
import { cache } from "react";
import { ReportBusyError } from "./busy";

/**
 * Admission control for report computations (issue 15 item 4): at most `limit` computations
 * run at once per instance (per connection pool); a further one waits in line at most `waitMs`
 * and is then refused with ReportBusyError (503 + Retry-After in the API) instead of piling
 * onto a saturated database and hanging for minutes.
 *
 * A computation waits here BEFORE it takes any connection, and holds its permit until it is
 * done: so waiting never holds a connection, and the computations admitted together never need
 * more connections than the pool has (the default limit is derived from the pool so that they
 * fit: each KPI run may use up to KPI_CONNECTIONS connections, and the engine keeps one of the
 * pool's free; see reserveSlots in lib/kpi/engine.ts). The dashboard's current, previous and
 * year-ago runs are three computations: each waits for its own permit without holding anything.
 *
 * Environment (read when a pool's gate is first made):
 * - `REPORT_CONCURRENCY`: computations at once per instance; default
 *   max(1, floor((pool size − 1) / KPI_CONNECTIONS)) — 4 with the default pool of 10 and 2
 *   connections per KPI run; 1 on the embedded database (one backend, one transaction at a time).
 * - `REPORT_ADMISSION_WAIT_MS`: how long a computation may wait for a permit (default 10 000).
 * - `REPORT_RETRY_AFTER_SECONDS`: the Retry-After of the refusal (default 2).
 *
 * Never nest: a computation must not start another admitted computation while it holds its
 * permit (with a limit of 1 it would wait for itself).
 */

export interface AdmissionLimits {
  limit: number;
  waitMs: number;
  retryAfterSeconds: number;
}

function envInt(name: string, min: number, max: number): number | null {
  const raw = process.env[name]?.trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  return n;
}

/** The limits for a pool (see the module comment). */
export function admissionLimits(pool: Pick<postgres.Sql, "options">): AdmissionLimits {
  const embedded = pool.options.prepare === false;
  const max = typeof pool.options.max === "number" ? pool.options.max : 10;
  const kpiConnections = embedded ? 1 : Math.max(1, Math.min(6, envInt("KPI_CONNECTIONS", 1, 6) ?? 2));
  const derived = embedded ? 1 : Math.max(1, Math.floor((max - 1) / kpiConnections));
  return {
    limit: envInt("REPORT_CONCURRENCY", 1, 1000) ?? derived,
    waitMs: envInt("REPORT_ADMISSION_WAIT_MS", 0, 600_000) ?? 10_000,
    retryAfterSeconds: envInt("REPORT_RETRY_AFTER_SECONDS", 1, 3600) ?? 2,
  };
}

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout | null;
}

/** A counting semaphore with a bounded wait (FIFO). */
export class Admission {
  private running = 0;
  private readonly queue: Waiter[] = [];
  /** The most computations that ran at once (for tests and the load benchmark). */
  peak = 0;
  /** How many were refused. */
  refused = 0;

  constructor(readonly limits: AdmissionLimits) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Permits free right now with nobody waiting for them (0 when any computation waits). */
  get spare(): number {
    return this.queue.length > 0 ? 0 : Math.max(0, this.limits.limit - this.running);
  }

  /**
   * Runs `fn` once a permit is free; ReportBusyError when none frees up within the wait. The wait
   * counts from `since` (ms since the epoch; default: now): the computations of one page share
   * the time its first one started waiting (see requestAdmissionStart), so a page never waits
   * longer in all than one computation may.
   */
  async run<T>(fn: () => Promise<T>, since: number = Date.now()): Promise<T> {
    await this.acquire(Math.max(0, since + this.limits.waitMs - Date.now()));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(waitMs: number): Promise<void> {
    if (this.running < this.limits.limit && this.queue.length === 0) {
      this.take();
      return Promise.resolve();
    }
    if (waitMs <= 0) return this.refuse();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          this.take();
          resolve();
        },
        timer: null,
      };
      waiter.timer = setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        this.refuse().catch(reject);
      }, waitMs);
      this.queue.push(waiter);
    });
  }

  private take(): void {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
  }

  private refuse(): Promise<never> {
    this.refused++;
    return Promise.reject(new ReportBusyError(this.limits.retryAfterSeconds));
  }

  private release(): void {
    this.running--;
    const next = this.queue.shift();
    if (next) next.grant();
  }
}

/**
 * When the current request's report computations started waiting for admission: the first call
 * in a server-component render fixes it for the whole render (React's per-request cache), so the
 * dashboard's KPI runs and charts — which wait one after another, each needing the one before —
 * share one admission wait instead of adding theirs up (issue 15 item 4: no request over the
 * admission limit's wait). Outside a render (route handlers, scripts) React does not memoize and
 * each computation waits on its own.
 */
export const requestAdmissionStart = cache((): number => Date.now());

const gates = new WeakMap<object, Admission>();

/** The admission gate of a pool (one per instance and pool), made on first use. */
export function admissionFor(pool: postgres.Sql): Admission {
  let gate = gates.get(pool);
  if (!gate) {
    gate = new Admission(admissionLimits(pool));
    gates.set(pool, gate);
  }
  return gate;
}
