import type {
  Analysis,
  DateOrder,
  ErrorGroup,
  ExportObject,
  MappingDefinition,
  UnknownValue,
  ValueKind,
  WarningGroup,
} from "@/lib/import/mapping/contract";
import { normaliseHeader } from "@/lib/import/presets";
import type { ImportReport } from "@/lib/import/types";

/**
 * The guided import's steps and what moves between them (issue 14 item 6), as a pure reducer
 * the page drives: drop files → detected objects and columns → preview of the first rows →
 * unknown values to map → dry run → import (progress) → summary. No I/O here: the component
 * calls the server and dispatches what it answered.
 */
export const FLOW_STEPS = ["files", "columns", "preview", "values", "dryRun", "import", "summary"] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

/** What a dry run or an import answers: the importer's report plus grouped errors and warnings. */
export type RunReport = ImportReport & { errorGroups: ErrorGroup[]; warnings: WarningGroup[] };

export interface FlowState {
  step: FlowStep;
  /** The server-side folder the files were uploaded to (null before the upload). */
  uploadId: string | null;
  analysis: Analysis | null;
  /** The mapping in force: the analysis' proposal with the user's changes on top. */
  mapping: MappingDefinition | null;
  /** The saved mapping the user picked, if any. */
  savedName: string | null;
  /** The last dry run's report, for the mapping as it is now (null: none, or the mapping changed since). */
  dryRun: RunReport | null;
  /** The import's report once it finished. */
  result: RunReport | null;
}

export type FlowEvent =
  | { type: "analysed"; uploadId: string; analysis: Analysis; savedName?: string | null }
  | { type: "setColumn"; object: ExportObject; header: string; canonical: string }
  | { type: "setValue"; kind: ValueKind; value: string; canonical: string }
  | { type: "setDateOrder"; dateOrder: DateOrder }
  | { type: "goTo"; step: FlowStep }
  | { type: "dryRunDone"; report: RunReport }
  | { type: "importStarted" }
  | { type: "importDone"; report: RunReport }
  | { type: "reset" };

export const INITIAL_FLOW: FlowState = {
  step: "files",
  uploadId: null,
  analysis: null,
  mapping: null,
  savedName: null,
  dryRun: null,
  result: null,
};

/**
 * The key the mapping layer uses for a customer's header or value (contract.ts): trimmed,
 * lower case, runs of white space as one space — the importer's own normaliseHeader.
 */
export const mappingKey: (text: string) => string = normaliseHeader;

/** The canonical value chosen for an unknown value: the user's choice, else the suggestion, else null. */
export function chosenValue(mapping: MappingDefinition | null, unknown: Pick<UnknownValue, "kind" | "value" | "suggestion">): string | null {
  const chosen = mapping?.values[unknown.kind]?.[mappingKey(unknown.value)];
  if (chosen !== undefined && chosen !== "") return chosen;
  return unknown.suggestion;
}

/** The values (one per kind and value, valueRows) nothing is chosen for yet: neither by the user nor by a suggestion. */
export function unmappedValues(state: Pick<FlowState, "analysis" | "mapping">): ValueRow[] {
  return valueRows(state.analysis?.unknownValues ?? []).filter((u) => chosenValue(state.mapping, u) === null);
}

/** One value to map as the page lists it: the same value found in several columns is one row. */
export interface ValueRow {
  kind: ValueKind;
  /** The value as first found. */
  value: string;
  /** The customer's columns it was found in ("Contact owner", "Deal owner"). */
  columns: string[];
  /** Rows over all those columns. */
  rows: number;
  suggestion: string | null;
}

/**
 * The unknown values as rows to map, one per kind and value (keyed as the mapping keys it, so
 * one choice maps it in every column): columns listed, row counts summed, the first
 * suggestion kept; most rows first within a kind, kinds in the order stage, source, owner.
 */
