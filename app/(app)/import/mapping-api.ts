import "server-only";
import type { Db } from "@/db/client";
import type { Analysis, MappingDefinition } from "@/lib/import/mapping/contract";
import type { ImportProgress } from "@/lib/import/types";
import type { RunReport } from "./flow-state";

/**
 * The mapping layer (lib/import/mapping, issue 14) as the guided import calls it. One place to
 * adapt to its signatures; TEMPORARY stubs until wp-import-core lands.
 */

export type SavedMappingSummary = { name: string; crm: string; version: number; updatedAt: Date };
export type CurrencyRate = { currency: string; rate: string; version: number; updatedAt: Date };

const notYet = (): never => {
  throw new Error("the mapping layer is not merged yet");
};

export async function analyseUpload(_db: Db, _folder: string, _opts: { mapping?: MappingDefinition; savedName?: string }): Promise<Analysis> {
  return notYet();
}

export async function importUpload(
  _db: Db,
  _folder: string,
  _opts: { mapping: MappingDefinition; dryRun?: boolean; onProgress?: (p: ImportProgress) => void; startedBy?: number; source?: string },
): Promise<RunReport> {
  return notYet();
}

export async function listSavedMappings(_db: Db): Promise<SavedMappingSummary[]> {
  return [];
}

export async function saveMapping(
  _db: Db,
  _input: { name: string; definition: MappingDefinition; expectedVersion: number | null },
  _actor: { userId: number },
): Promise<{ name: string; version: number }> {
  return notYet();
}

export async function listCurrencyRates(_db: Db): Promise<CurrencyRate[]> {
  return [];
}

export async function setCurrencyRate(
  _db: Db,
  _input: { currency: string; rate: string; expectedVersion: number | null },
  _actor: { userId: number },
): Promise<CurrencyRate> {
  return notYet();
}
