/**
 * The mapping layer's interface (issue 14): what the CLI and the web import flow ask of it.
 * Types only; lib/import/mapping implements them. Kept in one file so the upload flow
 * (app/(app)/import) and the importer agree on one shape.
 *
 * Flow: files (CSV, XLSX, or a zip of them) → `analyseUpload` detects each file's CRM and object
 * and maps its columns → the user maps the unknown values (stages, sources, owners) and may
 * rename columns → `importUpload(..., { dryRun: true })` reports what would happen, changing
 * nothing → `importUpload(...)` imports. A `MappingDefinition` can be saved under a name
 * (import_mappings) and reused by the next upload and by `npm run import -- --mapping NAME`.
 */

/** Which CRM wrote a file; `canonical` = the data contract's own files. */
export type Crm = "hubspot" | "salesforce" | "canonical";

/** The CRM object a file holds, as detected from its header (or file name). */
export type ExportObject =
  | "contacts" // HubSpot contacts, Salesforce Lead and Contact → leads.csv
  | "companies" // HubSpot companies, Salesforce Account → accounts.csv
  | "deals" // HubSpot deals, Salesforce Opportunity → deals.csv
  | "deal_contacts" // Salesforce OpportunityContactRole → deal_contacts.csv
  | "campaigns" // Salesforce Campaign → campaigns.csv
  | "campaign_members" // Salesforce CampaignMember → touchpoints.csv
  | "users" // HubSpot users, Salesforce User → team_members.csv
  | "activities" // → sales_activities.csv
  | "content_assets"
  | "content_usage";

/** The organisation's date order for ambiguous dates like 3/5/2024. */
export type DateOrder = "mdy" | "dmy" | "ymd";

/** Values a user maps: deal stages, lead sources, owners. */
export type ValueKind = "stage" | "source" | "owner";

/**
 * What the user decided, saved per organisation. Keys of `columns` and `values` are the
 * customer's own header / value text, normalised (trimmed, lower case, runs of spaces as one).
 */
export interface MappingDefinition {
  crm: Crm;
  dateOrder: DateOrder;
  /** Per object: customer header → canonical column ("" = ignore the column). */
  columns: Partial<Record<ExportObject, Record<string, string>>>;
  /** Per kind: customer value → canonical value (stage: an open/closed stage; source: a channel; owner: an e-mail). */
  values: Partial<Record<ValueKind, Record<string, string>>>;
}

export interface AnalysedColumn {
  /** The header as the customer's file writes it. */
  header: string;
  /** The canonical column it fills, or null (ignored, listed as unknown). */
  canonical: string | null;
}

export interface UnknownValue {
  kind: ValueKind;
  /** The customer's column the values came from ("Deal Stage"). */
  column: string;
  value: string;
  rows: number;
  /** What the built-in mapping or the saved mapping proposes (null: nothing, the user must choose). */
  suggestion: string | null;
}

export interface AnalysedFile {
  /** The file's name as uploaded (inside a zip: "export.zip/deals.csv"; XLSX: "book.xlsx#Sheet1"). */
  name: string;
  crm: Crm;
  /** Null: not recognised (the reason says why). */
  object: ExportObject | null;
  /** The contract file it becomes (deals.csv), or null. */
  target: string | null;
  reason?: string;
  columns: AnalysedColumn[];
  /** Required canonical columns the file lacks, named as the customer would look for them. */
  missing: string[];
  /** The first rows as they will be stored (canonical column → value), with the file's row number. */
  preview: { row: number; values: Record<string, string | null> }[];
  rows: number;
}

export interface Analysis {
  files: AnalysedFile[];
  unknownValues: UnknownValue[];
  /** The mapping in force: built-in defaults overlaid with the saved mapping and the user's choices. */
  mapping: MappingDefinition;
}

/** Errors of a dry run or an import, grouped by cause (one group = one column and one reason). */
export interface ErrorGroup {
  file: string;
  /** The customer's column ("Close Date"). */
  column: string;
  reason: string;
  /** What to change in the CRM export or in the mapping, when that is the fix. */
  hint?: string;
  rows: number[];
  count: number;
}

export interface WarningGroup {
  file: string;
  column: string;
  reason: string;
  count: number;
  rows: number[];
}
