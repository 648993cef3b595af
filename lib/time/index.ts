/**
 * lib/time — the one home of time in Alignboard (on luxon's IANA zone data). Every file states its
 * rules; in short:
 *
 * - Text (./iso, no zone data, client-safe): a date is `YYYY-MM-DD`, a real day, years 0001–9999. A timestamp is
 *   `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH|±HHMM|±HH:MM]`. A date alone is never a timestamp.
 * - Reading timestamps (./timestamps): the importer reads an offset-less timestamp in the
 *   organisation's zone (parseTimestampInZone); `as_of` must carry an offset
 *   (parseOffsetTimestamp); a typed wall-clock `as_of` is read in the zone (parseWallClock).
 * - DST (./wall-clock), written once: a wall-clock time in a gap moves forward (read with the
 *   offset before the change); one in an overlap is the earlier instant.
 * - The organisation's calendar (./windows): today in its zone, a date's instant range, months.
 * - Business hours (./business-hours, ./business-calendar): one grammar for settings and the SLA,
 *   and the due-time arithmetic.
 */
export {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatCivilDate,
  formatDays,
  isLeapYear,
  isoWeekdayOfDays,
  type CivilDate,
} from "./civil";
export {
  formatInstant,
  formatUtcMicros,
  isIsoDate,
  isoDateError,
  parseIsoDate,
  parseOffsetTimestamp,
  readIsoTimestamp,
  type IsoTimestamp,
  type IsoTimestampError,
} from "./iso";
export { canonicalTimeZone, isValidTimeZone } from "./zone";
export { epochMsToWallClock, wallClockExists, wallClockToEpochMs } from "./wall-clock";
export {
  looksLikeWallClock,
  parseTimestampInZone,
  parseWallClock,
  type TimestampError,
  type TimestampResult,
} from "./timestamps";
export {
  addDays,
  dateInZone,
  dayRangeInZone,
  endOfMonth,
  monthRangeInZone,
  startOfDayInZone,
  startOfMonth,
  todayInZone,
  wallClockInZone,
  type InstantRange,
} from "./windows";
export {
  DAY_NAMES,
  DEFAULT_BUSINESS_HOURS,
  checkBusinessHours,
  checkHolidays,
  formatBusinessHours,
  parseBusinessHours,
  splitHolidays,
  type BusinessHoursResult,
  type BusinessWindow,
  type HolidaysResult,
} from "./business-hours";
export {
  businessDue,
  businessElapsedMs,
  calendarSpanDays,
  weeklyBusinessMinutes,
  type BusinessCalendar,
  type SlaSettings,
} from "./business-calendar";
export { parseExportDate, parseExportTimestamp, type DateOrder } from "./export-values";
