import {
  ACTIVITY_TYPES,
  ASSET_TYPES,
  CHANNELS,
  CLOSED_STAGES,
  DEAL_STAGES,
  FUNNEL_STAGES,
  SEGMENTS,
  TEAM_MEMBER_ROLES,
  TEAMS,
  USAGE_ACTIONS,
} from "@/lib/enums";

/**
 * The files of data-contract.md §1, as data: columns (required, kind, reference), the table and
 * key each file upserts into, and the cross-field rules. The CSV header of a column is its name,
 * which is also the database column.
 */
export type ColumnType =
  | { kind: "text" }
  | { kind: "email" }
  | { kind: "timestamp" }
  | { kind: "date" }
  | { kind: "amount" }
  | { kind: "currency" }
  | { kind: "enum"; values: readonly string[] };

/** Tables a column can refer to, with the file that fills each. */
export const REF_TABLES = {
  team_members: { key: "email", file: "team_members.csv", noun: "team member" },
  campaigns: { key: "campaign_id", file: "campaigns.csv", noun: "campaign" },
  accounts: { key: "account_id", file: "accounts.csv", noun: "account" },
  leads: { key: "lead_id", file: "leads.csv", noun: "lead" },
  deals: { key: "deal_id", file: "deals.csv", noun: "deal" },
  content_assets: { key: "asset_id", file: "content_assets.csv", noun: "content asset" },
} as const;
export type RefTable = keyof typeof REF_TABLES;

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Must exist in this table; `team_members` references are created when unknown. */
  ref?: RefTable;
  /** PostgreSQL type for jsonb_to_recordset. */
  pgType: string;
  /** Value stored when the cell is empty. */
  defaultValue?: string;
}

/** Canonical values of one row, by column name; null = empty cell. */
export type RowValues = Record<string, string | null>;
export interface CellError {
  column: string;
  reason: string;
}
export interface RowContext {
  /** The organisation's IANA time zone, for timestamps without offset. */
  timeZone: string;
  /** The organisation's reporting currency, upper case. */
  currency: string;
}

export interface FileSpec {
  file: string;
  table: string;
  key: readonly string[];
  columns: readonly ColumnSpec[];
  /** Cross-field rules; called only with columns that parsed, each error names one column. */
  rules?: (row: RowValues, ctx: RowContext) => CellError[];
}

const text = (name: string, required = false): ColumnSpec => ({ name, type: { kind: "text" }, required, pgType: "text" });
const ts = (name: string, required = false): ColumnSpec => ({
  name,
  type: { kind: "timestamp" },
  required,
  pgType: "timestamptz",
});
const date = (name: string): ColumnSpec => ({ name, type: { kind: "date" }, pgType: "date" });
const enumCol = (name: string, values: readonly string[], pgType: string, required = false): ColumnSpec => ({
  name,
  type: { kind: "enum", values },
  required,
  pgType,
});
const ref = (name: string, table: RefTable, required = false): ColumnSpec => ({
  name,
  type: table === "team_members" ? { kind: "email" } : { kind: "text" },
  required,
  ref: table,
  pgType: "text",
});

/** A timestamp column must not be earlier than another (canonical UTC strings compare as text). */
function notBefore(row: RowValues, column: string, base: string): CellError | null {
  const v = row[column];
  const b = row[base];
  const short = (t: string) => t.replace(".000000Z", "Z");
  if (v && b && v < b) return { column, reason: `${column} ${short(v)} is earlier than ${base} ${short(b)}` };
  return null;
}

const leadRules = (row: RowValues): CellError[] => {
  const errors: CellError[] = [];
  for (const c of ["mql_at", "sql_at", "rejected_at", "customer_at"]) {
    const e = notBefore(row, c, "created_at");
    if (e) errors.push(e);
  }
  if (row.sql_at && row.rejected_at) {
    errors.push({ column: "rejected_at", reason: "sql_at and rejected_at are both set (a lead is accepted or rejected, not both)" });
  }
  return errors;
};

const dealRules = (row: RowValues): CellError[] => {
  const stage = row.stage;
  const closed = (CLOSED_STAGES as readonly string[]).includes(stage ?? "");
  if (stage && closed && !row.closed_at) return [{ column: "closed_at", reason: `a ${stage} deal needs closed_at` }];
  if (stage && !closed && row.closed_at) {
    return [{ column: "closed_at", reason: `an open deal (stage ${stage}) must not have closed_at` }];
  }
  const e = notBefore(row, "closed_at", "created_at");
  return e ? [e] : [];
};