export function valueRows(unknown: readonly UnknownValue[]): ValueRow[] {
  const rows = new Map<string, ValueRow>();
  for (const u of unknown) {
    const key = `${u.kind}\u0000${mappingKey(u.value)}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, { kind: u.kind, value: u.value, columns: [u.column], rows: u.rows, suggestion: u.suggestion });
      continue;
    }
    if (!row.columns.includes(u.column)) row.columns.push(u.column);
    row.rows += u.rows;
    row.suggestion ??= u.suggestion;
  }
  const order: ValueKind[] = ["stage", "source", "owner"];
  return [...rows.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.rows - a.rows || a.value.localeCompare(b.value));
}

/**
 * Whether the analysis recognised at least one file, i.e. found the contract file it becomes (a
 * CRM object, or one of the data contract's own files, which have no CRM object). An upload with
 * nothing recognised cannot go on.
 */
export function hasRecognisedFile(analysis: Analysis | null): boolean {
  return Boolean(analysis?.files.some((f) => f.target !== null));
}

/**
 * The furthest step the user may open now: nothing before an analysis; the dry run only once
 * every unknown value has a mapping; the import only after a dry run of the current mapping;
 * the summary only after the import.
 */
export function furthestStep(state: FlowState): FlowStep {
  if (state.result) return "summary";
  if (!state.analysis || !state.uploadId || !hasRecognisedFile(state.analysis)) return state.analysis ? "columns" : "files";
  if (unmappedValues(state).length > 0) return "values";
  if (!state.dryRun) return "dryRun";
  return "import";
}

const stepIndex = (step: FlowStep) => FLOW_STEPS.indexOf(step);

/** Whether `step` can be opened now (the steps before the furthest one stay open to go back to). */
export function canOpen(state: FlowState, step: FlowStep): boolean {
  if (state.result) return step === "summary";
  if (step === "summary") return false;
  return stepIndex(step) <= stepIndex(furthestStep(state));
}

/** The step after `step`, or null at the end. */
export function nextStep(step: FlowStep): FlowStep | null {
  return FLOW_STEPS[stepIndex(step) + 1] ?? null;
}

/** The step before `step`, or null at the start. */
export function previousStep(step: FlowStep): FlowStep | null {
  return stepIndex(step) > 0 ? (FLOW_STEPS[stepIndex(step) - 1] ?? null) : null;
}

/** The mapping with one entry set (a copy; the analysis' mapping is never changed in place). */
function withEntry<K extends "columns" | "values">(
  mapping: MappingDefinition,
  part: K,
  group: string,
  key: string,
  value: string,
): MappingDefinition {
  const groups = { ...(mapping[part] as Record<string, Record<string, string> | undefined>) };
  groups[group] = { ...(groups[group] ?? {}), [key]: value };
  return { ...mapping, [part]: groups };
}

/** The reducer of the guided import. A change of the mapping drops the dry run made with the old one. */
export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case "analysed":
      return {
        ...state,
        step: state.step === "files" ? "columns" : state.step,
        uploadId: event.uploadId,
        analysis: event.analysis,
        mapping: event.analysis.mapping,
        savedName: event.savedName === undefined ? state.savedName : event.savedName,
        dryRun: null,
        result: null,
      };
    case "setColumn":
      if (!state.mapping) return state;
      return { ...state, mapping: withEntry(state.mapping, "columns", event.object, mappingKey(event.header), event.canonical), dryRun: null };
    case "setValue":
      if (!state.mapping) return state;
      return { ...state, mapping: withEntry(state.mapping, "values", event.kind, mappingKey(event.value), event.canonical), dryRun: null };
    case "setDateOrder":
      if (!state.mapping) return state;
      return { ...state, mapping: { ...state.mapping, dateOrder: event.dateOrder }, dryRun: null };
    case "goTo":
      return canOpen(state, event.step) ? { ...state, step: event.step } : state;
    case "dryRunDone":
      return { ...state, dryRun: event.report, step: "dryRun" };
    case "importStarted":
      return state.dryRun ? { ...state, step: "import" } : state;
    case "importDone":
      return { ...state, result: event.report, step: "summary" };
    case "reset":
      return INITIAL_FLOW;
  }
}
