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

/**
 * The months of a group statement run with a month time zone: its first row's `monthly` column,
 * a JSON array of objects (one per month), checked and returned for the group's own mapping.
 * `group` names the statement in the errors.
 */
export function monthlyObjects(rows: readonly Record<string, unknown>[], group: string): Record<string, unknown>[] {
  const r = rows[0];
  if (!r) throw new Error(`${group} returned nothing`);
  const parsed: unknown = JSON.parse(text(r.monthly));
  if (!Array.isArray(parsed)) throw new Error(`${group}: monthly is not an array`);
  return parsed.map((m: unknown) => {
    if (typeof m !== "object" || m === null) throw new Error(`${group}: bad monthly row`);
    return m as Record<string, unknown>;
  });
}
