import type { DateOrder } from "./contract";

/**
 * Numbers and booleans as CRM exports write them (issue 14 item 4; docs/crm-import.md).
 *
 * Numbers: a currency symbol or ISO code before or after (`$1,200`, `€ 1.234,56`, `USD 85,000.00`,
 * `1 200 kr`), a sign or accounting parentheses, spaces / no-break spaces / apostrophes as
 * thousands separators, and a trailing `%` (the number as written: `85%` → 85). Which of `,` and
 * `.` is the decimal mark: when both appear, the last one; when only one appears several times, it
 * groups thousands; when one appears once, it is the decimal mark unless exactly three digits
 * follow it and the organisation's date order is not day-first (`1,200` → 1200 for M/D/YYYY and
 * YYYY-MM-DD organisations; `1.200` → 1200 and `1,5` → 1.5 for D/M/YYYY ones, whose exports
 * write `1.234,56`). Returns the plain decimal text the canonical importer reads, or null.
 */
export function parseExportNumber(raw: string, order: DateOrder): string | null {
  let t = raw.trim().replace(/[\u00a0\u202f]/g, " ");
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  t = t.replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, "").replace(/^[$€£¥₹]\s*|\s*[$€£¥₹]$/g, "").replace(/\s*(kr|zł)$/i, "");
  if (t.endsWith("%")) t = t.slice(0, -1).trim();
  if (t.startsWith("-")) {
    negative = !negative;
    t = t.slice(1).trim();
  } else if (t.startsWith("+")) t = t.slice(1).trim();
  t = t.replace(/^[$€£¥₹]\s*/, "");
  if (!/^[\d.,' ]+$/.test(t) || !/\d/.test(t)) return null;
  t = t.replace(/[' ]/g, "");
  const lastComma = t.lastIndexOf(",");
  const lastDot = t.lastIndexOf(".");
  let decimal: "," | "." | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? "," : ".";
  else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    const count = t.split(sep).length - 1;
    const after = t.length - t.lastIndexOf(sep) - 1;
    if (count > 1) decimal = null;
    else if (after === 3 && order !== "dmy") decimal = sep === "." ? "." : null;
    else if (after === 3 && order === "dmy") decimal = sep === "," ? "," : null;
    else decimal = sep;
    // "1.200" in a month-first organisation is 1.2 (a plain decimal), "1,200" 1200.
  }
  const thousands = decimal === "," ? "." : decimal === "." ? "," : null;
  let out = t;
  if (thousands) out = out.split(thousands).join("");
  else out = out.replace(/[.,]/g, "");
  if (decimal === ",") out = out.replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(out) && !/^\d*\.\d+$/.test(out)) return null;
  if (out.startsWith(".")) out = `0${out}`;
  return negative ? `-${out}` : out;
}

/** `true/false/1/0/yes/no` (any case, also `y`/`n`, `t`/`f`); null for anything else or empty. */
export function parseExportBoolean(raw: string): boolean | null {
  switch (raw.trim().toLowerCase()) {
    case "true":
    case "1":
    case "yes":
    case "y":
    case "t":
      return true;
    case "false":
    case "0":
    case "no":
    case "n":
    case "f":
      return false;
    default:
      return null;
  }
}
