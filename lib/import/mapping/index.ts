import "server-only";
import type { Db } from "@/db/client";
import { importSources, type MappedHooks, type RecordSource, type SourceItem } from "../engine";
import { FILE_SPECS, fileSpec, type FileSpec } from "../specs";
import type { ImportProgress, ImportReport } from "../types";
import { BUILTIN_MAPPINGS, normKey, type BuiltinMapping } from "./builtin";
import type { Analysis, AnalysedFile, Crm, DateOrder, ErrorGroup, MappingDefinition, UnknownValue, WarningGroup } from "./contract";
import { detectHeader, isFooter, type Detection } from "./detect";
import { rateMap } from "./rates";
import { readUpload, type UploadFile } from "./read";
import { getMapping } from "./saved";
import { makeTransform, type MapContext } from "./transform";

/**
 * The mapping layer's entry points (issue 14; lib/import/mapping/contract.ts): `analyseUpload`
 * (what each file is, how its columns map, a preview, the values to map) and `importUpload`
 * (the import, or with `dryRun` the same work rolled back). Files run in contract order (users,
 * campaigns, companies, contacts — Salesforce leads before contacts —, campaign members, deals,
 * deal contacts); canonical files of the upload import exactly as `importFolder` would.
 */

export type { Analysis, AnalysedFile, ErrorGroup, MappingDefinition, UnknownValue, WarningGroup } from "./contract";
export { listMappings, getMapping, saveMapping, MappingError, mappingDefinitionSchema, type SavedMapping } from "./saved";
export { listRates, setRate, deleteRate, checkRate, RateError, type CurrencyRate } from "./rates";
export { resolvePendingRefs } from "./pending";

export interface AnalyseOptions {
  mapping?: MappingDefinition;
  /** A saved mapping to start from (import_mappings). */
  savedName?: string;
  /** Only this CRM's mappings (`--preset`). */
  crm?: "hubspot" | "salesforce";
}

export interface ImportUploadOptions {
  mapping?: MappingDefinition;
  dryRun?: boolean;
  strict?: boolean;
  onProgress?: (p: ImportProgress) => void;
  startedBy?: number;
  source?: string;
  crm?: "hubspot" | "salesforce";
}

export interface UploadReport extends Omit<ImportReport, "resolvedReferences"> {
  errorGroups: ErrorGroup[];
  warnings: WarningGroup[];
  /** Files of the upload that were not recognised, with the reason. */
  unrecognised: { name: string; reason: string }[];
  /** Kept references resolved after this import (records that arrived now). */
  resolvedReferences: number;
  dryRun: boolean;
}

/** The definition used when the user gave none: built-in mappings only, month-first dates. */
export function defaultDefinition(crm: Crm = "hubspot", dateOrder: DateOrder = "mdy"): MappingDefinition {
  return { crm, dateOrder, columns: {}, values: {} };
}

/** Thrown when nothing in an upload is recognised (the CLI exits non-zero). */
export class NothingRecognisedError extends Error {}

interface Planned {
  file: UploadFile;
  detection: Exclude<Detection, { kind: "none" }>;
  /** Line of the header record (rows before it — a formatted report's title — are skipped). */
  headerLine: number;
  header: string[];
  rows?: number;
}

const HEADER_SCAN = 12;

async function readHeader(file: UploadFile, crm: AnalyseOptions["crm"]): Promise<{ planned: Planned } | { reason: string }> {
  let scanned = 0;
  let first: Detection | null = null;
  for await (const item of file.items()) {
    if (item.kind !== "record" || isFooter(item.fields)) continue;
    const d = detectHeader(item.fields, file.baseName, crm);
    first ??= d;
    if (d.kind !== "none") return { planned: { file, detection: d, headerLine: item.line, header: item.fields } };
    if (++scanned >= HEADER_SCAN) break;
  }
  return { reason: first?.kind === "none" ? first.reason : "not recognised: the file is empty" };
}

function targetOf(d: Planned["detection"]): FileSpec {
  return d.kind === "canonical" ? d.spec : fileSpec(d.mapping.target);
}

/** Contract order; Salesforce leads before contacts (converted contacts resolve to their lead). */
function order(p: Planned): number {
  const i = FILE_SPECS.indexOf(targetOf(p.detection));
  const leadFirst = p.detection.kind === "mapped" && "@converted_contact" in invert(p.detection.mapping) ? 0 : 0.5;
  return i + (targetOf(p.detection).file === "leads.csv" ? leadFirst : 0);
}
function invert(m: BuiltinMapping): Record<string, true> {
  return Object.fromEntries(Object.values(m.columns).map((t) => [t, true]));
}

