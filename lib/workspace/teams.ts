import type { OwningTeam, Role } from "@/lib/enums";

/**
 * Which side of the alignment a signed-in user speaks for, from their role: marketing and sales
 * are the two teams; leadership stands above both; admin runs the installation and speaks for
 * neither. Plain module (client components import it).
 */
export type Side = "marketing" | "sales" | "leadership";
export type Team = "marketing" | "sales";

export function sideOf(role: Role): Side | null {
  return role === "marketing" || role === "sales" || role === "leadership" ? role : null;
}

/** The team a role belongs to (marketing or sales), null for leadership and admin. */
export function teamOf(role: Role): Team | null {
  return role === "marketing" || role === "sales" ? role : null;
}

/** The other team. */
export function otherTeam(team: Team): Team {
  return team === "marketing" ? "sales" : "marketing";
}

/** Whether an owning team (sales | marketing | joint) is one of the two teams. */
export function isTeam(team: OwningTeam | string): team is Team {
  return team === "marketing" || team === "sales";
}
