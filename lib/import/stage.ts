import type postgres from "postgres";
import { REF_TABLES, type FileSpec, type RefTable, type RowValues } from "./specs";

/**
 * The importer's COPY path on the PostgreSQL server (issue 15 item 5): each batch of validated
 * rows goes into a temporary staging table with one `COPY … FROM STDIN` (text format), then one
 * statement finds the batch's missing references (joining the staging table to the referenced
 * tables) and, when there are none, merges the batch into its table with
 * `insert … select … on conflict … do update … where … is distinct from …` (mergeIfComplete).
 * A batch that misses a reference is merged by a second statement once the engine has decided
 * its rows (adjustStage, mergeStatement). The rules (what a missing reference does, the
 * counts) stay in engine.ts; this module only moves data.
 *
 * The embedded PGlite server does not take COPY FROM STDIN through postgres.js, so the engine
 * keeps its statement path (rows as a jsonb parameter) there.
 */

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The staging table of the file being imported (one at a time per transaction). */
export const STAGE_TABLE = "import_stage";

/** A batch row as the engine holds it: its CSV line and canonical values. */
export interface StageRow {
  line: number;
  values: RowValues;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/**
 * One value in COPY's text format: null is `\N`; a backslash, tab, line feed or carriage
 * return is written as its backslash escape, so that no value can end a field or a row, and
 * a value `\N` (two characters) stays text. Other characters go as they are (UTF-8).
 */
export function copyField(value: string | null): string {
  if (value === null) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\") out += "\\\\";
    else if (c === "\t") out += "\\t";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else out += c;
  }
  return out;
}

/** One row's line of COPY text: its CSV line, then the values of `names` (the spec's columns) in order. */
export function copyLine(names: readonly string[], line: number, values: RowValues): string {
  let out = String(line);
  for (const n of names) out += "\t" + copyField(values[n] ?? null);
  return out + "\n";
}

/** The COPY text of a batch: per row its line, then the spec's columns in order. */
export function copyText(spec: FileSpec, rows: readonly StageRow[]): string {
  const names = spec.columns.map((c) => c.name);
  const parts: string[] = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) parts[r] = copyLine(names, rows[r]!.line, rows[r]!.values);
  return parts.join("");
}

/**
 * Creates the staging table for `spec` in the current transaction: the line, then the file's
 * columns with their table's types (so COPY parses values as the table would) and no
 * constraints. Temporary, dropped at commit (or by dropStage at the end of the file).
 */
export async function createStage(tx: postgres.TransactionSql, spec: FileSpec): Promise<void> {
  const cols = spec.columns.map((c) => `${quoteIdent(c.name)} ${c.pgType}`).join(", ");
  await tx.unsafe(`drop table if exists pg_temp.${STAGE_TABLE}`);
  await tx.unsafe(`create temp table ${STAGE_TABLE} (line int4 not null, ${cols}) on commit drop`);
}

export async function dropStage(tx: postgres.TransactionSql): Promise<void> {
  await tx.unsafe(`drop table if exists pg_temp.${STAGE_TABLE}`);
}

/** The COPY data of a batch (copyText as UTF-8). */
export function copyBuffer(spec: FileSpec, rows: readonly StageRow[]): Buffer {
  return Buffer.from(copyText(spec, rows), "utf8");
}

/**
 * Empties the staging table and COPYs a batch (copyBuffer) into it. The `truncate` and the
 * `COPY` go out together (pipelined on the transaction's connection): one round trip less per
 * batch, which counts when the event loop is busy parsing the next batch.
 */