async function plan(folder: string, crm: AnalyseOptions["crm"]) {
  const upload = await readUpload(folder);
  const planned: Planned[] = [];
  const unrecognised: { name: string; reason: string }[] = upload.others.map((name) => ({ name, reason: "not a CSV, XLSX or zip file" }));
  for (const file of upload.files) {
    const r = await readHeader(file, crm);
    if ("planned" in r) planned.push(r.planned);
    else unrecognised.push({ name: file.name, reason: r.reason });
  }
  planned.sort((a, b) => order(a) - order(b));
  return { upload, planned, unrecognised };
}

async function context(db: Pick<Db, "$client">, definition: MappingDefinition, warnings: WarningSink): Promise<MapContext> {
  const sql = db.$client;
  const [org] = await sql.unsafe<{ time_zone: string; currency: string }[]>("select time_zone, currency from organisation_settings where id = 1");
  const owners = new Map<string, string>();
  for (const m of await sql.unsafe<{ email: string; name: string | null }[]>("select email, name from team_members")) {
    owners.set(normKey(m.email), m.email);
    if (m.name) owners.set(normKey(m.name), m.email);
  }
  const aliases = new Map((await sql.unsafe<{ alias: string; lead_id: string }[]>("select alias, lead_id from import_id_aliases")).map((a) => [a.alias, a.lead_id]));
  const campaignChannels = new Map(
    (await sql.unsafe<{ campaign_id: string; channel: string }[]>("select campaign_id, channel::text as channel from campaigns")).map((c) => [c.campaign_id, c.channel]),
  );
  return {
    zone: org?.time_zone ?? "UTC",
    currency: (org?.currency ?? "USD").trim().toUpperCase(),
    dateOrder: definition.dateOrder,
    rates: await rateMap(db),
    definition,
    owners,
    aliases,
    newAliases: new Map(),
    campaignChannels,
    extras: new Map(),
    warn: (file, column, reason, line) => warnings.add(file, column, reason, line),
  };
}

const MAX_ROWS_LISTED = 50;

