import type { FileReport, ImportError, ImportReport } from "@/lib/import";

/** One rejected row of the report: where it is and every problem found on it. */
export interface RejectedRow {
  file: string;
  line: number;
  problems: { column: string; reason: string }[];
}

export interface ReportSummary {
  /** The files the upload contained (the importer also reports the canonical files it did not get, as skipped). */
  files: FileReport[];
  /** Rows rejected, over those files: the number the headline says. */
  rejectedCount: number;
  /** The rejected rows listed, one per row (a row with two bad cells is one row with two problems). */
  rows: RejectedRow[];
  /** Rejected rows the report does not list (its error list is capped): rejectedCount − rows.length, ≥ 0. */
  unlisted: number;
}

/**
 * The upload page's reading of an import report: the headline count, the per-file table and
 * the list of rejected rows all count the same thing, rows (not problems), over the uploaded
 * files only.
 */
export function summarizeReport(report: Pick<ImportReport, "files" | "errors">): ReportSummary {
  const files = report.files.filter((f) => !f.skipped);
  const byRow = new Map<string, RejectedRow>();
  for (const e of report.errors as ImportError[]) {
    const key = `${e.file}\u0000${e.line}`;
    const row = byRow.get(key) ?? { file: e.file, line: e.line, problems: [] };
    row.problems.push({ column: e.column, reason: e.reason });
    byRow.set(key, row);
  }
  const rows = [...byRow.values()];
  const rejectedCount = Math.max(
    files.reduce((sum, f) => sum + f.rejected, 0),
    rows.length,
  );
  return { files, rejectedCount, rows, unlisted: rejectedCount - rows.length };
}
