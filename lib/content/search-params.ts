import { parseAsStringLiteral } from "nuqs/server";
import { ASSET_TYPES, FUNNEL_STAGES } from "@/lib/enums";
import { parseAsList, parseAsText } from "@/lib/url-state/parsers";

/**
 * The content page's own URL parameters (beside the dashboard's period/filters and the shared
 * table's sort/page/search): the asset library's filters. Pure (nuqs parsers), shared by the
 * page, its export and the link serializer (lib/url-state/links.ts).
 *
 * - `asset_type`, `funnel`: repeatable enum values;
 * - `asset_owner`: repeatable owner e-mail (any text; compared case-insensitively);
 * - `usage`: `used` | `unused` (absent: both);
 * - `status`: `active` (active in the period, the default) | `archived` | `all`.
 */
export const ASSET_STATUS_VALUES = ["active", "archived", "all"] as const;
export const USAGE_VALUES = ["used", "unused"] as const;

export const contentSearchParams = {
  asset_type: parseAsList(parseAsStringLiteral(ASSET_TYPES), { lowercase: true }),
  funnel: parseAsList(parseAsStringLiteral(FUNNEL_STAGES), { lowercase: true }),
  asset_owner: parseAsList(parseAsText, { lowercase: true }),
  usage: parseAsStringLiteral(USAGE_VALUES),
  status: parseAsStringLiteral(ASSET_STATUS_VALUES),
};
