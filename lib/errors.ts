/**
 * Domain errors: the one way a service (lib/<area>/*) refuses a request for a reason the
 * person asking should see — not found, not allowed, based on a stale version, invalid, or in
 * conflict with the current state. Services throw them and know nothing of forms or HTTP; the
 * server-action wrapper (lib/actions/action.ts) turns them into `{ error, code, fieldErrors,
 * data }`, the API wrapper (lib/api/handler.ts) into a JSON error with a status, the operator
 * commands print the message.
 *
 * Plain module (no server imports): a client may `import type` from it.
 */
export const DOMAIN_ERROR_CODES = ["not_found", "forbidden", "stale", "invalid", "conflict"] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type DomainErrorOptions = {
  /**
   * The message key the UI translates (`errors.<key>`, or `validation.<key>` at a field), e.g.
   * "column_not_empty" for a "conflict"; defaults to the code.
   */
  key?: string;
  /** The input field the refusal is about, when there is one. */
  field?: string;
  /** Data the caller needs to recover, e.g. the card as it is now for "stale". */
  payload?: unknown;
};

/** A service's refusal: what kind (`code`), what to tell the user (`key`), where, and what to recover with. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly key: string;
  readonly field: string | undefined;
  readonly payload: unknown;

  /** `message` is English, for logs and operator commands; the UI shows `key` translated. */
  constructor(code: DomainErrorCode, message: string, opts: DomainErrorOptions = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.key = opts.key ?? code;
    this.field = opts.field;
    this.payload = opts.payload;
  }
}
