import "server-only";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type postgres from "postgres";
import { isEmbedded, type Db } from "@/db/client";
import { analyzeChanged } from "@/db/statistics";
import { refreshAttributionSummary } from "@/lib/attribution/summary";
import { recordAudit } from "@/lib/audit/record";
import { readCsv, type CsvItem } from "./csv";
import { HEARTBEAT_SECONDS, markStaleImportRuns } from "./runs";
import { resolvePendingRefs } from "./mapping/pending";
import { resolvePreset } from "./presets";
import { FILE_SPECS, REF_TABLES, type CellError, type FileSpec, type RefTable, type RowContext, type RowValues } from "./specs";
import type { FileReport, ImportError, ImportOptions, ImportReport } from "./types";
import { mapHeader, validateRow, type HeaderMap } from "./validate";
import { isValidTimeZone } from "./values";
import { adjustStage, conflictClause, copyLine, createStage, dropStage, loadStage, mergeIfComplete, mergeStatement } from "./stage";

/**
 * The CSV importer (docs/import-format.md): `importFolder` imports the contract files it finds in
 * a folder, in contract order, each file in one transaction of its own (so a crash leaves every
 * file fully applied or not at all), streaming the file and writing it in batches upserted by
 * the external id.
 *
 * Two write paths, same rules and results (issue 15 item 5; lib/import/stage.test.ts compares
 * them): on the PostgreSQL server each batch (20,000 rows) is COPYed into a temporary staging
 * table, then one statement finds its missing references (joining it to the referenced tables)
 * and, when there are none, merges it with `insert … select … on conflict … do update … where …
 * is distinct from …` (stage.ts; a batch missing a reference is decided row by row, then
 * merged by a second statement); on the embedded PGlite server, which takes no COPY FROM STDIN, a batch
 * (5,000 rows) is one upsert of a jsonb parameter after one reference query per referenced
 * table. Either way statement-level triggers (kpi_lead_facts, report versions) run once per batch
 * (on the COPY path twice for a batch missing a reference, the first time over no rows).
 *
 * Per row: cells are validated (validate.ts), then references are checked per batch against
 * the database, which already holds the files committed earlier in this run. A row whose reference is missing is rejected, with the line where the
 * referenced row was rejected when it was rejected in this run. Unknown team-member e-mails
 * (owner_email, rep_email, user_email) create a team member (name = local part, no team, no
 * login), unless that e-mail's row was rejected from team_members.csv in this run.
 *
 * Duplicate external ids within one file: the rows are applied in file order, so the last valid
 * one wins; each counts as what it did (the first as inserted, a later one with other values
 * as updated, an identical repeat as unchanged). A rejected duplicate leaves the earlier row.
 *
 * Counting: inserted / updated come from the upsert (`xmax = 0` tells an insert); updates only
 * happen when a contract column differs (`imported_at` is refreshed on update but never counts
 * as a change); unchanged = valid rows − inserted − updated.
 *
 * `strict`: the first bad row (in line order) rolls the whole file back; the report lists that
 * one error, marks the file `rolledBack` and counts all its data rows as rejected. Other files
 * import normally. A file missing a required column is not applied either (one error at line 1).
 */

type Sql = postgres.Sql | postgres.TransactionSql;

/** Rows per batch as statement parameters (jsonb). */
const DEFAULT_BATCH = 5_000;
/** Rows per batch through COPY: fewer, larger merge statements (and statement-trigger runs). */
const DEFAULT_COPY_BATCH = 20_000;
const MAX_QUEUED = 2;
const DEFAULT_MAX_ERRORS = 10_000;
/** How many rejected ids per table are remembered to explain a dangling reference later. */
const REJECTED_MEMORY = 100_000;

export function formatError(e: ImportError): string {
  return `${e.file}:${e.line}: ${e.column}: ${e.reason}`;
}

