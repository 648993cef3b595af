/**
 * The one rule for "the database is unavailable": which errors mean the server cannot be
 * reached or went away (rather than a bug or bad input), and how the app answers them — a 503
 * with `Retry-After`, quickly, never a hang (issue 8 item 1). The API wrapper, the health check,
 * the server-action wrapper and the KPI engine all use this module.
 */

/** Seconds a client should wait before retrying after a 503 for an unavailable database. */
export const RETRY_AFTER_SECONDS = 5;

/** The API error code of an unavailable database. */
export const DATABASE_UNAVAILABLE_CODE = "database_unavailable";

/** The message people see (the API's `message`, an action's error). */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable right now. Please try again in a few seconds.";

/** Thrown when a connection could not be had in time (e.g. the KPI engine's reserve deadline). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** postgres.js' own connection error codes (errors it raises without a server answer). */
const DRIVER_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Server SQLSTATEs that mean "not now": connection exceptions (08…), shutdown and crash
 * (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), and
 * idle_in_transaction_session_timeout (25P03), which ended a session that hung.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "25P03";
}

/** Whether `err` (or its cause chain) says the database is unreachable or went away. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    if (typeof e !== "object") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (DRIVER_CODES.has(code) || isUnavailableSqlState(code))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
