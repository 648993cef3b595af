import { z } from "zod";
import type { MappingDefinition } from "@/lib/import/mapping/contract";
import { mappingDefinitionSchema } from "@/lib/import/mapping/saved";
import { isUploadId } from "./upload-id";

/**
 * What the guided import's requests carry, checked on the server: the upload's id, the mapping
 * the user made (the mapping layer's schema, bounded in size), and a saved mapping's name.
 */

/** A mapping sent by the page, as JSON, at most this long (a real one is a few kB). */
const MAX_MAPPING_JSON = 1_000_000;

/** The mapping layer's own shape of a definition, bounded in size at this boundary. */
export const mappingSchema = (mappingDefinitionSchema as z.ZodType<MappingDefinition>).refine(
  (m) => JSON.stringify(m).length <= MAX_MAPPING_JSON,
  { message: `must be at most ${MAX_MAPPING_JSON} characters as JSON` },
);

/** Longest name of a saved mapping (lib/import/mapping/saved.ts). */
export const MAPPING_NAME_MAX = 100;

export const uploadIdField = z.string().refine(isUploadId, { message: "is not an upload of yours; upload the files again" });

export const mappingNameField = z
  .string()
  .trim()
  .min(1, { message: "is required" })
  .max(MAPPING_NAME_MAX, { message: `must be at most ${MAPPING_NAME_MAX} characters` });

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
