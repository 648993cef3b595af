import { pgEnum } from "drizzle-orm/pg-core";

/**
 * Enumerations of the data contract (docs/import-format.md) and of the app.
 * The value lists are exported as plain tuples so the importer, zod schemas and the UI
 * share one source of truth.
 */
export const CHANNELS = [
  "organic_search",
  "paid_search",
  "organic_social",
  "paid_social",
  "email",
  "events",
  "webinar",
  "content",
  "referral",
  "direct",
  "partner",
  "outbound",
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Every channel but `outbound` (sales-sourced) and `partner` (partner-sourced). */
export const MARKETING_CHANNELS: readonly Channel[] = CHANNELS.filter(
  (c) => c !== "outbound" && c !== "partner",
);

export const TEAMS = ["sales", "marketing"] as const;
export const TEAM_MEMBER_ROLES = ["rep", "lead", "manager"] as const;
export const SEGMENTS = ["smb", "mid_market", "enterprise"] as const;
export const OPEN_STAGES = ["qualification", "discovery", "proposal", "negotiation"] as const;
export const CLOSED_STAGES = ["closed_won", "closed_lost"] as const;
export const DEAL_STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const;
export const ACTIVITY_TYPES = ["call", "email", "meeting", "social", "other"] as const;
export const ASSET_TYPES = [
  "case_study",
  "whitepaper",
  "deck",
  "one_pager",
  "video",
  "blog_post",
  "email_template",
  "other",
] as const;
export const FUNNEL_STAGES = ["tofu", "mofu", "bofu"] as const;
export const USAGE_ACTIONS = ["viewed", "downloaded", "shared", "sent", "presented"] as const;
/** Usage actions that put an asset in front of a customer (docs/metrics.md). */
export const CUSTOMER_FACING_ACTIONS = ["shared", "sent", "presented"] as const;

export const ROLES = ["admin", "leadership", "marketing", "sales"] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

export const OWNING_TEAMS = ["sales", "marketing", "joint"] as const;
export const HEALTH = ["on_track", "at_risk", "off_track"] as const;
export const FEEDBACK_VERDICTS = ["accepted", "rejected"] as const;

export const channelEnum = pgEnum("channel", CHANNELS);
export const teamEnum = pgEnum("team", TEAMS);
export const teamMemberRoleEnum = pgEnum("team_member_role", TEAM_MEMBER_ROLES);
export const segmentEnum = pgEnum("segment", SEGMENTS);
export const dealStageEnum = pgEnum("deal_stage", DEAL_STAGES);
export const activityTypeEnum = pgEnum("activity_type", ACTIVITY_TYPES);
export const assetTypeEnum = pgEnum("asset_type", ASSET_TYPES);
export const funnelStageEnum = pgEnum("funnel_stage", FUNNEL_STAGES);
export const usageActionEnum = pgEnum("usage_action", USAGE_ACTIONS);
export const roleEnum = pgEnum("role", ROLES);
export const localeEnum = pgEnum("locale", LOCALES);
export const owningTeamEnum = pgEnum("owning_team", OWNING_TEAMS);
export const healthEnum = pgEnum("health", HEALTH);
export const feedbackVerdictEnum = pgEnum("feedback_verdict", FEEDBACK_VERDICTS);

// Single stages named by the KPI definitions (lib/kpi/predicates); added at the end of this file
// so that moving the tuples into a plain module merges cleanly.
/** The stage of a won deal (kpi-definitions.md §1: "Won deal in P" = stage `closed_won` …). */
export const WON_STAGE = "closed_won" satisfies (typeof CLOSED_STAGES)[number];
/** The stage of a lost deal ("Likewise lost"). */
export const LOST_STAGE = "closed_lost" satisfies (typeof CLOSED_STAGES)[number];
