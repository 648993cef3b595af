import { describe, expect, it } from "vitest";
import { homeFor, navigationFor } from "./navigation";

describe("navigation", () => {
  it("shows each role only the areas the policy lets it view, in product order", () => {
    expect(navigationFor("admin").map((i) => i.href)).toEqual([
      "/dashboard", "/closed-loop", "/content", "/sla", "/roadmap", "/glossary", "/meetings", "/feedback", "/assessment", "/import", "/admin",
    ]);
    expect(navigationFor("sales").map((i) => i.area)).toEqual([
      "dashboard", "content", "sla", "roadmap", "glossary", "meetings", "feedback", "assessment",
    ]);
    expect(navigationFor("marketing").some((i) => i.area === "admin" || i.area === "import")).toBe(false);
  });

  it("lands every role on the dashboard", () => {
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) expect(homeFor(role)).toBe("/dashboard");
  });
});
