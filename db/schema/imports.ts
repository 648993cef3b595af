import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./app";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Exchange rates an admin sets for importing deals in another currency than the organisation's
 * reporting currency (issue 14 item 3): one row per foreign currency (ISO 4217 code, upper
 * case); `rate` = how many units of the reporting currency one unit of `currency` is worth.
 * A mapped deal row in a currency with no rate here is rejected with that reason; with a rate,
 * its amount is converted (rounded to cents) and the original amount and currency are kept in
 * the import's warnings. `version`: optimistic concurrency for the admin form.
 */
export const currencyRates = pgTable(
  "currency_rates",
  {
    currency: text("currency").primaryKey(),
    rate: numeric("rate").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("currency_rates_code", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("currency_rates_positive", sql`${t.rate} > 0`),
  ],
);

/**
 * Saved import mappings (issue 14 item 5), per organisation (this installation is one
 * organisation): a name the CLI's `--mapping NAME` and the upload flow use, the CRM it was made
 * for (`hubspot`, `salesforce`, `generic`) and the definition (lib/import/mapping: per object,
 * column renames and value maps for stages, sources and owners, plus the date order).
 * `version`: optimistic concurrency, a stale save is refused.
 */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    crm: text("crm").notNull(),
    definition: jsonb("definition").notNull(),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_mappings_name_idx").on(sql`lower(${t.name})`), index("import_mappings_updated_idx").on(t.updatedAt)],
);

/**
 * References of mapped imports (issue 14 item 3) to a record the upload did not contain and the
 * database did not hold: the row was kept with the reference empty (or, for a deal contact, not
 * yet stored) and the raw id waits here. After every import, `resolvePendingRefs`
 * (lib/import/mapping/pending.ts) fills in the references whose record has arrived since and
 * deletes them from here. `target_key` is the referring row's external id (deal_contacts: the deal).
 */
export const importPendingRefs = pgTable(
  "import_pending_refs",
  {
    id: serial("id").primaryKey(),
    targetTable: text("target_table").notNull(),
    targetKey: text("target_key").notNull(),
    columnName: text("column_name").notNull(),
    refTable: text("ref_table").notNull(),
    refId: text("ref_id").notNull(),
    sourceFile: text("source_file").notNull(),
    line: integer("line"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("import_pending_refs_row_idx").on(t.targetTable, t.targetKey, t.columnName, t.refId),
    index("import_pending_refs_ref_idx").on(t.refTable, t.refId),
  ],
);

/**
 * Other ids under which a CRM knows a lead (issue 14 item 2): a Salesforce contact (003…) that
 * was converted from a lead (00Q…, its ConvertedContactId) is that lead; references to the
 * contact resolve to the lead's id, also in later uploads.
 */
export const importIdAliases = pgTable("import_id_aliases", {
  alias: text("alias").primaryKey(),
  leadId: text("lead_id").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
