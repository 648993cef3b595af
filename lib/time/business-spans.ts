/**
 * Business time as spans of instants (client-safe: no zone data). The server cuts a business
 * calendar into the spans where business time runs (./business-calendar businessSpansBetween,
 * with the time zone, DST and holidays); whoever holds the spans — the SLA queue's live
 * countdown in the browser included — counts business time by overlapping them, nothing else.
 */

/** A stretch of business time: [start, end) in epoch milliseconds. */
export type BusinessSpan = readonly [start: number, end: number];

/**
 * Business milliseconds between two instants on the given spans: the total overlap of
 * [fromMs, toMs) with every span (0 when toMs ≤ fromMs). The spans must not overlap each other.
 */
export function businessMsInSpans(spans: readonly BusinessSpan[], fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const [start, end] of spans) {
    const s = Math.max(start, fromMs);
    const e = Math.min(end, toMs);
    if (e > s) total += e - s;
  }
  return total;
}
