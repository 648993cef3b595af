import { isCivilDate, pad } from "./civil";
import { formatUtcMicros } from "./iso";
import { parseTimestampInZone, type TimestampResult } from "./timestamps";

/**
 * Dates and timestamps as CRM exports write them (issue 14 item 4; docs/crm-import.md): the one
 * reader of the mapping layer, built on the ISO grammar of ./iso and the zone rules of
 * ./timestamps (nothing here re-implements DST).
 *
 * Accepted, in this order:
 * 1. the ISO forms of ./iso (`2024-03-05T14:22:00.000Z`, `2024-03-05 14:22`, `…+0000`);
 * 2. a date alone `YYYY-MM-DD` where a timestamp is expected: the start of that day in the zone;
 * 3. Unix epoch milliseconds (12–13 digits, what HubSpot's API-name exports write);
 * 4. a date in the organisation's order with `/`, `.` or `-` (`3/5/2024`, `05.03.2024`,
 *    `2024/03/05`; a four-digit first part is always year-month-day; a two-digit year is 20YY),
 *    optionally followed by a time `H:MM[:SS]` in 24-hour form or with `AM`/`PM`
 *    (`3/5/2024 2:22 PM`; 12 AM is midnight, 12 PM noon).
 * A wall-clock time is read in `zone` like any offset-less timestamp.
 */
export type DateOrder = "mdy" | "dmy" | "ymd";

const LOCAL_RE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\.?(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp])\.?[Mm]\.?)?$/;
const LOCAL_24_RE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\.?(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
const EPOCH_MS_RE = /^\d{12,13}$/;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  hasTime: boolean;
}

/** Reads the date-order forms (rule 4); null when the text is not one or is not a real day/time. */
function readLocal(text: string, order: DateOrder): LocalParts | null {
  const m = LOCAL_RE.exec(text) ?? LOCAL_24_RE.exec(text);
  if (!m) return null;
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4 || order === "ymd") {
    if (a.length !== 4 && a.length !== 2) return null;
    year = Number(a);
    month = Number(b);
    day = Number(c);
  } else if (order === "mdy") {
    month = Number(a);
    day = Number(b);
    year = Number(c);
  } else {
    day = Number(a);
    month = Number(b);
    year = Number(c);
  }
  const yearText = a.length === 4 || order === "ymd" ? a : c;
  if (yearText.length === 2) year += 2000;
  else if (yearText.length !== 4) return null;
  if (!isCivilDate(year, month, day)) return null;
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const meridiem = m[7]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === "a" && hour === 12) hour = 0;
    else if (meridiem === "p" && hour !== 12) hour += 12;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second, hasTime: m[4] !== undefined };
}

/**
 * A calendar date as an export writes it, as `YYYY-MM-DD`; null when it is not one. Accepts
 * `YYYY-MM-DD`, the date-order forms, and a timestamp whose date part is taken as written
 * (`2024-03-05T00:00:00.000Z` → 2024-03-05, the day the CRM shows).
 */
export function parseExportDate(text: string, order: DateOrder): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[Tt ])/.exec(t);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isCivilDate(y, mo, d) ? t.slice(0, 10) : null;
  }
  const p = readLocal(t, order);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` : null;
}

/**
 * An instant as an export writes it (rules 1–4 above), as the canonical UTC text of
 * ./timestamps (`YYYY-MM-DDTHH:MM:SS.ffffffZ`). Errors are ./timestamps' reasons.
 */
export function parseExportTimestamp(text: string, zone: string, order: DateOrder): TimestampResult {
  const t = text.trim();
  const iso = parseTimestampInZone(t, zone);
  if (iso.ok || iso.error !== "syntax") return iso;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return parseTimestampInZone(`${t} 00:00`, zone);
  if (EPOCH_MS_RE.test(t)) {
    const ms = Number(t);
    const out = formatUtcMicros(Math.floor(ms / 1000), `${pad(ms % 1000, 3)}000`);
    return out === null ? { ok: false, error: "range" } : { ok: true, value: out };
  }
  const p = readLocal(t, order);
  if (!p) return { ok: false, error: LOCAL_24_RE.test(t) || LOCAL_RE.test(t) ? "calendar" : "syntax" };
  return parseTimestampInZone(
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
    zone,
  );
}
