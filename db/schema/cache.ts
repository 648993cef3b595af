import { bigint, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * Versions of the report inputs (lib/cache/versions.ts; issue 15 item 3). A version is
 * `report_data_version.n` + the number of `report_data_changes` rows of its scope:
 * - scope `data`: the domain tables (every import, every app write to them);
 * - scope `settings`: organisation_settings.
 *
 * Statement-level triggers (migration 0010) insert one row per writing transaction and scope
 * (`txid_current()`; a second statement of the same transaction adds nothing). The row becomes
 * visible when — and only when — the write commits, so the version a reader sees moves together
 * with the data it sees, and it only ever grows. Writers never update a shared counter row, so
 * a long import does not block other writers on it. `compactReportVersions` folds old rows into
 * `n` (one statement: the sum stays the same for every snapshot).
 */
export const reportDataVersion = pgTable("report_data_version", {
  scope: text("scope").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull().default(0),
});

export const reportDataChanges = pgTable(
  "report_data_changes",
  {
    scope: text("scope").notNull(),
    xact: bigint("xact", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.xact] })],
);

/**
 * The shared result cache of reports (lib/cache/report-cache.ts), UNLOGGED (migration 0010: not
 * written to the WAL — fast, emptied by a crash, which only costs recomputation). One row per
 * key (a hash of the report and its normalized parameters), valid for the data and settings
 * versions it carries; a newer computation overwrites it. `result` null with `lease_until` in
 * the future = an instance is computing it (the others wait for it: single flight across
 * instances).
 */
export const reportCache = pgTable(
  "report_cache",
  {
    key: text("key").primaryKey(),
    report: text("report").notNull(),
    /** The result as JSON text (text, not jsonb: jsonb would reorder object keys). */
    result: text("result"),
    /** The as_of the result was computed for (null: the report has none). */
    asOf: tstz("as_of"),
    dataVersion: bigint("data_version", { mode: "number" }).notNull(),
    settingsVersion: bigint("settings_version", { mode: "number" }).notNull(),
    computedAt: tstz("computed_at"),
    leaseUntil: tstz("lease_until"),
    /** Who holds the lease: an id of the instance (process) and its pool. */
    leaseOwner: text("lease_owner"),
    /** A refresh ahead of this result is under way (claimed by one process) until then. */
    refreshUntil: tstz("refresh_until"),
  },
  (t) => [index("report_cache_data_version_idx").on(t.dataVersion)],
);