/**
 * One input of a run: a contract file on disk (importFolder) or a file of a CRM export turned
 * into canonical records by the mapping layer (lib/import/mapping). The first record of
 * `items()` is the header (for a mapped source: the canonical column names).
 */
export interface RecordSource {
  spec: FileSpec;
  /** The name reported (FileReport.file, ImportError.file): the contract file, or the customer's. */
  name: string;
  bytesTotal: number;
  items(): AsyncIterable<SourceItem>;
  mapped?: MappedHooks;
}

/** A record, an unreadable record, or a row the mapping layer already rejected (its errors). */
export type SourceItem = CsvItem | { kind: "rejected"; line: number; errors: CellError[]; id: string | null; bytes: number };

/** What a reference to a record that is neither in the database nor earlier in the run does. */
export type MissingRefAction = "reject" | "clear" | "defer";

/** How the engine treats a mapped source (data-contract.md §1, last paragraph). */
export interface MappedHooks {
  /** The customer's column for a canonical column (errors name it). */
  label(column: string): string;
  /** `clear`: keep the row, reference empty; `defer`: do not store the row yet. Both are kept pending. */
  missingRef(column: string, table: RefTable): MissingRefAction;
  /** A kept row's missing reference, reported as a warning (the engine records it pending). */
  warn(line: number, column: string, reason: string): void;
}

interface PendingRef {
  targetKey: string;
  column: string;
  refTable: RefTable;
  refId: string;
  line: number;
}

interface RunState {
  ctx: RowContext;
  opts: ImportOptions;
  batchSize: number;
  maxErrors: number;
  errors: ImportError[];
  omittedErrors: number;
  /** Per referenced table: id → "file:line" of its rejected row in this run. */
  rejected: Map<RefTable, Map<string, string>>;
  /** Tables whose file was rolled back whole in this run. */
  rolledBack: Set<string>;
  /** Batches go through a COPY-loaded staging table (PostgreSQL server), else as statement parameters (PGlite). */
  copy: boolean;
}

/** Options of `importSources` beyond ImportOptions. */
export interface SourcesOptions extends ImportOptions {
  /** Change nothing: every file in one transaction, rolled back at the end; no run is recorded. */
  dryRun?: boolean;
  /** Written into import_runs.summary and the audit entry. */
  summary?: Record<string, unknown>;
  /** Runs after the files, before kept references are resolved (the mapping layer saves its id aliases). */
  afterFiles?: (sql: postgres.Sql) => Promise<void>;
}

interface PendingRow {
  line: number;
  values: RowValues;
}

class StrictAbort extends Error {}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Statement path: the statement that upserts one batch, given as a jsonb array of row objects in $1. */
function upsertStatement(spec: FileSpec): string {
  const cols = spec.columns.map((c) => c.name);
  const list = cols.map(quoteIdent).join(", ");
  const recordset = spec.columns.map((c) => `${quoteIdent(c.name)} ${c.pgType}`).join(", ");
  return `with up as (insert into ${quoteIdent(spec.table)} as t (${list})
    select ${list} from jsonb_to_recordset($1::text::jsonb) as x(${recordset}) ${conflictClause(spec)} returning (xmax = 0) as ins)
    select count(*) filter (where ins)::int as inserted, count(*) filter (where not ins)::int as updated from up`;
}

async function findFiles(folder: string): Promise<Map<string, string>> {
  let st;
  try {
    st = await stat(folder);
  } catch {
    throw new Error(`folder not found: ${folder}`);
  }
  if (!st.isDirectory()) throw new Error(`not a folder: ${folder}`);
  const found = new Map<string, string>();
  for (const name of await readdir(folder)) {
    const lower = name.toLowerCase();
    if (!found.has(lower)) found.set(lower, join(folder, name));
  }
  return found;
}