export async function loadStage(tx: postgres.TransactionSql, spec: FileSpec, data: Buffer): Promise<void> {
  const cols = ["line", ...spec.columns.map((c) => c.name)].map(quoteIdent).join(", ");
  const truncated = tx.unsafe(`truncate ${STAGE_TABLE}`).execute();
  truncated.catch(() => undefined); // its error is the COPY's too; awaited below
  const writable = await tx.unsafe(`copy ${STAGE_TABLE} (${cols}) from stdin`).writable();
  await truncated;
  // Settles once the server confirmed the COPY, or with its error (scripts/patch-postgres.mjs fix 3):
  // a COPY the server refused must fail the file, never let its transaction go on aborted.
  await new Promise<void>((resolve, reject) => {
    writable.once("error", reject);
    writable.end(data, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

/**
 * The query listing, per referenced table, the referenced values of the staged batch that the
 * table does not hold (columns `t`, `v`), over every reference column of `spec` (team-member
 * e-mails included); null when `spec` has no reference. Each column's distinct values are
 * probed against the referenced table's key.
 */
function missingRefsQuery(spec: FileSpec): string | null {
  const parts: string[] = [];
  for (const c of spec.columns) {
    if (!c.ref) continue;
    const table = c.ref;
    const key = quoteIdent(REF_TABLES[table].key);
    const col = quoteIdent(c.name);
    parts.push(
      `select '${table}'::text as t, x.v from (select distinct ${col}::text as v from ${STAGE_TABLE} where ${col} is not null) x
        where not exists (select 1 from ${quoteIdent(table)} r where r.${key} = x.v)`,
    );
  }
  return parts.length === 0 ? null : parts.join("\nunion all\n");
}

function missingMap(rows: readonly { t: RefTable; v: string }[]): Map<RefTable, Set<string>> {
  const missing = new Map<RefTable, Set<string>>();
  for (const r of rows) {
    const set = missing.get(r.t) ?? new Set<string>();
    set.add(r.v);
    missing.set(r.t, set);
  }
  return missing;
}

/** What mergeIfComplete did: the batch's missing references, and the merge's counts (zero when any was missing). */
export interface CheckedMerge {
  missing: Map<RefTable, Set<string>>;
  inserted: number;
  updated: number;
}

/**
 * The reference check and the merge of a staged batch in one statement (one round trip): the
 * batch is merged (mergeStatement) only when none of its references is missing; otherwise
 * nothing is written and the caller decides row by row (reject, clear, defer, create team
 * members), adjusts the staging table and merges with mergeStatement. Most batches of a
 * consistent export miss nothing and are done here.
 */
export async function mergeIfComplete(tx: postgres.TransactionSql, spec: FileSpec): Promise<CheckedMerge> {
  const query = missingRefsQuery(spec);
  if (query === null) {
    const [counts] = await tx.unsafe<{ inserted: number; updated: number }[]>(mergeStatement(spec));
    return { missing: new Map(), inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0 };
  }
  const [row] = await tx.unsafe<{ missing: string; inserted: number; updated: number }[]>(mergeStatement(spec, query));
  const missing = missingMap(JSON.parse(row?.missing ?? "[]") as { t: RefTable; v: string }[]);
  return { missing, inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 };
}

/**
 * Brings the staged batch in line with what the reference checks decided: rows dropped
 * (rejected or deferred) leave it, and cleared references become null. Only runs when a
 * batch had a missing reference.
 */
export async function adjustStage(
  tx: postgres.TransactionSql,
  dropped: readonly number[],
  cleared: ReadonlyMap<string, readonly number[]>,
): Promise<void> {
  if (dropped.length > 0) await tx.unsafe(`delete from ${STAGE_TABLE} where line = any($1::int4[])`, [dropped as number[]]);
  for (const [column, lines] of cleared) {
    await tx.unsafe(`update ${STAGE_TABLE} set ${quoteIdent(column)} = null where line = any($1::int4[])`, [lines as number[]]);
  }
}

/**
 * The statement that merges the staged batch into the file's table: insert, or update a row
 * whose contract columns differ (`imported_at` refreshed then), counting inserts (`xmax = 0`)
 * and updates. Statement-level triggers (kpi_lead_facts, report versions) fire once per batch.
 * With `missingRefs` (missingRefsQuery), it also returns those rows as a JSON array
 * (`missing`) and writes only when there are none (mergeIfComplete).
 */
export function mergeStatement(spec: FileSpec, missingRefs: string | null = null): string {
  const cols = spec.columns.map((c) => c.name);
  const list = cols.map(quoteIdent).join(", ");
  const counts = "count(*) filter (where ins)::int as inserted, count(*) filter (where not ins)::int as updated";
  if (missingRefs === null) {
    return `with up as (insert into ${quoteIdent(spec.table)} as t (${list})
    select ${list} from ${STAGE_TABLE} ${conflictClause(spec)} returning (xmax = 0) as ins)
    select ${counts} from up`;
  }
  return `with missing as materialized (${missingRefs}),
    up as (insert into ${quoteIdent(spec.table)} as t (${list})
    select ${list} from ${STAGE_TABLE} where not exists (select 1 from missing) ${conflictClause(spec)} returning (xmax = 0) as ins)
    select (select coalesce(json_agg(json_build_object('t', m.t, 'v', m.v)), '[]')::text from missing m) as missing, ${counts} from up`;
}

/** `on conflict (key) do update … where (t.cols) is distinct from (excluded.cols)`: shared by both write paths. */
export function conflictClause(spec: FileSpec): string {
  const key = spec.key.map(quoteIdent).join(", ");
  const nonKey = spec.columns.map((c) => c.name).filter((c) => !spec.key.includes(c)).map(quoteIdent);
  if (nonKey.length === 0) return `on conflict (${key}) do nothing`;
  return `on conflict (${key}) do update set ${nonKey.map((c) => `${c} = excluded.${c}`).join(", ")}, imported_at = now()
    where (${nonKey.map((c) => `t.${c}`).join(", ")}) is distinct from (${nonKey.map((c) => `excluded.${c}`).join(", ")})`;
}
