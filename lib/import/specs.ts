import { getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import {
  accounts,
  campaigns,
  contentAssets,
  contentUsage,
  dealContacts,
  deals,
  leads,
  salesActivities,
  teamMembers,
  touchpoints,
} from "@/db/schema/domain";
import { CLOSED_STAGES } from "@/lib/enums";

/**
 * The import files as data (docs/import-format.md; its tables are generated from this): columns (required, kind, reference), the table and
 * key each file upserts into, and the cross-field rules.
 *
 * Derived from the Drizzle schema (db/schema/domain.ts), not restated: a file's columns are its
 * table's columns in schema order (all but `imported_at`, which the importer keeps), the CSV
 * header of a column is its database name, the key is the table's primary key, a column is
 * required when it is NOT NULL without a default (a default fills an empty cell), enum values,
 * references and the PostgreSQL type come from the column. What the schema cannot say is
 * stated per file below against the column objects themselves (so renaming one breaks the
 * type-check): e-mail and currency columns (text in the database), and a column the CSV
 * requires although the database allows null.
 */
export type ColumnType =
  | { kind: "text" }
  | { kind: "email" }
  | { kind: "timestamp" }
  | { kind: "date" }
  | { kind: "amount" }
  | { kind: "currency" }
  | { kind: "enum"; values: readonly string[] };

/** Tables a column can refer to, with the key referred to and the file that fills each. */
export const REF_TABLES = {
  team_members: { key: teamMembers.email.name, file: "team_members.csv", noun: "team member" },
  campaigns: { key: campaigns.campaignId.name, file: "campaigns.csv", noun: "campaign" },
  accounts: { key: accounts.accountId.name, file: "accounts.csv", noun: "account" },
  leads: { key: leads.leadId.name, file: "leads.csv", noun: "lead" },
  deals: { key: deals.dealId.name, file: "deals.csv", noun: "deal" },
  content_assets: { key: contentAssets.assetId.name, file: "content_assets.csv", noun: "content asset" },
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

/** A contract file: the table it fills, what its columns say beyond the schema, its rules. */
type FileDef = {
  file: string;
  table: PgTable;
  /** Text columns holding an e-mail address (checked, lower-cased). */
  emails?: readonly PgColumn[];
  /** Text columns holding a currency code (must be the organisation's). */
  currencies?: readonly PgColumn[];
  /** Columns the CSV requires although the database allows null. */
  required?: readonly PgColumn[];
  rules?: FileSpec["rules"];
};

const isRefTable = (name: string): name is RefTable => name in REF_TABLES;

/** Set by the importer on every domain table, not a CSV column. */
const IMPORTED_AT = teamMembers.importedAt.name;

/** The kind of a column's values, from its Drizzle column type. */
function kindOf(column: PgColumn): ColumnType {
  switch (column.columnType) {
    case "PgText":
      return { kind: "text" };
    case "PgTimestamp":
    case "PgTimestampString":
      return { kind: "timestamp" };
    case "PgDate":
    case "PgDateString":
      return { kind: "date" };
    case "PgNumeric":
      return { kind: "amount" };
    case "PgEnumColumn":
      return { kind: "enum", values: column.enumValues ?? [] };
    default:
      throw new Error(`import specs: no CSV kind for ${column.name} (${column.columnType})`);
  }
}

/** One file's spec, read off its table. */
function fileSpecOf(def: FileDef): FileSpec {
  const table = getTableName(def.table);
  const config = getTableConfig(def.table);
  const refs = new Map<string, RefTable>();
  for (const fk of config.foreignKeys) {
    const { columns, foreignTable, foreignColumns } = fk.reference();
    const target = getTableName(foreignTable);
    if (columns.length !== 1 || !columns[0] || !isRefTable(target)) continue;
    if (foreignColumns[0]?.name !== REF_TABLES[target].key) throw new Error(`import specs: ${table}.${columns[0].name} refers to ${target} by another column`);
    refs.set(columns[0].name, target);
  }
  const tableColumns = Object.values(getTableColumns(def.table)).filter((c) => c.name !== IMPORTED_AT);
  const columns = tableColumns.map((column): ColumnSpec => {
    const ref = refs.get(column.name);
    const type: ColumnType =
      def.emails?.includes(column) || ref === "team_members"
        ? { kind: "email" }
        : def.currencies?.includes(column)
          ? { kind: "currency" }
          : kindOf(column);
    const spec: ColumnSpec = {
      name: column.name,
      type,
      required: (column.notNull && !column.hasDefault) || (def.required?.includes(column) ?? false),
      pgType: column.getSQLType(),
    };
    if (ref) spec.ref = ref;
    if (column.hasDefault && typeof column.default === "string") spec.defaultValue = column.default;
    return spec;
  });
  const key = (config.primaryKeys[0]?.columns ?? tableColumns.filter((c) => c.primary)).map((c) => c.name);
  if (key.length === 0) throw new Error(`import specs: ${table} has no primary key`);
  return { file: def.file, table, key, columns, ...(def.rules ? { rules: def.rules } : {}) };
}

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
  const created = leads.createdAt.name;
  const [sqlAt, rejectedAt] = [leads.sqlAt.name, leads.rejectedAt.name];
  for (const c of [leads.mqlAt.name, sqlAt, rejectedAt, leads.customerAt.name]) {
    const e = notBefore(row, c, created);
    if (e) errors.push(e);
  }
  if (row[sqlAt] && row[rejectedAt]) {
    errors.push({ column: rejectedAt, reason: `${sqlAt} and ${rejectedAt} are both set (a lead is accepted or rejected, not both)` });
  }
  return errors;
};

const dealRules = (row: RowValues): CellError[] => {
  const closedAt = deals.closedAt.name;
  const stage = row[deals.stage.name];
  const closed = (CLOSED_STAGES as readonly string[]).includes(stage ?? "");
  if (stage && closed && !row[closedAt]) return [{ column: closedAt, reason: `a ${stage} deal needs ${closedAt}` }];
  if (stage && !closed && row[closedAt]) {
    return [{ column: closedAt, reason: `an open deal (stage ${stage}) must not have ${closedAt}` }];
  }
  const e = notBefore(row, closedAt, deals.createdAt.name);
  return e ? [e] : [];
};

/** In import order: parents before children. */
export const FILE_SPECS: readonly FileSpec[] = (
  [
    {
      file: "team_members.csv",
      table: teamMembers,
      emails: [teamMembers.email],
      // Null in the database for people only known from a reference; a listed member has a team.
      required: [teamMembers.team],
    },
    { file: "campaigns.csv", table: campaigns },
    { file: "accounts.csv", table: accounts },
    { file: "leads.csv", table: leads, emails: [leads.email], rules: leadRules },
    { file: "touchpoints.csv", table: touchpoints },
    { file: "deals.csv", table: deals, currencies: [deals.currency], rules: dealRules },
    { file: "deal_contacts.csv", table: dealContacts },
    { file: "sales_activities.csv", table: salesActivities },
    { file: "content_assets.csv", table: contentAssets },
    { file: "content_usage.csv", table: contentUsage },
  ] satisfies FileDef[]
).map(fileSpecOf);

export const CONTRACT_FILES = FILE_SPECS.map((s) => s.file);

/** The spec of one contract file (throws for a file the contract does not have). */
export function fileSpec(file: string): FileSpec {
  const spec = FILE_SPECS.find((s) => s.file === file);
  if (!spec) throw new Error(`unknown import file ${file}`);
  return spec;
}
