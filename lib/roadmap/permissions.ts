import type { Role } from "@/lib/enums";
import { can } from "@/lib/authz/policy";
import type { OwningTeam } from "./constants";

/**
 * The roadmap's finer rules, on top of the policy's "roadmap" area:
 * - everyone who may view the roadmap sees every card and may comment anywhere;
 * - leadership and admin edit (create, change, move, delete) every card;
 * - marketing and sales edit the cards their own team owns and joint cards;
 * - only an admin manages the columns (rename, add, reorder, remove).
 */
export function canViewRoadmap(role: Role | null | undefined): boolean {
  return can(role, "roadmap", "view");
}

/** The owning teams whose cards `role` may edit. */
export function editableTeams(role: Role | null | undefined): readonly OwningTeam[] {
  if (!can(role, "roadmap", "edit")) return [];
  switch (role) {
    case "admin":
    case "leadership":
      return ["sales", "marketing", "joint"];
    case "marketing":
      return ["marketing", "joint"];
    case "sales":
      return ["sales", "joint"];
    default:
      return [];
  }
}

/** Whether `role` may edit (change, move, delete) a card owned by `team`. */
export function canEditCard(role: Role | null | undefined, team: OwningTeam): boolean {
  return editableTeams(role).includes(team);
}

/** Creating a card is editing a card of its team. */
export function canCreateCard(role: Role | null | undefined, team: OwningTeam): boolean {
  return canEditCard(role, team);
}

/** Handing a card to another team needs the right to edit it both before and after. */
export function canChangeTeam(role: Role | null | undefined, from: OwningTeam, to: OwningTeam): boolean {
  return canEditCard(role, from) && canEditCard(role, to);
}

export function canComment(role: Role | null | undefined): boolean {
  return can(role, "roadmap", "view");
}

export function canManageColumns(role: Role | null | undefined): boolean {
  return role === "admin" && can(role, "roadmap", "edit");
}
