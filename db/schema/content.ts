import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./app";
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
