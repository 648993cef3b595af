/** Decoding of the values of a KPI statement's row (the driver gives numbers, numeric text or bigint). */

/** A count or number column. */
export function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" || typeof v === "bigint") return Number(v);
  throw new Error(`expected a number, got ${String(v)}`);
}

/** A text column (also numeric text, kept exact). */
export function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  throw new Error(`expected text, got ${String(v)}`);
}

/** A nullable text column. */
export function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : text(v);
}