async function loadContext(sql: Sql): Promise<RowContext> {
  const rows = await sql.unsafe<{ time_zone: string; currency: string }[]>(
    "select time_zone, currency from organisation_settings where id = 1",
  );
  const timeZone = rows[0]?.time_zone ?? "UTC";
  const currency = (rows[0]?.currency ?? "USD").trim().toUpperCase();
  if (!isValidTimeZone(timeZone)) throw new Error(`organisation time zone "${timeZone}" is not a valid IANA time zone`);
  return { timeZone, currency };
}

/** Imports every contract file found in `folder`; see the module comment for the rules. */
export async function importFolder(db: Db, folder: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const dir = resolve(folder);
  const found = await findFiles(dir);
  if (opts.preset) resolvePreset(opts.preset, "leads.csv"); // fails early on an unknown preset
  const sources: (RecordSource | string)[] = [];
  for (const spec of FILE_SPECS) {
    const path = found.get(spec.file);
    sources.push(path ? await csvSource(spec, path) : spec.file);
  }
  return importSources(db, sources, { ...opts, summary: { folder: dir, strict: !!opts.strict, preset: opts.preset ?? null } });
}

/** A contract file on disk as a source. */
export async function csvSource(spec: FileSpec, path: string, name = spec.file): Promise<RecordSource> {
  return { spec, name, bytesTotal: (await stat(path)).size, items: () => readCsv(path) };
}

/**
 * Imports sources in the order given (a string: a contract file not in the upload, reported as
 * skipped). Each source is applied in one transaction of its own; with `dryRun` all of them in one
 * transaction that is rolled back (each in a savepoint, so later files see earlier ones).
 */
export async function importSources(db: Db, sources: readonly (RecordSource | string)[], opts: SourcesOptions = {}): Promise<ImportReport> {
  const sql = db.$client;
  const ctx = await loadContext(sql);
  const source = opts.source ?? "cli";
  const baseSummary = opts.summary ?? {};
  const copy = !isEmbedded(db) && opts.copy !== false;
  const state: RunState = {
    ctx,
    opts,
    batchSize: Math.max(1, opts.batchSize ?? (copy ? DEFAULT_COPY_BATCH : DEFAULT_BATCH)),
    maxErrors: Math.max(0, opts.maxErrors ?? DEFAULT_MAX_ERRORS),
    errors: [],
    omittedErrors: 0,
    rejected: new Map(),
    rolledBack: new Set(),
    copy,
  };
  const files: FileReport[] = [];
  const skippedReport = (file: string): FileReport => ({ file, inserted: 0, updated: 0, unchanged: 0, rejected: 0, unknownColumns: [], skipped: true });

  if (opts.dryRun) {
    await sql
      .begin(async (outer) => {
        for (const s of sources) {
          if (typeof s === "string") files.push(skippedReport(s));
          else files.push(await importFile(outer, s, state, true));
        }
        throw new DryRunRollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof DryRunRollback)) throw err;
      });
    const report: ImportReport = { files, errors: state.errors, ok: files.every((f) => f.rejected === 0) };
    if (state.omittedErrors > 0) report.omittedErrors = state.omittedErrors;
    return report;
  }

  await markStaleImportRuns(sql);
  const [run] = await sql.unsafe<{ id: number }[]>(
    "insert into import_runs (source, status, started_by, summary) values ($1, 'running', $2, $3::text::jsonb) returning id",
    [source, opts.startedBy ?? null, JSON.stringify(baseSummary)],
  );
  const runId = run!.id;
  // The run's sign of life (lib/import/runs.ts), on a pool connection of its own.
  const heartbeat = setInterval(() => {
    sql.unsafe("update import_runs set heartbeat_at = now() where id = $1 and status = 'running'", [runId]).catch(() => undefined);
  }, HEARTBEAT_SECONDS * 1000);
  heartbeat.unref();
  try {
    for (const s of sources) {
      if (typeof s === "string") files.push(skippedReport(s));
      else files.push(await importFile(sql, s, state, false));
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    clearInterval(heartbeat);
    await summariseWritten(db, files, sources);
    await analyzeWritten(sql, files, sources);
    await finishRun(db, runId, source, opts, "failed", { ...baseSummary, error: message, files }).catch(() => undefined);
    throw err;
  }
  clearInterval(heartbeat);
  await opts.afterFiles?.(sql);
  // References kept by earlier mapped imports whose record arrived now (lib/import/mapping/pending.ts).
  let resolvedReferences = 0;
  try {
    resolvedReferences = await resolvePendingRefs(sql);
  } catch (err) {
    console.error("[import] resolving kept references failed:", err instanceof Error ? err.message : err);
  }
  await summariseWritten(db, files, sources);
  await analyzeWritten(sql, files, sources);
  const ok = files.every((f) => f.rejected === 0);
  const report: ImportReport = { files, errors: state.errors, ok, runId };
  if (resolvedReferences > 0) report.resolvedReferences = resolvedReferences;
  if (state.omittedErrors > 0) report.omittedErrors = state.omittedErrors;
  const errorCount = state.errors.length + state.omittedErrors;
  await finishRun(db, runId, source, opts, ok ? "succeeded" : "completed_with_errors", {
    ...baseSummary,
    files,
    errorCount,
    errors: state.errors.slice(0, 200).map(formatError),
  });
  return report;
}

