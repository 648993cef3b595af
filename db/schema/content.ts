import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./app";
import { dealStageEnum } from "./enums";
import { contentAssets } from "./domain";

/**
 * Sales' voice on content and marketing's edits of assets in the app (issue 11). The assets
 * themselves stay in content_assets (the import contract's columns); what the app adds lives
 * here so the import format is unchanged.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The edit version of an asset changed in the app (optimistic versioning, lib/content/assets.ts):
 * no row = version 1; every edit, archive or restore in the app bumps it.
 */
export const contentAssetVersions = pgTable("content_asset_versions", {
  assetId: text("asset_id")
    .primaryKey()
    .references(() => contentAssets.assetId, { onDelete: "cascade" }),
  version: integer("version").notNull().default(1),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** One rating per sales user and asset (re-rating replaces it): useful or not, and why not. */
export const contentRatings = pgTable(
  "content_ratings",
  {
    id: serial("id").primaryKey(),
    assetId: text("asset_id")
      .notNull()
      .references(() => contentAssets.assetId, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    useful: boolean("useful").notNull(),
    /** lib/enums RATING_REASONS; null when useful. */
    reason: text("reason"),
    comment: text("comment").notNull().default(""),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("content_ratings_asset_user_idx").on(t.assetId, t.userId),
    check(
      "content_ratings_reason_check",
      sql`(${t.useful} and ${t.reason} is null) or (not ${t.useful} and ${t.reason} in ('outdated','wrong_audience','too_long','missing_information','other'))`,
    ),
  ],
);

/** Content sales asks for (stage, topic, why); marketing marks it done by linking an asset. */
export const contentRequests = pgTable(
  "content_requests",
  {
    id: serial("id").primaryKey(),
    /** tofu | mofu | bofu, or null for "any stage". */
    funnelStage: text("funnel_stage"),
    topic: text("topic").notNull(),
    why: text("why").notNull().default(""),
    status: text("status").notNull().default("open"),
    fulfilledAssetId: text("fulfilled_asset_id").references(() => contentAssets.assetId, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    doneBy: integer("done_by").references(() => users.id),
    doneAt: ts("done_at"),
  },
  (t) => [
    index("content_requests_status_idx").on(t.status, t.createdAt),
    check("content_requests_status_check", sql`${t.status} in ('open','done')`),
    check("content_requests_stage_check", sql`${t.funnelStage} is null or ${t.funnelStage} in ('tofu','mofu','bofu')`),
  ],
);

/** "Ask sales": marketing asks sales for feedback on an asset; open until closed by marketing. */
export const contentFeedbackRequests = pgTable(
  "content_feedback_requests",
  {
    id: serial("id").primaryKey(),
    assetId: text("asset_id")
      .notNull()
      .references(() => contentAssets.assetId, { onDelete: "cascade" }),
    question: text("question").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    closedAt: ts("closed_at"),
  },
  (t) => [index("content_feedback_requests_asset_idx").on(t.assetId)],
);

/*
 * Summary tables of content_usage for the content report (issue 11 item 6; lib/content/facts.ts).
 * Derived data, kept exact by statement-level triggers on content_usage (migration
 * 0014_content_usage_facts): every insert, update, delete or truncate there — by the importer,
 * the seed, tests or a hand-made fix — recomputes the rows of the keys it touched from
 * content_usage, in the same transaction. Never written by the application itself.
 */
const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * Usages per asset and UTC day, by action. A period's counts are the sum of the days wholly
 * inside it plus the raw usages of its partial first and last days (any time zone, any as_of).
 */
export const contentUsageDays = pgTable(
  "content_usage_days",
  {
    assetId: text("asset_id").notNull(),
    /** The UTC date of occurred_at. */
    day: date("day", { mode: "string" }).notNull(),
    shared: integer("shared").notNull(),
    sent: integer("sent").notNull(),
    presented: integer("presented").notNull(),
    viewed: integer("viewed").notNull(),
    downloaded: integer("downloaded").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.day] }), index("content_usage_days_day_idx").on(t.day)],
);

/**
 * Per asset and user e-mail (not null) with any usage: the first and the last usage, at any
 * date. The user used the asset in a window when one of them lies in it, or — when the window
 * lies strictly between them — when an index probe finds a usage in it.
 */
export const contentAssetUsers = pgTable(
  "content_asset_users",
  {
    assetId: text("asset_id").notNull(),
    userEmail: text("user_email").notNull(),
    firstAt: tsz("first_at").notNull(),
    lastAt: tsz("last_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.userEmail] })],
);

/**
 * Per asset and deal with a customer-facing usage: the first and the last such usage, at any
 * date, and the deal's columns the deal predicates read (copied from deals under the same names,
 * refreshed by a trigger on deals when they change), so the KPI engine's predicates
 * (closedInWindow, dealExists, dealFilters) apply to a pair as to a deal and the report reads no
 * deal row. first_cf_at ≤ closed_at is kpi-definitions §2's "usage with that deal_id at or before
 * closed_at" (influence); the window test is as for contentAssetUsers.
 */
export const contentAssetDeals = pgTable(
  "content_asset_deals",
  {
    assetId: text("asset_id").notNull(),
    dealId: text("deal_id").notNull(),
    firstCfAt: tsz("first_cf_at").notNull(),
    lastCfAt: tsz("last_cf_at").notNull(),
    createdAt: tsz("created_at").notNull(),
    primaryLeadId: text("primary_lead_id"),
    accountId: text("account_id"),
    ownerEmail: text("owner_email"),
    stage: dealStageEnum("stage").notNull(),
    closedAt: tsz("closed_at"),
    amount: numeric("amount").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.dealId] }), index("content_asset_deals_deal_idx").on(t.dealId)],
);
