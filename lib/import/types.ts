/** Public types of the CSV importer (docs/import-format.md). */

export interface ImportProgress {
  file: string;
  /** Data rows read so far in this file (header excluded). */
  rows: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportError {
  file: string;
  /** Physical line of the CSV where the record starts; the header is line 1. */
  line: number;
  column: string;
  reason: string;
}

export interface FileReport {
  file: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Header names (as written) that the file has but the contract does not know; listed once. */
  unknownColumns: string[];
  /** The file is not in the folder. */
  skipped?: boolean;
  /** `--strict` (or a missing required column): the whole file was rolled back / not applied. */
  rolledBack?: boolean;
  /** Mapped imports: references kept pending (their record is not imported yet). */
  pending?: number;
  /** Mapped imports: the contract file the customer's file became (deals.csv). */
  target?: string;
}

export interface ImportReport {
  files: FileReport[];
  /** Row errors in import order, at most `maxErrors` of them (see `omittedErrors`). */
  errors: ImportError[];
  /** No rejected rows. */
  ok: boolean;
  /** Errors found beyond `maxErrors`: counted here, not listed. */
  omittedErrors?: number;
  /** The import_runs row of this run. */
  runId?: number;
  /** References kept by earlier mapped imports that this import's records resolved. */
  resolvedReferences?: number;
}

export interface ImportOptions {
  /** Reject a whole file (roll it back) at its first bad row. */
  strict?: boolean;
  /** Column-mapping preset applied before the canonical rules. */
  preset?: PresetName;
  onProgress?: (p: ImportProgress) => void;
  /** How many errors the report keeps (default 10,000); the import itself goes on. */
  maxErrors?: number;
  /** Recorded in import_runs.source and audit_log.actor_label (default "cli"). */
  source?: string;
  /** users.id of whoever started the run (upload page), for import_runs and audit_log. */
  startedBy?: number;
  /** Rows per batch (default 5,000 as statement parameters, 20,000 through COPY). */
  batchSize?: number;
  /**
   * Load batches with COPY into a staging table (lib/import/stage.ts). Default: on the PostgreSQL
   * server; the embedded PGlite server cannot take COPY FROM STDIN, so `true` is ignored there.
   * `false` forces the statement path (tests compare the two).
   */
  copy?: boolean;
}

export type PresetName = "hubspot" | "salesforce";