class DryRunRollback extends Error {}

/**
 * ANALYZE the tables this run wrote, and the facts tables they feed (db/statistics.ts), before
 * the run is marked finished: a report asked for after an import plans with statistics of the
 * data it reads (issue 15 item 1). team_members is included whenever anything was written
 * (unknown e-mails of other files create members). A failure here is logged, never the import's.
 */
async function analyzeWritten(sql: postgres.Sql, files: readonly FileReport[], sources: readonly (RecordSource | string)[]): Promise<void> {
  const tables = [
    ...new Set(
      files.flatMap((f, i) => {
        const s = sources[i];
        return f.inserted + f.updated > 0 && s && typeof s !== "string" ? [s.spec.table] : [];
      }),
    ),
  ];
  if (tables.length === 0) return;
  try {
    await analyzeChanged(sql, [...tables, "team_members"]);
  } catch (err) {
    console.error("[import] analyze failed:", err instanceof Error ? err.message : err);
  }
}

/** The tables whose writes can change a won deal's attribution path (migration 0018's triggers). */
const PATH_TABLES = new Set(["touchpoints", "deals", "deal_contacts", "leads"]);

/**
 * Refills the attribution summary (lib/attribution/summary.ts) after a run that wrote a table of
 * the paths: each file's statements deleted the summary rows of the deals they changed; until this
 * runs, the report builds those deals' paths from scratch (exact, slower). Once per run, not per
 * file or batch, so a bulk import pays for each deal's path once. A failure here is logged, never
 * the import's (the next run or migration fills what is missing).
 */
async function summariseWritten(db: Db, files: readonly FileReport[], sources: readonly (RecordSource | string)[]): Promise<void> {
  const wrote = files.some((f, i) => {
    const s = sources[i];
    return f.inserted + f.updated > 0 && s && typeof s !== "string" && PATH_TABLES.has(s.spec.table);
  });
  if (!wrote) return;
  try {
    await refreshAttributionSummary(db);
  } catch (err) {
    console.error("[import] attribution summary refresh failed:", err instanceof Error ? err.message : err);
  }
}

/** Closes the run's import_runs row and records the run in audit_log (without its error list). */
async function finishRun(
  db: Db,
  runId: number,
  source: string,
  opts: ImportOptions,
  status: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await db.$client.unsafe("update import_runs set status = $2, finished_at = now(), summary = $3::text::jsonb where id = $1", [
    runId,
    status,
    JSON.stringify(summary),
  ]);
  const { errors: _errors, ...brief } = summary;
  await recordAudit(db, {
    actor: { userId: opts.startedBy ?? null, label: source },
    action: "import",
    entity: "import",
    entityId: runId,
    after: { status, ...brief },
  });
}

