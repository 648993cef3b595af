/**
 * Enumerations of the data contract (docs/import-format.md) and of the app, as plain
 * value tuples and their types: the one source of truth for the database enums
 * (db/schema/enums.ts builds its pgEnums from these), the importer, zod schemas and the UI.
 *
 * This module must stay free of Drizzle and of anything server-side: client components import
 * it, and whatever it imports ships to the browser.
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
  "unknown",
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Every channel but `outbound` (sales-sourced), `partner` (partner-sourced) and `unknown` (the
 * source was not recorded; what a mapped CRM export's empty or unrecognised source becomes).
 */
export const MARKETING_CHANNELS: readonly Channel[] = CHANNELS.filter(
  (c) => c !== "outbound" && c !== "partner" && c !== "unknown",
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
/** Usage actions that put an asset in front of a customer (kpi-definitions.md §2). */
export const CUSTOMER_FACING_ACTIONS = ["shared", "sent", "presented"] as const;

export const ROLES = ["admin", "leadership", "marketing", "sales"] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

export const OWNING_TEAMS = ["sales", "marketing", "joint"] as const;
export type OwningTeam = (typeof OWNING_TEAMS)[number];
export const HEALTH = ["on_track", "at_risk", "off_track"] as const;
export type Health = (typeof HEALTH)[number];
export const FEEDBACK_VERDICTS = ["accepted", "rejected"] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];
/** Why sales rejects an MQL (the SLA page's shared list); `other` needs a text. */
export const REJECTION_REASONS = ["bad_fit", "no_budget", "wrong_contact", "duplicate", "not_reachable", "other"] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The stage of a won deal (docs/metrics.md: a won deal has stage `closed_won`). */
export const WON_STAGE = "closed_won" satisfies (typeof CLOSED_STAGES)[number];
/** The stage of a lost deal. */
export const LOST_STAGE = "closed_lost" satisfies (typeof CLOSED_STAGES)[number];

/** Content assets (issue 11): the types and funnel stages as types. */
export type AssetType = (typeof ASSET_TYPES)[number];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
/** Why a sales user found an asset not useful (issue 11); `other` comes with a text. */
export const RATING_REASONS = ["outdated", "wrong_audience", "too_long", "missing_information", "other"] as const;
export type RatingReason = (typeof RATING_REASONS)[number];
/** A content request from sales is open until marketing links the asset that answers it. */
export const CONTENT_REQUEST_STATUSES = ["open", "done"] as const;
export type ContentRequestStatus = (typeof CONTENT_REQUEST_STATUSES)[number];
