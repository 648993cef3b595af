import { describe, expect, it } from "vitest";
import { csvField, exportTable, safeFileName, toCsv } from "./csv";

describe("CSV serialisation", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(true)).toBe("true");
    expect(csvField(12000.5)).toBe("12000.5");
    expect(csvField("")).toBe("");
  });

  it("defuses formulas in text cells but keeps numbers as they are", () => {
    expect(csvField("=HYPERLINK(1)", { text: true })).toBe("'=HYPERLINK(1)");
    expect(csvField("@cmd", { text: true })).toBe("'@cmd");
    expect(csvField("-5", { text: false })).toBe("-5");
    expect(csvField(-5, { text: true })).toBe("-5");
  });

  it("writes a header and one CRLF-terminated record per row", () => {
    const doc = toCsv(["id", "name", "amount"], [["D1", "Contoso, Inc.", "40000"], ["D2", 'The "Big" one', null]], [true, true, false]);
    expect(doc).toBe('id,name,amount\r\nD1,"Contoso, Inc.",40000\r\nD2,"The ""Big"" one",\r\n');
    expect(doc.split("\r\n").filter((l) => l !== "")).toHaveLength(3);
  });

  it("makes safe file names", () => {
    expect(safeFileName("alignboard-revenue-2025-01-01_2025-03-31.csv")).toBe("alignboard-revenue-2025-01-01_2025-03-31.csv");
    expect(safeFileName('a"b/c\\d.csv')).toBe("a_b_c_d.csv");
  });
  it("adds a label column after each code column and rounds durations as the dashboard shows them", () => {
    const t = exportTable(
      [
        { id: "deal_id", kind: "id" },
        { id: "source_channel", kind: "enum" },
        { id: "amount", kind: "money" },
        { id: "cycle_days", kind: "days" },
      ],
      [{ deal_id: "D1", source_channel: "paid_search", amount: "40000.10", cycle_days: "147.0325231481481481" }],
      { header: (id) => id, labelHeader: (h) => `${h} (label)`, label: (v) => (v === "paid_search" ? "Paid search" : v) },
    );
    expect(t.header).toEqual(["deal_id", "source_channel", "source_channel (label)", "amount", "cycle_days"]);
    expect(t.rows).toEqual([["D1", "paid_search", "Paid search", "40000.10", "147.0"]]);
    expect(t.textColumns).toEqual([true, true, true, false, false]);
  });
});
