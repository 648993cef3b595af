import { describe, expect, it } from "vitest";
import type { ErrorGroup } from "@/lib/import/mapping/contract";
import { describeRows, groupsForDisplay, rowRuns, totalCount } from "./error-groups";

describe("errors grouped by cause, as the page shows them", () => {
  it("rows as runs of consecutive numbers", () => {
    expect(rowRuns([12, 2, 3, 4, 9, 11, 3])).toEqual([
      [2, 4],
      [9, 9],
      [11, 12],
    ]);
    expect(rowRuns([])).toEqual([]);
  });

  it("names at most `max` rows and counts the rest, including rows the importer did not list", () => {
    expect(describeRows([2, 3, 4, 9], 4)).toEqual({ text: "2–4, 9", more: 0 });
    // 25 rows listed, 20 named (2–21), 5 left; the group counts 30: 10 more.
    const rows = Array.from({ length: 25 }, (_, i) => i + 2);
    expect(describeRows(rows, 30)).toEqual({ text: "2–21", more: 10 });
    expect(describeRows([7, 5], 2, 1)).toEqual({ text: "5", more: 1 });
  });

  it("orders groups by file, then most rows first, keeping the customer's column and hint", () => {
    const groups: ErrorGroup[] = [
      { file: "deals.csv", column: "Amount", reason: "not a number", rows: [4], count: 1 },
      { file: "contacts.csv", column: "Email", reason: "not an e-mail address", rows: [3, 5], count: 2 },
      {
        file: "deals.csv",
        column: "Close Date",
        reason: "not a date",
        hint: "Export dates as M/D/YYYY",
        rows: [2, 3, 6],
        count: 3,
      },
    ];
    const shown = groupsForDisplay(groups);
    expect(shown.map((g) => `${g.file}/${g.column}/${g.rowsText}/${g.moreRows}`)).toEqual([
      "contacts.csv/Email/3, 5/0",
      "deals.csv/Close Date/2–3, 6/0",
      "deals.csv/Amount/4/0",
    ]);
    expect(shown[1]?.hint).toBe("Export dates as M/D/YYYY");
    expect(new Set(shown.map((g) => g.key)).size).toBe(3);
    expect(totalCount(groups)).toBe(6);
  });
});
