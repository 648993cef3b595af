import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/enums";
import { OWNING_TEAMS } from "./constants";
import {
  canChangeTeam,
  canComment,
  canCreateCard,
  canEditCard,
  canManageColumns,
  canViewRoadmap,
  editableTeams,
} from "./permissions";

describe("roadmap permissions", () => {
  it("every role sees the board and may comment anywhere", () => {
    for (const role of ROLES) {
      expect(canViewRoadmap(role)).toBe(true);
      expect(canComment(role)).toBe(true);
    }
    expect(canViewRoadmap(null)).toBe(false);
    expect(canComment(undefined)).toBe(false);
  });

  it("leadership and admin edit every card", () => {
    for (const role of ["admin", "leadership"] as const) {
      for (const team of OWNING_TEAMS) {
        expect(canEditCard(role, team)).toBe(true);
        expect(canCreateCard(role, team)).toBe(true);
      }
    }
  });

  it("marketing and sales edit their own team's cards and joint cards only", () => {
    const table: [role: "marketing" | "sales", team: (typeof OWNING_TEAMS)[number], allowed: boolean][] = [
      ["marketing", "marketing", true],
      ["marketing", "joint", true],
      ["marketing", "sales", false],
      ["sales", "sales", true],
      ["sales", "joint", true],
      ["sales", "marketing", false],
    ];
    for (const [role, team, allowed] of table) {
      expect(canEditCard(role, team), `${role} on ${team}`).toBe(allowed);
      expect(canCreateCard(role, team), `${role} creates ${team}`).toBe(allowed);
    }
    expect(editableTeams("marketing")).toEqual(["marketing", "joint"]);
    expect(editableTeams("sales")).toEqual(["sales", "joint"]);
    expect(editableTeams(null)).toEqual([]);
  });

  it("handing a card to another team needs the right on both teams", () => {
    expect(canChangeTeam("marketing", "marketing", "joint")).toBe(true);
    expect(canChangeTeam("marketing", "joint", "marketing")).toBe(true);
    expect(canChangeTeam("marketing", "joint", "sales")).toBe(false);
    expect(canChangeTeam("sales", "marketing", "joint")).toBe(false);
    expect(canChangeTeam("leadership", "sales", "marketing")).toBe(true);
  });

  it("only an admin manages columns", () => {
    expect(canManageColumns("admin")).toBe(true);
    for (const role of ["leadership", "marketing", "sales"] as const) expect(canManageColumns(role)).toBe(false);
    expect(canManageColumns(null)).toBe(false);
  });
});
