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