class WarningSink {
  readonly groups = new Map<string, WarningGroup>();
  add(file: string, column: string, reason: string, line: number): void {
    const key = `${file}\u0000${column}\u0000${reason}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { file, column, reason, count: 0, rows: [] };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.rows.length < MAX_ROWS_LISTED) g.rows.push(line);
  }
}

async function resolveDefinition(db: Db, opts: AnalyseOptions): Promise<MappingDefinition> {
  if (opts.mapping) return opts.mapping;
  if (opts.savedName) {
    const saved = await getMapping(db, opts.savedName);
    if (!saved) throw new Error(`no saved mapping named "${opts.savedName}"`);
    return saved.definition;
  }
  return defaultDefinition(opts.crm ?? "hubspot");
}

/** Analyses an upload folder: detection, columns, preview, unknown values (contract.ts). Changes nothing. */
export async function analyseUpload(db: Db, folder: string, opts: AnalyseOptions = {}): Promise<Analysis & { unrecognised: { name: string; reason: string }[] }> {
  const definition = await resolveDefinition(db, opts);
  const { upload, planned, unrecognised } = await plan(folder, opts.crm);
  try {
    const warnings = new WarningSink();
    const ctx = await context(db, definition, warnings);
    const unknown = new Map<string, UnknownValue>();
    ctx.unknown = (kind, column, value, suggestion) => {
      const key = `${kind}\u0000${column}\u0000${normKey(value)}`;
      const u = unknown.get(key);
      if (u) u.rows++;
      else unknown.set(key, { kind, column, value, rows: 1, suggestion });
    };
    const files: AnalysedFile[] = unrecognised.map((u) => ({ name: u.name, crm: "canonical", object: null, target: null, reason: u.reason, columns: [], missing: [], preview: [], rows: 0 }));
    const columns: MappingDefinition["columns"] = { ...definition.columns };
    let crm: Crm = definition.crm;
    for (const p of planned) {
      const spec = targetOf(p.detection);
      const out: AnalysedFile = { name: p.file.name, crm: "canonical", object: null, target: spec.file, columns: [], missing: [], preview: [], rows: 0 };
      if (p.detection.kind === "canonical") {
        const names = new Set(spec.columns.map((c) => c.name));
        out.columns = p.header.map((h) => ({ header: h, canonical: names.has(normKey(h)) ? normKey(h) : null }));
        out.missing = spec.columns.filter((c) => c.required && !p.header.some((h) => normKey(h) === c.name)).map((c) => c.name);
        for await (const item of p.file.items()) {
          if (item.kind !== "record" || item.line <= p.headerLine) continue;
          out.rows++;
          if (out.preview.length < 5) out.preview.push({ row: item.line, values: Object.fromEntries(p.header.map((h, i) => [normKey(h), item.fields[i]?.trim() || null])) });
        }
      } else {
        const m = p.detection.mapping;
        crm = m.crm;
        out.crm = m.crm;
        out.object = m.object;
        const t = makeTransform(p.file.name, p.header, m, ctx);
        out.columns = t.columns;
        out.missing = t.missing;
        columns[m.object] = { ...Object.fromEntries(Object.entries(m.columns).map(([h, c]) => [normKey(h), c])), ...(definition.columns[m.object] ?? {}) };
        for await (const item of p.file.items()) {
          if (item.kind !== "record" || item.line <= p.headerLine || isFooter(item.fields)) continue;
          out.rows++;
          const r = t.row(item.fields, item.line);
          if (r?.ok && out.preview.length < 5) out.preview.push({ row: item.line, values: Object.fromEntries(t.header.map((c, i) => [c, r.fields[i] || null])) });
        }
      }
      files.push(out);
    }
    const unknownValues = [...unknown.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.rows - a.rows);
    return { files, unknownValues, mapping: { ...definition, crm, columns }, unrecognised };
  } finally {
    upload.cleanup();
  }
}

/** The hint of an error group: what to change in the CRM export or the mapping. */
function hintFor(reason: string, column: string, file: string): string | undefined {
  if (/required column missing/.test(reason)) return `add the column "${column}" to the export of ${file} (export "all properties" in HubSpot, add the field to the report's columns in Salesforce), or map one of your columns to it`;
  if (/required value is missing/.test(reason)) return `fill "${column}" for these records in the CRM, or leave them out of the export`;
  if (/not a date/.test(reason)) return `check the date order of the mapping (M/D/YYYY, D/M/YYYY or YYYY-MM-DD) against how "${column}" is written`;
  if (/no exchange rate/.test(reason)) return "set an exchange rate for that currency (admin page, or npm run settings -- rate set CODE=RATE)";
  if (/not mapped to an open or closed stage/.test(reason)) return `map this stage in the import's values step, or add the "Is Closed Won" (HubSpot) / IsWon and IsClosed (Salesforce) columns to the export`;
  if (/not an e-mail/.test(reason)) return `correct the e-mail address in the CRM`;
  if (/^unknown |was rejected/.test(reason)) return "include the file with the referred records in the same upload";
  if (/earlier than/.test(reason)) return "correct the dates in the CRM";
  return undefined;
}

/** Groups errors by file, column and cause (the reason without its quoted values). */
export function groupErrors(report: ImportReport): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const e of report.errors) {
    const cause = e.reason.replace(/"(?:[^"\\]|\\.)*"/g, "…").replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, "…");
    const key = `${e.file}\u0000${e.column}\u0000${cause}`;
    let g = groups.get(key);
    if (!g) {
      g = { file: e.file, column: e.column, reason: e.reason, rows: [], count: 0 };
      const hint = hintFor(e.reason, e.column, e.file);
      if (hint) g.hint = hint;
      groups.set(key, g);
    }
    g.count++;
    if (g.rows.length < MAX_ROWS_LISTED) g.rows.push(e.line);
  }
  return [...groups.values()];
}

