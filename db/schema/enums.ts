import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACTIVITY_TYPES,
  ASSET_TYPES,
  CHANNELS,
  DEAL_STAGES,
  FEEDBACK_VERDICTS,
  FUNNEL_STAGES,
  HEALTH,
  LOCALES,
  OWNING_TEAMS,
  ROLES,
  SEGMENTS,
  TEAM_MEMBER_ROLES,
  TEAMS,
  USAGE_ACTIONS,
} from "../../lib/enums";

/**
 * The database enums, built from the plain value tuples of lib/enums.ts (the one source of
 * truth, free of Drizzle so client components can import it).
 *
 * The tuples and types are re-exported here for server code that imported them from this
 * module; new code — and every client component — imports them from "@/lib/enums".
 */
export * from "../../lib/enums";

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
