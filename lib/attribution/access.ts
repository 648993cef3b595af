import { can } from "@/lib/authz/policy";
import type { Role } from "@/lib/enums";

/**
 * Who may see a deal's journey (issue 12: "the closed-loop page (marketing and leadership;
 * sales sees journeys of its deals)"). It starts from the policy: a role that may view the
 * closed-loop area sees every journey; sales, which may not see the closed-loop report, sees
 * the journey of the deals it owns (deal owner e-mail = the user's, case-insensitively), so a
 * rep sees what the prospect read and attended before the hand-off — and nobody else's.
 */
export function canViewJourney(user: { role: Role; email: string }, dealOwnerEmail: string | null): boolean {
  if (can(user.role, "closed_loop", "view")) return true;
  return user.role === "sales" && dealOwnerEmail !== null && dealOwnerEmail.toLowerCase() === user.email.toLowerCase();
}
