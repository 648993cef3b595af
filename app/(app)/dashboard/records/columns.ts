import type { ColumnSpec } from "@/lib/dashboard/records-spec";

/** The columns a reader looks at first, in this order; the others follow in the spec's order. */
const FIRST = ["name", "amount", "stage", "closed_at", "expected_close_on", "overdue", "owner_email", "source_channel", "account", "segment"];

/**
 * The records table's columns in reading order: what matters first (name, amount, stage,
 * date, owner), identifiers and flags after. Owners and channels read as labels (enum), not
 * codes. The export keeps the spec's own order and raw values.
 */
export function displayColumns(columns: readonly ColumnSpec[]): ColumnSpec[] {
  const rank = (id: string) => {
    const i = FIRST.indexOf(id);
    return i === -1 ? FIRST.length : i;
  };
  return [...columns]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.id) - rank(b.c.id) || a.i - b.i)
    .map(({ c }) => (c.id === "owner_email" ? { ...c, kind: "enum" as const } : c));
}
