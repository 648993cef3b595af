import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import {
  activityTypeEnum,
  assetTypeEnum,
  channelEnum,
  dealStageEnum,
  funnelStageEnum,
  segmentEnum,
  teamEnum,
  teamMemberRoleEnum,
  usageActionEnum,
} from "./enums";

/**
 * The imported domain (docs/import-format.md). Each table is keyed by the record's external id
 * from the CRM / marketing-automation export, so upserts, references and API output all use
 * the same id. Timestamps are `timestamptz` (microsecond precision), amounts unscaled
 * `numeric` so money is exact.
 */
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
const audit = {
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
};

/** People of the sales and marketing teams, keyed by lower-case e-mail. `team` is null for
 * people only known from a reference (owner_email, rep_email…) and never listed. */
export const teamMembers = pgTable("team_members", {
  email: text("email").primaryKey(),
  name: text("name").notNull(),
  team: teamEnum("team"),
  role: teamMemberRoleEnum("role").notNull().default("rep"),
  ...audit,
});

export const campaigns = pgTable("campaigns", {
  campaignId: text("campaign_id").primaryKey(),
  name: text("name").notNull(),
  channel: channelEnum("channel").notNull(),
  startedOn: date("started_on"),
  endedOn: date("ended_on"),
  cost: numeric("cost"),
  ...audit,
});

export const accounts = pgTable(
  "accounts",
  {
    accountId: text("account_id").primaryKey(),
    name: text("name").notNull(),
    industry: text("industry"),
    segment: segmentEnum("segment"),
    region: text("region"),
    customerSince: date("customer_since"),
    churnedOn: date("churned_on"),
    ...audit,
  },
  (t) => [index("accounts_customer_since_idx").on(t.customerSince), index("accounts_segment_idx").on(t.segment)],
);

export const leads = pgTable(
  "leads",
  {
    leadId: text("lead_id").primaryKey(),
    email: text("email").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    accountId: text("account_id").references(() => accounts.accountId),
    createdAt: tstz("created_at").notNull(),
    sourceChannel: channelEnum("source_channel").notNull(),
    campaignId: text("campaign_id").references(() => campaigns.campaignId),
    ownerEmail: text("owner_email").references(() => teamMembers.email),
    mqlAt: tstz("mql_at"),
    sqlAt: tstz("sql_at"),
    rejectedAt: tstz("rejected_at"),
    rejectionReason: text("rejection_reason"),
    customerAt: tstz("customer_at"),
    ...audit,
  },
  (t) => [
    index("leads_mql_at_idx").on(t.mqlAt),
    index("leads_sql_at_idx").on(t.sqlAt),
    index("leads_created_at_idx").on(t.createdAt),
    index("leads_account_idx").on(t.accountId),
    index("leads_owner_idx").on(t.ownerEmail),
    index("leads_email_idx").on(t.email),
    check("leads_sql_xor_rejected", sql`${t.sqlAt} is null or ${t.rejectedAt} is null`),
  ],
);

export const touchpoints = pgTable(
  "touchpoints",
  {
    touchpointId: text("touchpoint_id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.leadId),
    occurredAt: tstz("occurred_at").notNull(),
    channel: channelEnum("channel").notNull(),
    campaignId: text("campaign_id").references(() => campaigns.campaignId),
    type: text("type"),
    ...audit,
  },
  (t) => [index("touchpoints_lead_time_idx").on(t.leadId, t.occurredAt)],
);

export const deals = pgTable(
  "deals",
  {
    dealId: text("deal_id").primaryKey(),
    name: text("name").notNull(),
    accountId: text("account_id").references(() => accounts.accountId),
    /** Null: a deal without a known contact (data-contract: it has no known source). */
    primaryLeadId: text("primary_lead_id").references(() => leads.leadId),
    ownerEmail: text("owner_email").references(() => teamMembers.email),
    amount: numeric("amount").notNull(),
    currency: text("currency"),
    createdAt: tstz("created_at").notNull(),
    stage: dealStageEnum("stage").notNull(),
    closedAt: tstz("closed_at"),
    /** An open deal's expected close date (a CRM export's "Close Date" of an open deal). */
    expectedCloseOn: date("expected_close_on"),
    lostReason: text("lost_reason"),
    ...audit,
  },
  (t) => [
    index("deals_stage_closed_idx").on(t.stage, t.closedAt),
    index("deals_created_at_idx").on(t.createdAt),
    index("deals_primary_lead_idx").on(t.primaryLeadId),
    index("deals_account_idx").on(t.accountId),
    index("deals_owner_idx").on(t.ownerEmail),
    check(
      "deals_closed_consistent",
      sql`(${t.stage} in ('closed_won','closed_lost')) = (${t.closedAt} is not null)`,
    ),
  ],
);

export const dealContacts = pgTable(
  "deal_contacts",
  {
    dealId: text("deal_id")
      .notNull()
      .references(() => deals.dealId),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.leadId),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.dealId, t.leadId] }), index("deal_contacts_lead_idx").on(t.leadId)],
);

export const salesActivities = pgTable(
  "sales_activities",
  {
    activityId: text("activity_id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.leadId),
    occurredAt: tstz("occurred_at").notNull(),
    type: activityTypeEnum("type").notNull(),
    repEmail: text("rep_email").references(() => teamMembers.email),
    ...audit,
  },
  (t) => [index("sales_activities_lead_time_idx").on(t.leadId, t.occurredAt)],
);

export const contentAssets = pgTable("content_assets", {
  assetId: text("asset_id").primaryKey(),
  title: text("title").notNull(),
  type: assetTypeEnum("type").notNull(),
  funnelStage: funnelStageEnum("funnel_stage"),
  ownerEmail: text("owner_email").references(() => teamMembers.email),
  publishedAt: tstz("published_at").notNull(),
  archivedAt: tstz("archived_at"),
  url: text("url"),
  ...audit,
});

export const contentUsage = pgTable(
  "content_usage",
  {
    usageId: text("usage_id").primaryKey(),
    assetId: text("asset_id")
      .notNull()
      .references(() => contentAssets.assetId),
    occurredAt: tstz("occurred_at").notNull(),
    action: usageActionEnum("action").notNull(),
    userEmail: text("user_email").references(() => teamMembers.email),
    dealId: text("deal_id").references(() => deals.dealId),
    leadId: text("lead_id").references(() => leads.leadId),
    ...audit,
  },
  (t) => [
    index("content_usage_asset_time_idx").on(t.assetId, t.occurredAt),
    index("content_usage_deal_idx").on(t.dealId),
  ],
);