/** Imports an upload folder through the mapping layer (or, with `dryRun`, reports what would happen, changing nothing). */
export async function importUpload(db: Db, folder: string, opts: ImportUploadOptions = {}): Promise<UploadReport> {
  const definition = opts.mapping ?? defaultDefinition(opts.crm ?? "hubspot");
  const { upload, planned, unrecognised } = await plan(folder, opts.crm);
  try {
    if (planned.length === 0) {
      const list = unrecognised.map((u) => `${u.name}: ${u.reason}`).join("; ");
      throw new NothingRecognisedError(`nothing to import in ${folder}: ${list || "the folder is empty"}`);
    }
    const warnings = new WarningSink();
    const ctx = await context(db, definition, warnings);
    const sources: RecordSource[] = [];
    const dealsFiles: { name: string; label: (c: string) => string }[] = [];
    const ignored = new Map<RecordSource, string[]>();
    for (const p of planned) {
      const spec = targetOf(p.detection);
      const base = { spec, name: p.file.name, bytesTotal: p.file.bytes };
      if (p.detection.kind === "canonical") {
        const file = p.file;
        sources.push({ ...base, items: () => file.items() });
        continue;
      }
      const mapping = p.detection.mapping;
      const t = makeTransform(p.file.name, p.header, mapping, ctx);
      if (spec.file === "deals.csv" && t.header.includes("primary_lead_id")) dealsFiles.push({ name: p.file.name, label: t.label });
      // The extra deal contacts of all deals files go after the last deals file.
      const nextIsNotDeals = (i: number) => planned[i + 1] === undefined || targetOf(planned[i + 1]!.detection).file !== "deals.csv";
      const source: RecordSource = { ...base, items: () => mappedItems(p, t), mapped: hooks(spec, p.file.name, t.label, warnings) };
      ignored.set(source, t.columns.filter((c) => c.canonical === null).map((c) => c.header));
      sources.push(source);
      if (spec.file === "deals.csv" && nextIsNotDeals(planned.indexOf(p))) {
        for (const d of dealsFiles) {
          const dc = fileSpec("deal_contacts.csv");
          const label = (c: string) => (c === "lead_id" ? d.label("primary_lead_id") : d.label("deal_id"));
          sources.push({ spec: dc, name: d.name, bytesTotal: 0, items: () => extraItems(ctx.extras.get(d.name) ?? []), mapped: hooks(dc, d.name, label, warnings) });
        }
      }
    }
    const report = await importSources(db, sources, {
      dryRun: !!opts.dryRun,
      strict: !!opts.strict,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.startedBy !== undefined ? { startedBy: opts.startedBy } : {}),
      source: opts.source ?? "cli",
      summary: { folder, mapped: true, crm: definition.crm, dateOrder: definition.dateOrder, dryRun: !!opts.dryRun },
      afterFiles: async (sql) => {
        if (ctx.newAliases.size === 0) return;
        await sql.unsafe(
          `insert into import_id_aliases (alias, lead_id) select x.a, x.l from jsonb_to_recordset($1::text::jsonb) as x(a text, l text)
           on conflict (alias) do update set lead_id = excluded.lead_id`,
          [JSON.stringify([...ctx.newAliases].map(([a, l]) => ({ a, l })))],
        );
      },
    });
    for (let i = 0; i < report.files.length; i++) {
      const s = sources[i];
      if (s) report.files[i]!.target = s.spec.file;
      const cols = s && ignored.get(s);
      if (cols) report.files[i]!.unknownColumns = cols;
    }
    const resolvedReferences = report.resolvedReferences ?? 0;
    return {
      ...report,
      errorGroups: groupErrors(report),
      warnings: [...warnings.groups.values()],
      unrecognised,
      resolvedReferences,
      dryRun: !!opts.dryRun,
    };
  } finally {
    upload.cleanup();
  }
}

function hooks(spec: FileSpec, file: string, label: (c: string) => string, warnings: WarningSink): MappedHooks {
  return {
    label,
    missingRef(column) {
      if (spec.file === "deal_contacts.csv") return column === "lead_id" ? "defer" : "reject";
      return spec.columns.find((c) => c.name === column)?.required ? "reject" : "clear";
    },
    warn(line, column, reason) {
      warnings.add(file, label(column), reason, line);
    },
  };
}

async function* mappedItems(p: Planned, t: ReturnType<typeof makeTransform>): AsyncGenerator<SourceItem> {
  yield { kind: "record", line: p.headerLine, fields: t.header, bytes: 0 };
  for await (const item of p.file.items()) {
    if (item.line <= p.headerLine) continue;
    if (item.kind === "error") {
      yield item;
      continue;
    }
    if (isFooter(item.fields)) continue;
    const r = t.row(item.fields, item.line);
    if (r === null) continue;
    if (r.ok) yield { kind: "record", line: item.line, fields: r.fields, bytes: item.bytes };
    else yield { kind: "rejected", line: item.line, errors: r.errors, id: r.id, bytes: item.bytes };
  }
}

async function* extraItems(extras: readonly { dealId: string; leadId: string; line: number }[]): AsyncGenerator<SourceItem> {
  yield { kind: "record", line: 1, fields: ["deal_id", "lead_id"], bytes: 0 };
  for (const e of extras) yield { kind: "record", line: e.line, fields: [e.dealId, e.leadId], bytes: 0 };
}

export { BUILTIN_MAPPINGS };
