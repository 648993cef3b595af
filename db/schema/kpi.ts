import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { channelEnum } from "./enums";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * Summary table for the KPI engine (lib/kpi): one row per lead that has `mql_at` or `sql_at`,
 * with the lead's columns the funnel and SLA KPIs read, plus `first_activity_at` = the earliest
 * sales activity of the lead at or after its `mql_at` (null when none, or no `mql_at`).
 *
 * It exists because the sales-response SLA needs, for every MQL of the period, its first sales
 * activity after mql_at: an index look-up per MQL (~220k for 12 months of the large seed, over
 * half a second). With the minimum stored, "the first activity ≤ as_of" is
 * `case when first_activity_at <= as_of then first_activity_at end` — exact for every as_of,
 * since the minimum over activities ≥ mql_at is ≤ as_of exactly when one of them is. Being
 * narrow (no e-mail, names…), it is also a cheaper scan than `leads` for the funnel counts.
 *
 * Kept exact by statement-level triggers on `leads` and `sales_activities` (migration
 * 0002_kpi_lead_facts_triggers): every insert, update or delete there — by the importer, the
 * tests' fixtures or a hand-made fix — refreshes the rows of the leads it touched, in the same
 * transaction. Never written by the application itself.
 */
export const kpiLeadFacts = pgTable(
  "kpi_lead_facts",
  {
    leadId: text("lead_id").primaryKey(),
    createdAt: tstz("created_at").notNull(),
    mqlAt: tstz("mql_at"),
    sqlAt: tstz("sql_at"),
    rejectedAt: tstz("rejected_at"),
    ownerEmail: text("owner_email"),
    sourceChannel: channelEnum("source_channel").notNull(),
    accountId: text("account_id"),
    firstActivityAt: tstz("first_activity_at"),
  },
  (t) => [index("kpi_lead_facts_mql_at_idx").on(t.mqlAt), index("kpi_lead_facts_sql_at_idx").on(t.sqlAt)],
);
