import { parseAsStringLiteral } from "nuqs/server";
import { OWNING_TEAMS } from "@/lib/enums";

/**
 * The roadmap board's URL state (pure: shared by the board's nuqs hook and the link
 * serializer): `team` shows only the cards of one owning team; absent or unknown = all teams.
 */
export const roadmapSearchParams = {
  team: parseAsStringLiteral(OWNING_TEAMS),
};
