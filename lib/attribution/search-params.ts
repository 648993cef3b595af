import { parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/lib/url-state/parsers";
import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS } from "./models";

/**
 * The closed-loop page's own URL parameters (besides the dashboard's period and filters):
 * `model` (the chosen attribution model), and the row whose deals are listed: `credit_by`
 * (channel | campaign) and `credit_key` (a channel, a campaign id, `(none)` or
 * `(no touchpoints)`).
 */
export const closedLoopSearchParams = {
  model: parseAsStringLiteral(ATTRIBUTION_MODELS),
  credit_by: parseAsStringLiteral(ATTRIBUTION_GROUP_BYS),
  credit_key: parseAsText,
};

/** The model shown when the URL names none. */
export const DEFAULT_MODEL = "linear" as const;

/** The page of one deal's journey (app/(app)/closed-loop/deals/[id]) with the given period, filters and as_of kept. */
export function journeyPath(dealId: string): string {
  return `/closed-loop/deals/${encodeURIComponent(dealId)}`;
}
