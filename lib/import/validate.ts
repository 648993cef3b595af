import { atMostCharacters, controlCharacterMessage, hasForbiddenControl, TEXT_LIMITS } from "@/lib/limits";
import { normaliseHeader, type ResolvedFilePreset } from "./presets";
import type { CellError, ColumnSpec, FileSpec, RowContext, RowValues } from "./specs";
import { normaliseEnum, parseAmount, parseDate, parseEmail, parseEnum, parseTimestamp, show, type Parsed } from "./values";

/**
 * Header mapping and row validation: pure functions, no database. References are checked by
 * the engine afterwards, in batches.
 */
export interface HeaderMap {
  spec: FileSpec;
  /** For each spec column, the index of its cell in a record, or -1 when the file lacks it. */
  indexes: number[];
  /** Header names (as written) that map to no contract column, or repeat one; listed once. */
  unknownColumns: string[];
  /** Required columns absent from the header: the file cannot be imported. */
  missingRequired: string[];
  headerLength: number;
  valueMaps: (Map<string, string> | null)[];
}

/** Maps a header row onto the file's columns: case-insensitive, trimmed, preset renames first. */
export function mapHeader(spec: FileSpec, header: readonly string[], preset: ResolvedFilePreset | null = null): HeaderMap {
  const byName = new Map(spec.columns.map((c, i) => [c.name, i]));
  const indexes = spec.columns.map(() => -1);
  const unknownColumns: string[] = [];
  header.forEach((raw, i) => {
    const h = normaliseHeader(raw);
    const name = preset?.columns.get(h) ?? h;
    const col = byName.get(name);
    if (col === undefined || indexes[col] !== -1) {
      unknownColumns.push(raw.trim() === "" ? `(column ${i + 1} without header)` : raw.trim());
      return;
    }
    indexes[col] = i;
  });
  const missingRequired = spec.columns.filter((c, i) => c.required && indexes[i] === -1).map((c) => c.name);
  const valueMaps = spec.columns.map((c) => preset?.values.get(c.name) ?? null);
  return { spec, indexes, unknownColumns, missingRequired, headerLength: header.length, valueMaps };
}

function parseCell(col: ColumnSpec, raw: string, ctx: RowContext): Parsed {
  switch (col.type.kind) {
    case "text":
      return { ok: true, value: raw };
    case "email":
      return parseEmail(raw);
    case "timestamp":
      return parseTimestamp(raw, ctx.timeZone);
    case "date":
      return parseDate(raw);
    case "amount":
      return parseAmount(raw);
    case "enum":
      return parseEnum(raw, col.type.values);
    case "currency": {
      const v = raw.toUpperCase();
      if (v === ctx.currency) return { ok: true, value: v };
      return { ok: false, reason: `currency ${show(raw)} is not the organisation's reporting currency ${ctx.currency}` };
    }
  }
}

export type RowResult = { ok: true; values: RowValues } | { ok: false; errors: CellError[] };

/**
 * Validates one record (cells in file order) against the mapped header: trims every cell,
 * refuses control characters (NUL included) and cells over TEXT_LIMITS.csvCell,
 * empty = null (or the column's default), required values present, each cell parsed to its
 * canonical form, then the file's cross-field rules over the cells that parsed. At most one
 * error per column, in column order, then rule errors.
 */
export function validateRow(map: HeaderMap, record: readonly string[], ctx: RowContext): RowResult {
  const { spec } = map;
  if (record.length < map.headerLength || (record.length > map.headerLength && record.slice(map.headerLength).some((c) => c.trim() !== ""))) {
    return {
      ok: false,
      errors: [{ column: "(row)", reason: `has ${record.length} fields but the header has ${map.headerLength}` }],
    };
  }
  const values: RowValues = {};
  const errors: CellError[] = [];
  const failed = new Set<string>();
  for (let i = 0; i < spec.columns.length; i++) {
    const col = spec.columns[i]!;
    const idx = map.indexes[i]!;
    let raw = idx >= 0 ? (record[idx] ?? "").trim() : "";
    if (raw === "") {
      values[col.name] = col.defaultValue ?? null;
      if (col.required) {
        errors.push({ column: col.name, reason: "required value is missing" });
        failed.add(col.name);
      }
      continue;
    }
    // Checked before any parser: PostgreSQL cannot store NUL, and one huge cell must not cost more.
    if (hasForbiddenControl(raw)) {
      values[col.name] = null;
      errors.push({ column: col.name, reason: controlCharacterMessage(raw) });
      failed.add(col.name);
      continue;
    }
    if (raw.length > TEXT_LIMITS.csvCell) {
      values[col.name] = null;
      errors.push({ column: col.name, reason: `is ${raw.length.toLocaleString("en-US")} characters long; a cell may be ${atMostCharacters(TEXT_LIMITS.csvCell)}` });
      failed.add(col.name);
      continue;
    }
    const vm = map.valueMaps[i];
    if (vm) raw = vm.get(normaliseEnum(raw)) ?? raw;
    const parsed = parseCell(col, raw, ctx);
    if (parsed.ok) values[col.name] = parsed.value;
    else {
      values[col.name] = null;
      errors.push({ column: col.name, reason: parsed.reason });
      failed.add(col.name);
    }
  }
  if (spec.rules) {
    // Rules see only cells that parsed: a failed cell is null there, so it breaks no rule twice.
    for (const e of spec.rules(values, ctx)) {
      if (!failed.has(e.column)) {
        errors.push(e);
        failed.add(e.column);
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
