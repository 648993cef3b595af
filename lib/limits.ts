/**
 * The input limits of the whole app, in one place (plain values: client components import this
 * module too). Every parser of outside input — API parameters, URL state, server-action forms,
 * CSV cells, uploads — takes its bounds from here, and says the bound when it refuses.
 */

/** Longest report period, in days (10 years): the API and the dashboard refuse longer ones. */
export const MAX_PERIOD_DAYS = 3_660;

/** Largest id a form or URL may name: ids are PostgreSQL `integer` (int4) columns. */
export const MAX_INT4 = 2_147_483_647;

/** Text lengths, in characters. */
export const TEXT_LIMITS = {
  /** A short name or label (a user's name, an API key's name, a roadmap title). */
  name: 200,
  /** A free-text form field (a description). */
  longText: 5_000,
  /** One CSV cell of an import file. */
  csvCell: 10_000,
  /** One URL parameter value. */
  parameter: 2_000,
} as const;

/** Default largest upload of the import page, in MB; `IMPORT_MAX_UPLOAD_MB` overrides it. */
export const DEFAULT_IMPORT_MAX_UPLOAD_MB = 200;

/** "at most 200 characters": how every length refusal states its limit. */
export function atMostCharacters(limit: number): string {
  return `at most ${limit.toLocaleString("en-US")} characters`;
}

/**
 * Control characters no text input may hold: NUL (which PostgreSQL cannot store in text or
 * jsonb) and the other C0 controls except tab, line feed and carriage return, plus DEL.
 */
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether `text` holds a control character no input may contain (see FORBIDDEN_CONTROL). */
export function hasForbiddenControl(text: string): boolean {
  return FORBIDDEN_CONTROL.test(text);
}

/** The message for a value refused by hasForbiddenControl (NUL named as such). */
export function controlCharacterMessage(text: string): string {
  return text.includes("\u0000") ? "must not contain a NUL character" : "must not contain control characters";
}