/** Imports one file in one transaction. */
async function importFile(root: Sql, source: RecordSource, state: RunState, savepoint: boolean): Promise<FileReport> {
  const { spec, mapped } = source;
  const report: FileReport = { file: source.name, inserted: 0, updated: 0, unchanged: 0, rejected: 0, unknownColumns: [] };
  const preset = mapped ? null : resolvePreset(state.opts.preset, spec.file);
  const strict = !!state.opts.strict;
  const bytesTotal = source.bytesTotal;
  const label = mapped ? (c: string) => mapped.label(c) : (c: string) => c;
  const fileErrors: ImportError[] = [];
  let fileOmitted = 0;
  const ownTable = refTableOf(spec);
  let rejectedIds: Map<string, string> | null = null;
  if (ownTable) {
    rejectedIds = state.rejected.get(ownTable) ?? new Map<string, string>();
    state.rejected.set(ownTable, rejectedIds);
  }
  const keyColumn = spec.key.length === 1 ? spec.key[0]! : null;

  let rows = 0;
  let counting = false; // strict abort or unusable header: only count the remaining rows
  let strictFailed = false;

  const addError = (line: number, column: string, reason: string, ownWords = false) => {
    if (mapped) {
      if (!ownWords) reason = relabel(reason, spec, label);
      column = column === "(row)" ? column : label(column);
    }
    if (state.errors.length + fileErrors.length < state.maxErrors) fileErrors.push({ file: source.name, line, column, reason });
    else fileOmitted++;
  };
  /** Rejects one row: its errors, and its id remembered for references from later files. */
  const rejectRow = (line: number, errors: CellError[], id: string | null, ownWords = false) => {
    report.rejected++;
    for (const e of errors) addError(line, e.column, e.reason, ownWords);
    if (rejectedIds && id && rejectedIds.size < REJECTED_MEMORY && !rejectedIds.has(id)) rejectedIds.set(id, `${source.name}:${line}`);
    if (strict) strictFailed = true;
  };

  const progress = (bytesRead: number) =>
    state.opts.onProgress?.({ file: source.name, rows, bytesRead, bytesTotal });

  const run = async (tx: postgres.TransactionSql) => {
    const statement = state.copy ? mergeStatement(spec) : upsertStatement(spec);
    if (state.copy) await createStage(tx, spec);
    let map: HeaderMap | null = null;
    let batch: PendingRow[] = [];
    let batchKeys = new Set<string>();
    // COPY path: each row's COPY line is written as the row is validated, and the batch keeps
    // only what writeBatch may still need of it (key and reference columns), so that a row's
    // full values die young instead of outliving the batch (less garbage-collector work).
    const copyNames = spec.columns.map((c) => c.name);
    const keptNames = spec.columns.filter((c) => c.ref || spec.key.includes(c.name)).map((c) => c.name);
    let copyLines: string[] = [];
    // Batches are written one after the other on the transaction's connection while the next
    // ones are parsed; at most MAX_QUEUED batches wait, so memory stays flat.
    const queue: Promise<void>[] = [];
    let tail: Promise<void> = Promise.resolve();

    const flush = async () => {
      if (batch.length > 0) {
        const rowsToWrite = batch;
        batch = [];
        batchKeys = new Set();
        // The COPY data is ready here, while the previous batch is being written, not on the connection's turn.
        const copyData = state.copy ? Buffer.from(copyLines.join(""), "utf8") : null;
        copyLines = [];
        tail = tail.then(() => writeBatch(tx, source, statement, rowsToWrite, copyData, state, rejectRow, report));
        tail.catch(() => undefined); // awaited below; keep Node from flagging it meanwhile
        queue.push(tail);
      }
      while (queue.length >= MAX_QUEUED) await queue.shift();
    };
    const drain = async () => {
      await flush();
      while (queue.length > 0) await queue.shift();
    };

    progress(0);
    for await (const item of source.items()) {
      if (item.kind === "record" && !map) {
        map = mapHeader(spec, item.fields, preset);
        report.unknownColumns = map.unknownColumns;
        if (map.missingRequired.length > 0) {
          const cols = map.missingRequired.join(", ");
          addError(item.line, cols, `required column missing from the header: ${cols}`);
          counting = true;
        }
        continue;
      }
      rows++;
      if (counting) report.rejected++;
      else if (item.kind === "error") {
        if (!map) throw new Error(`unreadable header: ${item.reason}`);
        rejectRow(item.line, [{ column: "(row)", reason: item.reason }], null);
      } else if (item.kind === "rejected") {
        rejectRow(item.line, item.errors, item.id, true);
      } else {
        const r = validateRow(map!, item.fields, state.ctx);
        if (!r.ok) {
          rejectRow(item.line, r.errors, rawKey(map!, item.fields, keyColumn));
        } else {
          const key = spec.key.map((k) => r.values[k]).join("\u0000");
          if (batchKeys.has(key)) await flush();
          if (state.copy) {
            copyLines.push(copyLine(copyNames, item.line, r.values));
            const kept: RowValues = {};
            for (const n of keptNames) kept[n] = r.values[n] ?? null;
            batch.push({ line: item.line, values: kept });
          } else batch.push({ line: item.line, values: r.values });
          batchKeys.add(key);
          if (batch.length >= state.batchSize) await flush();
        }
      }
      if (strictFailed && !counting) {
        // The first bad row in line order may be an earlier one failing its reference check.
        await drain();
        counting = true;
      }
      if ((rows & 1023) === 0) progress(item.bytes);
      // While a batch is being written, let its replies in between the records parsed from one
      // chunk of the file: each reply the connection waits for would otherwise wait for the chunk.
      if ((rows & 255) === 0 && queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!counting) await drain();
    if (state.copy) await dropStage(tx);
    progress(bytesTotal);
    if (counting || strictFailed) throw new StrictAbort();
  };

  try {
    if (savepoint) await (root as postgres.TransactionSql).savepoint((tx) => run(tx));
    else await (root as postgres.Sql).begin((tx) => run(tx));
  } catch (err) {
    if (!(err instanceof StrictAbort)) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`${source.name}: ${message}`, { cause: err });
    }
    // Rolled back: nothing of this file is stored.
    state.rolledBack.add(spec.table);
    report.rejected += report.inserted + report.updated + report.unchanged;
    report.inserted = report.updated = report.unchanged = 0;
    report.rolledBack = true;
    fileErrors.sort((a, b) => a.line - b.line);
    const first = fileErrors[0];
    fileErrors.length = 0;
    if (first) {
      fileErrors.push(
        strict && first.line > 1
          ? { ...first, reason: `${first.reason} (--strict: ${source.name} rejected whole, nothing of it imported)` }
          : first,
      );
    }
    fileOmitted = 0;
    if (rejectedIds) rejectedIds.clear();
  }
  fileErrors.sort((a, b) => a.line - b.line);
  state.errors.push(...fileErrors);
  state.omittedErrors += fileOmitted;
  return report;
}

