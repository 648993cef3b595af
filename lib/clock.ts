import "server-only";
/**
 * The app's clock, for "now" as the numbers see it: the dashboard's default period, presets and
 * as_of, and the day the demo data ends. It is the real time unless `ALIGNBOARD_NOW` pins it to
 * an instant (ISO 8601 with an offset, e.g. `2026-06-30T12:00:00Z`): the end-to-end tests do, so
 * the demo data and every date the pages derive from it are the same on any day, and so can
 * demos and screenshots. Session lifetimes, rate limits and audit times keep the real clock.
 */
export const CLOCK_ENV = "ALIGNBOARD_NOW";

/** The current instant, or the one `ALIGNBOARD_NOW` pins; a malformed value throws, naming it. */
export function now(): Date {
  const pinned = process.env[CLOCK_ENV]?.trim();
  if (!pinned) return new Date();
  const m = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(pinned);
  const at = m ? new Date(pinned) : null;
  // Date() rolls 30 February over into March instead of refusing it.
  const realDay = m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDate() === Number(m[3]);
  if (!at || Number.isNaN(at.getTime()) || !realDay) {
    throw new Error(`${CLOCK_ENV} must be an ISO 8601 instant with an offset, e.g. 2026-06-30T12:00:00Z; got "${pinned}"`);
  }
  return at;
}
