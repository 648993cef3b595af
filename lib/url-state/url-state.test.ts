import { describe, expect, it } from "vitest";
import { parseAsStringLiteral } from "nuqs/server";
import { checkList, checkOne, createCheckedLoader } from "./checked";
import { LINK_PARAMETER_GROUPS, linkQuery, linkTo, uncheckedLinkValues } from "./links";
import { parseAsList, parseAsText, parseAsWholeNumber } from "./parsers";

describe("checked readings", () => {
  const color = parseAsStringLiteral(["red", "green"] as const);
  it("tell absent, repeated and invalid values apart", () => {
    expect(checkOne(color, [])).toEqual({ input: [], value: null, issue: null });
    expect(checkOne(color, [" red ", "red", ""])).toEqual({ input: ["red"], value: "red", issue: null });
    expect(checkOne(color, ["red", "green"]).issue).toEqual({ code: "repeated" });
    expect(checkOne(color, ["blue"]).issue).toEqual({ code: "invalid", value: "blue" });
    expect(checkOne(parseAsWholeNumber({ min: 1, max: 9 }), ["1.5"]).issue).toEqual({ code: "invalid", value: "1.5" });
  });

  it("name the first refused item of a list", () => {
    const colors = parseAsList(color, { lowercase: true });
    expect(checkList(colors, ["RED", "red", "green"])).toEqual({ input: ["red", "green"], value: ["red", "green"], issue: null });
    expect(checkList(colors, ["red", "Blue", "pink"]).issue).toEqual({ code: "invalid", value: "blue" });
    const ids = parseAsList(parseAsText, { separator: "," });
    expect(checkList(ids, ["a, b", "c,,a"]).value).toEqual(["a", "b", "c"]);
  });

  it("refuse a NUL or control character whatever the parser (issue 8 item 7)", () => {
    expect(checkOne(parseAsText, ["a\u0000b"]).issue).toEqual({ code: "invalid", value: "a\u0000b" });
    expect(checkList(parseAsList(parseAsText, { separator: "," }), ["ok,b\u0007"]).issue).toEqual({ code: "invalid", value: "b\u0007" });
    expect(checkOne(parseAsText, ["tab\tand\nnewline"]).issue).toBeNull();
  });

  it("load a map of parsers from a query", () => {
    const load = createCheckedLoader({ color, colors: parseAsList(color) });
    const r = load("?color=blue&colors=red&colors=green");
    expect(r.color.issue).toEqual({ code: "invalid", value: "blue" });
    expect(r.colors.value).toEqual(["red", "green"]);
    expect(load("").colors).toEqual({ input: [], value: null, issue: null });
  });
});

describe("the link serializer", () => {
  it("gives every URL parameter to exactly one area", () => {
    const keys = Object.values(LINK_PARAMETER_GROUPS).flatMap((group) => Object.keys(group));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("writes lists as repeated parameters or comma lists, keeps the base and drops nulls", () => {
    expect(linkTo("/dashboard/records", { kpi: "revenue", preset: "custom", from: "2025-01-01", to: "2025-03-31", segment: ["smb", "enterprise"] })).toBe(
      "/dashboard/records?kpi=revenue&preset=custom&from=2025-01-01&to=2025-03-31&segment=smb&segment=enterprise",
    );
    expect(linkTo("/dashboard/records?kpi=mqls&page=3", { page: null, hide: ["email", "account"], q: "a b" })).toBe(
      "/dashboard/records?kpi=mqls&q=a+b&hide=email,account",
    );
    expect(linkTo("/dashboard", { segment: [], as_of: null })).toBe("/dashboard");
    expect(linkQuery({ as_of: "2025-05-14T10:20:30Z", owner_email: ["a@b.example"] }).toString()).toBe(
      "as_of=2025-05-14T10%3A20%3A30Z&owner_email=a%40b.example",
    );
    expect(linkTo("/roadmap", { team: "joint" })).toBe("/roadmap?team=joint");
  });

  it("passes a form's unvalidated text through unchanged, for the page to validate", () => {
    expect(linkTo("/dashboard", uncheckedLinkValues({ preset: "fortnight", segment: ["galactic"] }))).toBe("/dashboard?preset=fortnight&segment=galactic");
  });
});