/** A reason with the canonical column names of `spec` replaced by the customer's (mapped sources). */
function relabel(reason: string, spec: FileSpec, label: (c: string) => string): string {
  let out = reason;
  for (const c of spec.columns) {
    if (out.includes(c.name)) out = out.replace(new RegExp(`\\b${c.name}\\b`, "g"), JSON.stringify(label(c.name)));
  }
  return out;
}

function refTableOf(spec: FileSpec): RefTable | null {
  return spec.table in REF_TABLES ? (spec.table as RefTable) : null;
}

/** The external id of a rejected row as written (lower case for e-mails), when there is one. */
function rawKey(map: HeaderMap, fields: readonly string[], keyColumn: string | null): string | null {
  if (!keyColumn) return null;
  const i = map.spec.columns.findIndex((c) => c.name === keyColumn);
  const idx = map.indexes[i] ?? -1;
  const v = idx >= 0 ? (fields[idx] ?? "").trim() : "";
  if (v === "") return null;
  return map.spec.columns[i]!.type.kind === "email" ? v.toLowerCase() : v;
}

/**
 * Writes one batch: finds its missing references (on the COPY path in the statement that also
 * merges the batch when none is missing; one query per referenced table otherwise), applies what a missing reference does
 * (reject, or for mapped sources clear / defer, kept pending), rejects rows naming a team member
 * whose row was rejected in this run, creates the other unknown team members, and upserts the
 * survivors in one statement.
 */
