import { describe, expect, it } from "vitest";
import { approvalWouldHelp, approvedSides, canApprove, isAgreed } from "./rules";
import { diffWords } from "./diff";

describe("glossary approval rule", () => {
  it("needs two sides: marketing and sales agree a term", () => {
    expect(isAgreed(["marketing", "sales"])).toBe(true);
  });
  it("leadership stands in for either team", () => {
    expect(isAgreed(["marketing", "leadership"])).toBe(true);
    expect(isAgreed(["leadership", "sales"])).toBe(true);
  });
  it("one team alone cannot agree a term, however many approve", () => {
    expect(isAgreed(["marketing"])).toBe(false);
    expect(isAgreed(["marketing", "marketing", "marketing"])).toBe(false);
    expect(isAgreed(["sales", "sales"])).toBe(false);
    expect(isAgreed(["leadership", "leadership"])).toBe(false);
    expect(isAgreed([])).toBe(false);
  });
  it("admin speaks for no side", () => {
    expect(canApprove("admin")).toBe(false);
    expect(isAgreed(["admin", "marketing"])).toBe(false);
    expect(approvedSides(["admin", "sales", "marketing", "sales"])).toEqual(["marketing", "sales"]);
  });
  it("an approval helps only when it adds a side to a version not yet agreed", () => {
    expect(approvalWouldHelp("sales", ["marketing"])).toBe(true);
    expect(approvalWouldHelp("marketing", ["marketing"])).toBe(false);
    expect(approvalWouldHelp("leadership", ["marketing", "sales"])).toBe(false);
    expect(approvalWouldHelp("admin", ["marketing"])).toBe(false);
  });
});

describe("diffWords", () => {
  it("marks removed and added words, keeping the rest", () => {
    expect(diffWords("a lead with budget", "a lead with budget and authority")).toEqual([
      { op: "same", text: "a lead with budget" },
      { op: "add", text: " and authority" },
    ]);
    expect(diffWords("accepted by sales", "accepted by marketing")).toEqual([
      { op: "same", text: "accepted by " },
      { op: "del", text: "sales" },
      { op: "add", text: "marketing" },
    ]);
  });
  it("groups a reworded phrase into one removal and one addition", () => {
    expect(diffWords("accepted after a first conversation as real", "accepted after a discovery call confirming real")).toEqual([
      { op: "same", text: "accepted after a " },
      { op: "del", text: "first conversation as" },
      { op: "add", text: "discovery call confirming" },
      { op: "same", text: " real" },
    ]);
  });
  it("handles empty sides", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("", "new")).toEqual([{ op: "add", text: "new" }]);
    expect(diffWords("old", "")).toEqual([{ op: "del", text: "old" }]);
  });
});
