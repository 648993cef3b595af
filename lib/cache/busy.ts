/**
 * The refusal of a report computation when the instance is at its limit (lib/cache/admission.ts):
 * the API answers it 503 with `Retry-After` (lib/api/handler.ts), a page shows "busy,
 * retrying". Plain module (no server imports), so the API wrapper and client code can name it.
 */
export const REPORT_BUSY_CODE = "busy";

export const REPORT_BUSY_MESSAGE = "Too many reports are being computed right now. Please try again in a few seconds.";

export class ReportBusyError extends Error {
  constructor(
    /** Seconds the client should wait before trying again (the `Retry-After` header). */
    readonly retryAfterSeconds: number,
    message = REPORT_BUSY_MESSAGE,
  ) {
    super(message);
    this.name = "ReportBusyError";
  }
}

export function isReportBusy(err: unknown): err is ReportBusyError {
  return err instanceof ReportBusyError || (err instanceof Error && err.name === "ReportBusyError");
}
