import { z } from "zod";

/** The CSV files the importer reads (data-contract.md §1), in import order. */
export const IMPORT_FILE_NAMES = [
  "team_members.csv",
  "campaigns.csv",
  "accounts.csv",
  "leads.csv",
  "touchpoints.csv",
  "deals.csv",
  "deal_contacts.csv",
  "sales_activities.csv",
  "content_assets.csv",
  "content_usage.csv",
];

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