/** In import order: parents before children. */
export const FILE_SPECS: readonly FileSpec[] = [
  {
    file: "team_members.csv",
    table: "team_members",
    key: ["email"],
    columns: [
      { name: "email", type: { kind: "email" }, required: true, pgType: "text" },
      text("name", true),
      enumCol("team", TEAMS, "team", true),
      { ...enumCol("role", TEAM_MEMBER_ROLES, "team_member_role"), defaultValue: "rep" },
    ],
  },
  {
    file: "campaigns.csv",
    table: "campaigns",
    key: ["campaign_id"],
    columns: [
      text("campaign_id", true),
      text("name", true),
      enumCol("channel", CHANNELS, "channel", true),
      date("started_on"),
      date("ended_on"),
      { name: "cost", type: { kind: "amount" }, pgType: "numeric" },
    ],
  },
  {
    file: "accounts.csv",
    table: "accounts",
    key: ["account_id"],
    columns: [
      text("account_id", true),
      text("name", true),
      text("industry"),
      enumCol("segment", SEGMENTS, "segment"),
      text("region"),
      date("customer_since"),
      date("churned_on"),
    ],
  },
  {
    file: "leads.csv",
    table: "leads",
    key: ["lead_id"],
    columns: [
      text("lead_id", true),
      { name: "email", type: { kind: "email" }, required: true, pgType: "text" },
      text("first_name"),
      text("last_name"),
      ref("account_id", "accounts"),
      ts("created_at", true),
      enumCol("source_channel", CHANNELS, "channel", true),
      ref("campaign_id", "campaigns"),
      ref("owner_email", "team_members"),
      ts("mql_at"),
      ts("sql_at"),
      ts("rejected_at"),
      text("rejection_reason"),
      ts("customer_at"),
    ],
    rules: leadRules,
  },
  {
    file: "touchpoints.csv",
    table: "touchpoints",
    key: ["touchpoint_id"],
    columns: [
      text("touchpoint_id", true),
      ref("lead_id", "leads", true),
      ts("occurred_at", true),
      enumCol("channel", CHANNELS, "channel", true),
      ref("campaign_id", "campaigns"),
      text("type"),
    ],
  },
  {
    file: "deals.csv",
    table: "deals",
    key: ["deal_id"],
    columns: [
      text("deal_id", true),
      text("name", true),
      ref("account_id", "accounts"),
      ref("primary_lead_id", "leads", true),
      ref("owner_email", "team_members"),
      { name: "amount", type: { kind: "amount" }, required: true, pgType: "numeric" },
      { name: "currency", type: { kind: "currency" }, pgType: "text" },
      ts("created_at", true),
      enumCol("stage", DEAL_STAGES, "deal_stage", true),
      ts("closed_at"),
      text("lost_reason"),
    ],
    rules: dealRules,
  },
  {
    file: "deal_contacts.csv",
    table: "deal_contacts",
    key: ["deal_id", "lead_id"],
    columns: [ref("deal_id", "deals", true), ref("lead_id", "leads", true)],
  },
  {
    file: "sales_activities.csv",
    table: "sales_activities",
    key: ["activity_id"],
    columns: [
      text("activity_id", true),
      ref("lead_id", "leads", true),
      ts("occurred_at", true),
      enumCol("type", ACTIVITY_TYPES, "activity_type", true),
      ref("rep_email", "team_members"),
    ],
  },
  {
    file: "content_assets.csv",
    table: "content_assets",
    key: ["asset_id"],
    columns: [
      text("asset_id", true),
      text("title", true),
      enumCol("type", ASSET_TYPES, "asset_type", true),
      enumCol("funnel_stage", FUNNEL_STAGES, "funnel_stage"),
      ref("owner_email", "team_members"),
      ts("published_at", true),
      ts("archived_at"),
      text("url"),
    ],
  },
  {
    file: "content_usage.csv",
    table: "content_usage",
    key: ["usage_id"],
    columns: [
      text("usage_id", true),
      ref("asset_id", "content_assets", true),
      ts("occurred_at", true),
      enumCol("action", USAGE_ACTIONS, "usage_action", true),
      ref("user_email", "team_members"),
      ref("deal_id", "deals"),
      ref("lead_id", "leads"),
    ],
  },
];

export const CONTRACT_FILES = FILE_SPECS.map((s) => s.file);

export function fileSpec(file: string): FileSpec {
  const spec = FILE_SPECS.find((s) => s.file === file);
  if (!spec) throw new Error(`unknown import file ${file}`);
  return spec;
}