async function writeBatch(
  tx: postgres.TransactionSql,
  source: RecordSource,
  statement: string,
  rows: PendingRow[],
  copyData: Buffer | null,
  state: RunState,
  rejectRow: (line: number, errors: CellError[], id: string | null) => void,
  report: FileReport,
): Promise<void> {
  const { spec, mapped } = source;
  const staged = copyData !== null;
  const count = (inserted: number, updated: number, valid: number) => {
    report.inserted += inserted;
    report.updated += updated;
    report.unchanged += valid - inserted - updated;
  };
  let missing: Map<RefTable, Set<string>>;
  if (staged) {
    await loadStage(tx, spec, copyData);
    // The usual batch misses no reference: checked and merged in one statement.
    const merged = await mergeIfComplete(tx, spec);
    if (merged.missing.size === 0) return count(merged.inserted, merged.updated, rows.length);
    missing = merged.missing;
  } else {
    missing = await missingRefs(tx, spec, rows);
  }
  const none = new Set<string>();
  const missingIn = (table: RefTable) => missing.get(table) ?? none;

  let alive = rows;
  const pending: PendingRef[] = [];
  /** Staging path: per column, the lines whose reference was cleared. */
  const cleared = new Map<string, number[]>();
  const refColumns = spec.columns.filter((c) => c.ref);
  const keyColumn = spec.key.length === 1 ? spec.key[0]! : null;
  const reject = (row: PendingRow, column: string, reason: string) => {
    rejectRow(row.line, [{ column, reason }], keyColumn ? row.values[keyColumn] ?? null : null);
  };
  const explain = (table: RefTable, id: string): string => {
    const meta = REF_TABLES[table];
    const where = state.rejected.get(table)?.get(id);
    if (where) return `${meta.noun} ${JSON.stringify(id)} was rejected (${where})`;
    if (state.rolledBack.has(table)) return `unknown ${meta.noun} ${JSON.stringify(id)} (${meta.file} was rolled back)`;
    return `unknown ${meta.noun} ${JSON.stringify(id)}`;
  };

  // 1. Id references (not e-mails), table by table in column order.
  const byTable = new Map<RefTable, string[]>();
  for (const c of refColumns) {
    if (c.ref && c.ref !== "team_members") byTable.set(c.ref, [...(byTable.get(c.ref) ?? []), c.name]);
  }
  for (const [table, columns] of byTable) {
    const absent = missingIn(table);
    if (absent.size === 0) continue;
    alive = alive.filter((r) => {
      for (const c of columns) {
        const v = r.values[c];
        if (v && absent.has(v)) {
          const action = mapped && !state.rejected.get(table)?.has(v) ? mapped.missingRef(c, table) : "reject";
          const targetKey = keyColumn ? r.values[keyColumn] : r.values[spec.key[0]!];
          if (action === "reject" || !targetKey) {
            reject(r, c, explain(table, v));
            return false;
          }
          pending.push({ targetKey, column: c, refTable: table, refId: v, line: r.line });
          mapped!.warn(r.line, c, `${REF_TABLES[table].noun} ${JSON.stringify(v)} is not in this upload nor imported yet: kept, linked when it is imported`);
          if (action === "defer") return false;
          r.values[c] = null;
          const lines = cleared.get(c) ?? [];
          lines.push(r.line);
          cleared.set(c, lines);
        }
      }
      return true;
    });
  }
  if (pending.length > 0) {
    await tx.unsafe(
      `insert into import_pending_refs (target_table, target_key, column_name, ref_table, ref_id, source_file, line)
       select $1, x.k, x.c, x.t, x.r, $2, x.l from jsonb_to_recordset($3::text::jsonb) as x(k text, c text, t text, r text, l int)
       on conflict (target_table, target_key, column_name, ref_id) do nothing`,
      [spec.table, source.name, JSON.stringify(pending.map((p) => ({ k: p.targetKey, c: p.column, t: p.refTable, r: p.refId, l: p.line })))],
    );
    report.pending = (report.pending ?? 0) + pending.length;
  }

  // 2. Team-member e-mails: known, to create, or rejected earlier in this run.
  const emailColumns = refColumns.filter((c) => c.ref === "team_members").map((c) => c.name);
  const absentMembers = missingIn("team_members");
  const create = new Set<string>();
  if (emailColumns.length > 0 && absentMembers.size > 0) {
    const rejectedMembers = state.rejected.get("team_members");
    if (rejectedMembers && rejectedMembers.size > 0) {
      alive = alive.filter((r) => {
        for (const c of emailColumns) {
          const v = r.values[c];
          if (v && absentMembers.has(v) && rejectedMembers.has(v)) {
            reject(r, c, explain("team_members", v));
            return false;
          }
        }
        return true;
      });
    }
    for (const r of alive) for (const c of emailColumns) {
      const v = r.values[c];
      if (v && absentMembers.has(v)) create.add(v);
    }
  }

  // 3. The staged batch follows the decisions above (only when a reference was missing).
  if (staged && (alive.length < rows.length || cleared.size > 0)) {
    const kept = new Set(alive);
    await adjustStage(tx, rows.filter((r) => !kept.has(r)).map((r) => r.line), cleared);
  }
  if (create.size > 0) {
    await tx.unsafe(
      `insert into team_members (email, name)
       select e, split_part(e, '@', 1) from jsonb_array_elements_text($1::text::jsonb) as e
       on conflict (email) do nothing`,
      [JSON.stringify([...create])],
    );
  }

  // 4. Upsert.
  if (alive.length === 0) return;
  const [counts] = await tx.unsafe<{ inserted: number; updated: number }[]>(
    statement,
    staged ? [] : [JSON.stringify(alive.map((r) => r.values))],
  );
  count(counts?.inserted ?? 0, counts?.updated ?? 0, alive.length);
}

