import "server-only";
import type { Db } from "@/db/client";
import type { Analysis, MappingDefinition } from "@/lib/import/mapping/contract";
import type { ImportProgress } from "@/lib/import/types";
import { DomainError } from "@/lib/errors";
import {
  analyseUpload as analyse,
  getMapping,
  importUpload as importMapped,
  listMappings,
  listRates,
  MappingError,
  RateError,
  saveMapping as saveMappingIn,
  setRate,
} from "@/lib/import/mapping";
import type { RunReport } from "./flow-state";

/**
 * The mapping layer (lib/import/mapping, issue 14) as the guided import calls it. One place to
 * adapt to its signatures and turn its refusals into DomainErrors (lib/errors.ts) the forms
 * translate.
 */

export type SavedMappingSummary = { name: string; crm: string; version: number; updatedAt: Date };
export type CurrencyRate = { currency: string; rate: string; version: number; updatedAt: Date };

/**
 * Analyses an upload (lib/import/mapping). A saved mapping that no longer exists is refused at
 * `savedName` (not_found) rather than failing the analysis.
 */
export async function analyseUpload(db: Db, folder: string, opts: { mapping?: MappingDefinition; savedName?: string }): Promise<Analysis> {
  if (!opts.mapping && opts.savedName && !(await getMapping(db, opts.savedName))) {
    throw new DomainError("not_found", `There is no saved mapping named "${opts.savedName}".`, { key: "mapping_not_found", field: "savedName" });
  }
  const { files, unknownValues, mapping } = await analyse(db, folder, opts);
  return { files, unknownValues, mapping };
}

/** The dry run (changes nothing) or the import of an upload with the user's mapping; errors grouped by cause. */
export async function importUpload(
  db: Db,
  folder: string,
  opts: { mapping: MappingDefinition; dryRun?: boolean; onProgress?: (p: ImportProgress) => void; startedBy?: number; source?: string },
): Promise<RunReport> {
  return importMapped(db, folder, opts);
}

/** Saved mappings, most recently changed first. */
export async function listSavedMappings(db: Db): Promise<SavedMappingSummary[]> {
  return (await listMappings(db)).map((m) => ({ name: m.name, crm: m.crm, version: m.version, updatedAt: new Date(m.updatedAt) }));
}

/** Saves a mapping; the mapping layer's refusals become DomainErrors at their field (stale: `stale`). */
export async function saveMapping(
  db: Db,
  input: { name: string; definition: MappingDefinition; expectedVersion: number | null },
  actor: { userId: number },
): Promise<{ name: string; version: number }> {
  try {
    const saved = await saveMappingIn(db, input, actor);
    return { name: saved.name, version: saved.version };
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    if (err.field === "version") throw new DomainError("stale", err.message, { key: "stale", field: "name" });
    throw new DomainError("invalid", err.message, { key: err.field === "name" ? "invalid" : "invalid_mapping", field: err.field });
  }
}

/** The exchange rates, by currency. */
export async function listCurrencyRates(db: Db): Promise<CurrencyRate[]> {
  return (await listRates(db)).map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) }));
}

/**
 * Sets one exchange rate (versioned, audited by the mapping layer); its refusals become
 * DomainErrors: a stale version → `stale_rate`, the reporting currency → `reporting_currency`
 * at the currency, a bad code or rate → invalid at its field.
 */
export async function setCurrencyRate(
  db: Db,
  input: { currency: string; rate: string; expectedVersion: number | null },
  actor: { userId: number },
): Promise<CurrencyRate> {
  try {
    const saved = await setRate(db, input, actor);
    return { ...saved, updatedAt: new Date(saved.updatedAt) };
  } catch (err) {
    if (!(err instanceof RateError)) throw err;
    if (err.field === "version") throw new DomainError("stale", err.message, { key: "stale_rate" });
    if (/ is the reporting currency/.test(err.message)) throw new DomainError("invalid", err.message, { key: "reporting_currency", field: "currency" });
    throw new DomainError("invalid", err.message, { field: err.field });
  }
}
