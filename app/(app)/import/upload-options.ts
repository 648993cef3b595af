import { z } from "zod";
import { CONTRACT_FILES } from "@/lib/import/specs";

/** The CSV files the importer reads (docs/import-format.md), in import order. */
export const IMPORT_FILE_NAMES: readonly string[] = CONTRACT_FILES;

/** Options of the upload form: a checkbox and a preset select. */
export const uploadOptionsSchema = z.object({
  strict: z
    .enum(["on", "true", "false"], { message: "must be a checkbox value" })
    .optional()
    .transform((v) => v === "on" || v === "true"),
  preset: z
    .enum(["", "hubspot", "salesforce"], { message: "must be hubspot or salesforce" })
    .optional()
    .transform((v) => (v ? v : undefined)),
});
