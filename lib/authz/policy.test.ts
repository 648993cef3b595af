import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/enums";
import { AREAS, can, type Action, type Area } from "./policy";

/**
 * The authorization matrix, written out by hand: one line per area, for each role what it may do
 * ("-" nothing, "v" view, "ve" view and edit). Changing the policy means changing this table.
 */
type Grant = "-" | "v" | "ve";
const EXPECTED: Record<Area, Record<Role, Grant>> = {
  //            admin       leadership        marketing        sales
  dashboard: { admin: "ve", leadership: "ve", marketing: "v", sales: "v" },
  closed_loop: { admin: "ve", leadership: "ve", marketing: "ve", sales: "-" },
  content: { admin: "ve", leadership: "v", marketing: "ve", sales: "v" },
  sla: { admin: "ve", leadership: "ve", marketing: "v", sales: "ve" },
  roadmap: { admin: "ve", leadership: "ve", marketing: "ve", sales: "ve" },
  glossary: { admin: "ve", leadership: "ve", marketing: "ve", sales: "ve" },
  meetings: { admin: "ve", leadership: "ve", marketing: "ve", sales: "ve" },
  feedback: { admin: "ve", leadership: "ve", marketing: "ve", sales: "ve" },
  assessment: { admin: "ve", leadership: "ve", marketing: "ve", sales: "ve" },
  import: { admin: "ve", leadership: "-", marketing: "-", sales: "-" },
  admin: { admin: "ve", leadership: "-", marketing: "-", sales: "-" },
};

describe("authorization policy", () => {
  const cases: [Role, Area, Action, boolean][] = [];
  for (const area of AREAS) {
    for (const role of ROLES) {
      const grant = EXPECTED[area][role];
      cases.push([role, area, "view", grant !== "-"]);
      cases.push([role, area, "edit", grant === "ve"]);
    }
  }

  it.each(cases)("%s / %s / %s → %s", (role, area, action, allowed) => {
    expect(can(role, area, action)).toBe(allowed);
  });

  it("denies when there is no role", () => {
    for (const area of AREAS) {
      expect(can(null, area, "view")).toBe(false);
      expect(can(undefined, area, "edit")).toBe(false);
    }
  });
});
