import { z } from "zod";
import type { MappingDefinition } from "@/lib/import/mapping/contract";
import { TEXT_LIMITS } from "@/lib/limits";
import { isUploadId } from "./upload-id";

/**
 * What the guided import's requests carry, checked on the server: the upload's id, the mapping
 * the user made (bounded: at most MAX_ENTRIES entries per group, texts as long as a CSV cell),
 * and a saved mapping's name.
 */

const EXPORT_OBJECTS = [
  "contacts",
  "companies",
  "deals",
  "deal_contacts",
  "campaigns",
  "campaign_members",
  "users",
  "activities",
  "content_assets",
  "content_usage",
] as const;

/** Entries per object (columns) or per kind (values) a mapping may hold. */
const MAX_ENTRIES = 5_000;

const text = z.string().max(TEXT_LIMITS.csvCell, { message: `must be at most ${TEXT_LIMITS.csvCell} characters` });
const entries = z
  .record(text, z.string().max(TEXT_LIMITS.name))
  .refine((r) => Object.keys(r).length <= MAX_ENTRIES, { message: `must have at most ${MAX_ENTRIES} entries` });

export const mappingSchema: z.ZodType<MappingDefinition> = z.object({
  crm: z.enum(["hubspot", "salesforce", "canonical"], { message: "must be hubspot, salesforce or canonical" }),
  dateOrder: z.enum(["mdy", "dmy", "ymd"], { message: "must be mdy, dmy or ymd" }),
  columns: z.partialRecord(z.enum(EXPORT_OBJECTS), entries),
  values: z.partialRecord(z.enum(["stage", "source", "owner"]), entries),
});

export const uploadIdField = z.string().refine(isUploadId, { message: "is not an upload of yours; upload the files again" });

export const mappingNameField = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(TEXT_LIMITS.name, { message: `must be at most ${TEXT_LIMITS.name} characters` });

/** POST /import/run: a dry run or the import of an upload with a mapping. */
export const runRequestSchema = z.object({
  uploadId: uploadIdField,
  mapping: mappingSchema,
  dryRun: z.boolean(),
});

/** The analysis server action: an upload, and optionally the mapping so far or a saved mapping to start from. */
export const analyseInputSchema = z.object({
  uploadId: uploadIdField,
  mapping: mappingSchema.optional(),
  savedName: mappingNameField.optional(),
});

/** Saving the mapping under a name; `version` = the saved mapping's version it replaces (absent: a new name). */
export const saveMappingInputSchema = z.object({
  name: mappingNameField,
  mapping: mappingSchema,
  version: z.number().int().positive().optional(),
});