/**
 * Statement path: per referenced table (team members included), the values the batch refers
 * to that the table does not hold; one query per table.
 */
async function missingRefs(tx: postgres.TransactionSql, spec: FileSpec, rows: readonly PendingRow[]): Promise<Map<RefTable, Set<string>>> {
  const byTable = new Map<RefTable, string[]>();
  for (const c of spec.columns) if (c.ref) byTable.set(c.ref, [...(byTable.get(c.ref) ?? []), c.name]);
  const missing = new Map<RefTable, Set<string>>();
  for (const [table, columns] of byTable) {
    const ids = new Set<string>();
    for (const r of rows) for (const c of columns) if (r.values[c]) ids.add(r.values[c]!);
    if (ids.size === 0) continue;
    const existing = await existingKeys(tx, table, ids);
    if (existing.size === ids.size) continue;
    missing.set(table, new Set([...ids].filter((v) => !existing.has(v))));
  }
  return missing;
}

async function existingKeys(tx: postgres.TransactionSql, table: RefTable, ids: Set<string>): Promise<Set<string>> {
  const key = quoteIdent(REF_TABLES[table].key);
  const rows = await tx.unsafe<{ k: string }[]>(
    `select ${key} as k from ${quoteIdent(table)} where ${key} in (select jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify([...ids])],
  );
  return new Set(rows.map((r) => r.k));
}
