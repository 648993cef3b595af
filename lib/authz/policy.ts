import { ROLES, type Role } from "@/lib/enums";

/**
 * The one authorization policy: which role may see (`view`) and change (`edit`) each area of
 * the product. Pages, server actions, route handlers and API keys all ask `can()`; the
 * navigation only mirrors it. Finer rules inside an area (e.g. roadmap cards owned by a team)
 * live next to that area's engine and start from this check.
 */
export const AREAS = [
  "dashboard",
  "closed_loop",
  "content",
  "sla",
  "roadmap",
  "glossary",
  "meetings",
  "feedback",
  "assessment",
  "import",
  "admin",
] as const;
export type Area = (typeof AREAS)[number];
export type Action = "view" | "edit";

const ALL: readonly Role[] = ROLES;

export const POLICY: Record<Area, Record<Action, readonly Role[]>> = {
  // Leadership's revenue dashboard; read-only for marketing and sales.
  dashboard: { view: ALL, edit: ["admin", "leadership"] },
  closed_loop: { view: ["admin", "leadership", "marketing"], edit: ["admin", "leadership", "marketing"] },
  content: { view: ALL, edit: ["admin", "marketing"] },
  // Both teams see both sides of the SLA; sales records its lead feedback here.
  sla: { view: ALL, edit: ["admin", "leadership", "sales"] },
  roadmap: { view: ALL, edit: ALL },
  glossary: { view: ALL, edit: ALL },
  meetings: { view: ALL, edit: ALL },
  // Feedback between the teams: anyone sends and answers; leadership also sees response times.
  feedback: { view: ALL, edit: ALL },
  assessment: { view: ALL, edit: ALL },
  import: { view: ["admin"], edit: ["admin"] },
  admin: { view: ["admin"], edit: ["admin"] },
};

/** Whether `role` may perform `action` in `area`. */
export function can(role: Role | null | undefined, area: Area, action: Action = "view"): boolean {
  return role != null && POLICY[area][action].includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
