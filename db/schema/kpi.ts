import { index, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { channelEnum, dealStageEnum } from "./enums";

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

/**
 * Per-deal facts for the KPI deals group (issue 15 item 2): one row per deal, with the deal's
 * columns the deal KPIs read, plus what they used to look up per deal —
 *
 * - `primary_lead_created_at`, `source_channel`: the primary lead's (null without one), so "the
 *   deal exists at as_of" is `created_at <= as_of and coalesce(primary_lead_created_at <= as_of,
 *   true)` and marketing-sourced / the `source_channel` filter read a column;
 * - `marketing_from`: the earliest as_of at which the deal is marketing-influenced — −infinity
 *   when its primary lead has a marketing touchpoint at or before closed_at, else the earliest
 *   created_at of its deal_contacts leads with one, else null. "Influenced at as_of" is
 *   `marketing_from <= as_of`, exact for every as_of (a contact created after as_of does not
 *   exist yet, kpi-definitions.md §1);
 * - `content_from`: the earliest published_at of the assets of its customer-facing usages at or
 *   before closed_at (null when none): "content-influenced at as_of" is `content_from <= as_of`.
 *
 * The definition is the view `kpi_deal_facts_computed` (migration 0019_kpi_deal_facts). Kept
 * exact by statement-level triggers on deals, leads, deal_contacts, touchpoints, content_usage
 * and content_assets, in the writing transaction (inserts of touchpoints, contacts and usages
 * only lower the dates, reading only their own rows). Never written by the application itself.
 */
export const kpiDealFacts = pgTable(
  "kpi_deal_facts",
  {
    dealId: text("deal_id").primaryKey(),
    stage: dealStageEnum("stage").notNull(),
    createdAt: tstz("created_at").notNull(),
    closedAt: tstz("closed_at"),
    amount: numeric("amount").notNull(),
    ownerEmail: text("owner_email"),
    accountId: text("account_id"),
    primaryLeadId: text("primary_lead_id"),
    primaryLeadCreatedAt: tstz("primary_lead_created_at"),
    sourceChannel: channelEnum("source_channel"),
    marketingFrom: tstz("marketing_from"),
    contentFrom: tstz("content_from"),
  },
  (t) => [
    index("kpi_deal_facts_stage_closed_idx").on(t.stage, t.closedAt),
    index("kpi_deal_facts_primary_lead_idx").on(t.primaryLeadId),
  ],
);
