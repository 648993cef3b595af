import { describe, expect, it } from "vitest";
import { parseExportBoolean, parseExportNumber } from "./values";

describe("export numbers and booleans", () => {
  it("reads thousands separators, currency symbols and codes, percentages and signs", () => {
    expect(parseExportNumber("85,000.00", "mdy")).toBe("85000.00");
    expect(parseExportNumber("$1,200", "mdy")).toBe("1200");
    expect(parseExportNumber("USD 85,000.00", "mdy")).toBe("85000.00");
    expect(parseExportNumber("€ 1.234,56", "dmy")).toBe("1234.56");
    expect(parseExportNumber("1.234,56 €", "mdy")).toBe("1234.56");
    expect(parseExportNumber("1 234 567", "dmy")).toBe("1234567");
    expect(parseExportNumber("1,234,567", "mdy")).toBe("1234567");
    expect(parseExportNumber("1,5", "dmy")).toBe("1.5");
    expect(parseExportNumber("1.200", "dmy")).toBe("1200");
    expect(parseExportNumber("1.200", "mdy")).toBe("1.200");
    expect(parseExportNumber("85%", "mdy")).toBe("85");
    expect(parseExportNumber("(1,200.50)", "mdy")).toBe("-1200.50");
    expect(parseExportNumber("-12.5", "mdy")).toBe("-12.5");
    expect(parseExportNumber("12000", "dmy")).toBe("12000");
    expect(parseExportNumber("twelve", "mdy")).toBeNull();
    expect(parseExportNumber("", "mdy")).toBeNull();
  });
  it("reads booleans", () => {
    for (const t of ["true", "TRUE", "1", "yes", "Yes"]) expect(parseExportBoolean(t)).toBe(true);
    for (const f of ["false", "0", "no", "No"]) expect(parseExportBoolean(f)).toBe(false);
    expect(parseExportBoolean("")).toBeNull();
    expect(parseExportBoolean("maybe")).toBeNull();
  });
});
