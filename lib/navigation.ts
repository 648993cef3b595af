import type { Role } from "@/lib/enums";
import { can, type Area } from "@/lib/authz/policy";

/** Where each area of the product lives. The order is the navigation's order. */
export const AREA_ROUTES: Record<Area, string> = {
  dashboard: "/dashboard",
  closed_loop: "/closed-loop",
  content: "/content",
  sla: "/sla",
  roadmap: "/roadmap",
  glossary: "/glossary",
  meetings: "/meetings",
  feedback: "/feedback",
  assessment: "/assessment",
  import: "/import",
  admin: "/admin",
};

/** The navigation entries a role may use (mirrors the policy; the pages check it again). */
export function navigationFor(role: Role): { area: Area; href: string }[] {
  return (Object.keys(AREA_ROUTES) as Area[])
    .filter((area) => can(role, area, "view"))
    .map((area) => ({ area, href: AREA_ROUTES[area] }));
}

/** The first page a role lands on after signing in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]?.href ?? "/signin";
}
