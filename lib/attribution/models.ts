/**
 * The attribution models and groupings of kpi-definitions.md §3 (closed-loop reporting), as
 * plain values: imported by the engine, the API's parameter check and the client components
 * of /closed-loop (model switcher), so nothing here reaches the database.
 */
export const ATTRIBUTION_MODELS = [
  "first_touch",
  "last_touch",
  "linear",
  "time_decay",
  "u_shaped",
  "w_shaped",
  "full_path",
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const ATTRIBUTION_GROUP_BYS = ["channel", "campaign"] as const;
export type AttributionGroupBy = (typeof ATTRIBUTION_GROUP_BYS)[number];

/** The key of a won deal's whole amount when its path is empty. */
export const NO_TOUCHPOINTS_KEY = "(no touchpoints)";
/** The campaign key of a touch without a campaign. */
export const NO_CAMPAIGN_KEY = "(none)";

export function isAttributionModel(value: unknown): value is AttributionModel {
  return typeof value === "string" && (ATTRIBUTION_MODELS as readonly string[]).includes(value);
}

export function isAttributionGroupBy(value: unknown): value is AttributionGroupBy {
  return typeof value === "string" && (ATTRIBUTION_GROUP_BYS as readonly string[]).includes(value);
}

/** The milestone touches of a path (kpi-definitions.md §3). */
export const MILESTONES = ["first", "lead_creation", "deal_creation", "last"] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Which milestones each model gives a share to (the journey marks them). */
export const MODEL_MILESTONES: Record<AttributionModel, readonly Milestone[]> = {
  first_touch: ["first"],
  last_touch: ["last"],
  linear: [],
  time_decay: [],
  u_shaped: ["first", "lead_creation"],
  w_shaped: ["first", "lead_creation", "deal_creation"],
  full_path: ["first", "lead_creation", "deal_creation", "last"],
};
