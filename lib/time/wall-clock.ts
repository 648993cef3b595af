import type { IANAZone } from "luxon";
import { isUtcName, zoneOf } from "./zone";

/**
 * Wall clock ↔ instant in an IANA time zone, and THE rules for the two DST edge cases. A wall-clock
 * time is given as "wall milliseconds": the time's fields read as if they were UTC
 * (e.g. `Date.UTC(2025, 2, 9, 2, 30)` for 2025-03-09 02:30).
 *
 * - **Gap** (the hour skipped when clocks go forward): the wall time does not exist; it is read
 *   with the offset in force *before* the change, so it moves forward by the length of the gap.
 *   New York 2025-03-09 02:30 → 03:30 EDT = 07:30Z. (Luxon and PostgreSQL do the same.)
 * - **Overlap** (the hour repeated when clocks go back): the wall time happens twice; it is the
 *   *earlier* instant (the offset before the change). New York 2025-11-02 01:30 → 01:30 EDT =
 *   05:30Z; Berlin 2025-10-26 02:30 → 02:30 CEST = 00:30Z. Note: PostgreSQL's
 *   `timestamp at time zone` takes the *later* one (standard time), and luxon's `fromObject` /
 *   `fromISO` pick by today's offset, so neither is used for this.
 * - Everything else has exactly one instant.
 *
 * Callers that must refuse a time in a gap instead (a wall-clock `as_of` typed by a user) check
 * `wallClockExists` first.
 */

/** Offset of `zone` at `epochMs`, in minutes east of UTC. */
function offsetAt(zone: IANAZone, epochMs: number): number {
  return zone.offset(epochMs);
}

/**
 * The instant (epoch ms) of a wall-clock time in `zone` (an IANA name or a cached luxon zone),
 * with the gap and overlap rules above.
 */
export function wallClockToEpochMs(wallMs: number, zone: string | IANAZone): number {
  if (typeof zone === "string") {
    if (isUtcName(zone)) return wallMs;
    zone = zoneOf(zone);
  }
  const o1 = offsetAt(zone, wallMs);
  let utc = wallMs - o1 * 60_000;
  const o2 = offsetAt(zone, utc);
  if (o2 !== o1) {
    utc = wallMs - o2 * 60_000;
    const o3 = offsetAt(zone, utc);
    // A gap: no offset maps back to this wall time; use the one before the change (the smaller).
    if (o3 !== o2) return wallMs - Math.min(o2, o3) * 60_000;
  }
  // Here `utc` is valid and its offset is o2 (both branches checked it). An overlap has a second
  // valid instant with a larger offset (clocks went back within 3 hours): take the earlier one.
  for (const probe of [utc - 10_800_000, utc + 10_800_000]) {
    const o = offsetAt(zone, probe);
    if (o > o2 && offsetAt(zone, wallMs - o * 60_000) === o) return wallMs - o * 60_000;
  }
  return utc;
}

/** The wall-clock time (wall ms, see above) that an instant shows in `zone`. */
export function epochMsToWallClock(epochMs: number, zone: string | IANAZone): number {
  if (typeof zone === "string") {
    if (isUtcName(zone)) return epochMs;
    zone = zoneOf(zone);
  }
  return epochMs + offsetAt(zone, epochMs) * 60_000;
}

/** False for a wall-clock time in a DST gap (it never shows on the zone's clocks); true otherwise. */
export function wallClockExists(wallMs: number, zone: string | IANAZone): boolean {
  return epochMsToWallClock(wallClockToEpochMs(wallMs, zone), zone) === wallMs;
}
