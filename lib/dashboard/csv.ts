import { rawValue } from "@/lib/format";

/**
 * CSV serialisation (RFC 4180) for the drill-down export: fields separated by commas, records
 * by CRLF; a field containing a comma, a double quote, CR or LF is enclosed in double quotes
 * with its quotes doubled. Text cells that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or CR) are prefixed with an apostrophe; numbers are written as they are
 * (lib/format's rawValue: exact, never localised).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when needed; `text` defuses a formula at its start. */
export function csvField(value: CsvCell, opts: { text?: boolean } = {}): string {
  let s = rawValue(value);
  if (s === "") return "";
  if (opts.text && typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record (without its line break); `textColumns` marks the text fields. */
export function csvLine(values: readonly CsvCell[], textColumns?: readonly boolean[]): string {
  return values.map((v, i) => csvField(v, { text: textColumns?.[i] ?? false })).join(",");
}

/** A whole document: header + rows, CRLF after every record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], textColumns?: readonly boolean[]): string {
  const lines = [csvLine(header, header.map(() => true)), ...rows.map((r) => csvLine(r, textColumns))];
  return lines.map((l) => `${l}\r\n`).join("");
}

/** A file name safe for Content-Disposition (ASCII letters, digits, dot, dash, underscore). */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 120) || "export";
}

/** A value of an export column as the export writes it. */
export interface ExportColumn {
  id: string;
  kind: string;
}

/**
 * The export's columns with a label column after each code column (enum and status values:
 * `paid_search` stays as it is, "Paid search" comes beside it), and durations rounded to the
 * one decimal the dashboard shows (147.0325231 → 147.0). Amounts and every other value stay
 * exact. `label` names a code's label; `header` a column's header.
 */
export function exportTable(
  columns: readonly ExportColumn[],
  rows: readonly Record<string, CsvCell>[],
  opts: { header: (id: string) => string; labelHeader: (header: string) => string; label: (value: string) => string },
): { header: string[]; rows: CsvCell[][]; textColumns: boolean[] } {
  const coded = (c: ExportColumn) => c.kind === "enum" || c.kind === "status";
  const header: string[] = [];
  const textColumns: boolean[] = [];
  for (const c of columns) {
    header.push(opts.header(c.id));
    textColumns.push(c.kind === "text" || c.kind === "id" || coded(c));
    if (coded(c)) {
      header.push(opts.labelHeader(opts.header(c.id)));
      textColumns.push(true);
    }
  }
  const out = rows.map((row) =>
    columns.flatMap((c): CsvCell[] => {
      const v = row[c.id] ?? null;
      if (c.kind === "days") return [v === null || v === "" || !Number.isFinite(Number(v)) ? v : Number(v).toFixed(1)];
      if (coded(c)) return [v, v === null || v === "" ? null : opts.label(String(v))];
      return [v];
    }),
  );
  return { header, rows: out, textColumns };
}
