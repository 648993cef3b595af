import { describe, expect, it } from "vitest";
import type { FileReport } from "@/lib/import";
import { summarizeReport } from "./report-summary";

const file = (name: string, rejected: number, extra: Partial<FileReport> = {}): FileReport => ({
  file: name,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  rejected,
  unknownColumns: [],
  ...extra,
});

describe("summarizeReport", () => {
  it("counts rejected rows, not problems: a row with two bad cells is one row", () => {
    const s = summarizeReport({
      files: [file("deals.csv", 2)],
      errors: [
        { file: "deals.csv", line: 4, column: "amount", reason: "not a number" },
        { file: "deals.csv", line: 4, column: "closed_at", reason: "not a date" },
        { file: "deals.csv", line: 7, column: "stage", reason: "unknown stage" },
      ],
    });
    expect(s.rejectedCount).toBe(2);
    expect(s.rows).toEqual([
      { file: "deals.csv", line: 4, problems: [{ column: "amount", reason: "not a number" }, { column: "closed_at", reason: "not a date" }] },
      { file: "deals.csv", line: 7, problems: [{ column: "stage", reason: "unknown stage" }] },
    ]);
    expect(s.unlisted).toBe(0);
  });

  it("lists only the uploaded files, not the canonical files the upload did not contain", () => {
    const skipped = ["team_members.csv", "campaigns.csv", "accounts.csv", "touchpoints.csv"].map((f) =>
      file(f, 0, { inserted: 0, skipped: true }),
    );
    const s = summarizeReport({ files: [...skipped, file("leads.csv", 0)], errors: [] });
    expect(s.files.map((f) => f.file)).toEqual(["leads.csv"]);
    expect(s.rejectedCount).toBe(0);
  });

  it("says how many rejected rows a capped error list leaves out", () => {
    const s = summarizeReport({
      files: [file("leads.csv", 5)],
      errors: [
        { file: "leads.csv", line: 2, column: "email", reason: "required" },
        { file: "leads.csv", line: 3, column: "email", reason: "required" },
      ],
    });
    expect(s.rejectedCount).toBe(5);
    expect(s.rows).toHaveLength(2);
    expect(s.unlisted).toBe(3);
  });
});
