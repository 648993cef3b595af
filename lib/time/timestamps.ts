import { formatUtcMicros, fractionDigits, readIsoTimestamp, wallSeconds, type IsoTimestampError } from "./iso";
import { wallClockExists, wallClockToEpochMs } from "./wall-clock";

/**
 * The three ways the app reads a timestamp of the ./iso grammar. They share the grammar and the
 * DST rules of ./wall-clock and differ only in policy:
 *
 * | reader                 | offset            | without offset                    | precision | years     |
 * |------------------------|-------------------|-----------------------------------|-----------|-----------|
 * | parseTimestampInZone   | optional, ≤ 18 h  | read in the zone; gap → forward   | µs        | 0001–9999 |
 * | parseOffsetTimestamp   | required, ≤ 23 h  | rejected (ambiguous without zone) | ms        | 1900–     |
 * | parseWallClock         | not allowed       | read in the zone; gap → rejected  | s         | 0001–9999 |
 *
 * parseOffsetTimestamp needs no zone data, so it lives in ./iso (client-safe modules import it).
 * A date alone (`2025-03-04`) is never a timestamp: none of them accepts it.
 */

/** Why parseTimestampInZone refused a text: ./iso's reasons, plus `range` (the instant is outside years 0001–9999). */
export type TimestampError = IsoTimestampError | "range";

/** parseTimestampInZone's answer: the canonical UTC text, or why the text is refused. */
export type TimestampResult = { ok: true; value: string } | { ok: false; error: TimestampError };

/**
 * The importer's reader (data-contract.md §1): the canonical UTC text of a timestamp
 * (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, fraction truncated to microseconds). An explicit offset wins;
 * offsets above 18 hours are refused (`offset`). Without an offset the text is a wall-clock time in
 * `zone` (IANA name), with the gap/overlap rules of ./wall-clock. The instant must fall in years
 * 0001–9999 UTC (`range`). Integer arithmetic only: this is the import's per-cell fast path.
 */
export function parseTimestampInZone(text: string, zone: string): TimestampResult {
  const t = readIsoTimestamp(text);
  if (typeof t === "string") return { ok: false, error: t };
  const wall = wallSeconds(t);
  let epoch: number;
  if (t.offsetMinutes === null) epoch = wallClockToEpochMs(wall * 1000, zone) / 1000;
  else if (t.offsetHours > 18) return { ok: false, error: "offset" };
  else epoch = wall - t.offsetMinutes * 60;
  const out = formatUtcMicros(epoch, fractionDigits(t, 6));
  return out === null ? { ok: false, error: "range" } : { ok: true, value: out };
}

const WALL_CLOCK_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2})?$/;

/**
 * Does `text` have the shape parseWallClock reads (date, time to minutes or seconds, no fraction,
 * no offset), whether or not the values are valid? Lets a caller route text to the right reader.
 */
export function looksLikeWallClock(text: string): boolean {
  return WALL_CLOCK_SHAPE.test(text);
}

/**
 * A wall-clock time typed by a person (what a datetime-local input sends): `YYYY-MM-DDTHH:MM`
 * or `…:SS` (`T`, `t` or a space), no fraction, no offset, read in `zone`. A time in a DST gap
 * does not exist on the zone's clocks and is refused (null); a repeated one is the earlier instant.
 */
export function parseWallClock(text: string, zone: string): Date | null {
  const t = readIsoTimestamp(text);
  if (typeof t === "string" || t.offsetMinutes !== null || t.fraction !== "") return null;
  const wallMs = wallSeconds(t) * 1000;
  if (!wallClockExists(wallMs, zone)) return null;
  return new Date(wallClockToEpochMs(wallMs, zone));
}
