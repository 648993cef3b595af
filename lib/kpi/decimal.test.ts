import { describe, expect, it } from "vitest";
import { div, fromDecimal, fromInt, mul, toNumber, toRounded } from "./decimal";

describe("exact decimals", () => {
  it("parses numeric text", () => {
    expect(fromDecimal("67000.00")).toEqual({ n: 67000n, d: 1n });
    expect(fromDecimal("-0.125")).toEqual({ n: -1n, d: 8n });
    expect(fromDecimal("1e3")).toEqual({ n: 1000n, d: 1n });
    expect(fromDecimal(".5")).toEqual({ n: 1n, d: 2n });
  });

  it("rounds half away from zero to cents", () => {
    expect(toRounded(fromDecimal("0.005"))).toBe(0.01);
    expect(toRounded(fromDecimal("-0.005"))).toBe(-0.01);
    expect(toRounded(fromDecimal("2.675"))).toBe(2.68); // a float would give 2.67
    expect(toRounded(fromDecimal("1.004999"))).toBe(1);
    expect(toRounded(div(fromInt(200000), fromInt(3)))).toBe(66666.67);
    expect(toRounded(fromDecimal("-0.001"))).toBe(0);
  });

  it("converts ratios to the nearest double", () => {
    expect(toNumber(div(fromInt(2), fromInt(3)))).toBe(2 / 3);
    expect(toNumber(div(fromInt(46000), fromInt(67000)))).toBe(46000 / 67000);
    expect(toNumber(mul(fromInt(3), div(fromInt(1), fromInt(10))))).toBe(0.3);
    expect(toNumber(div(fromDecimal("3206700"), fromInt(86400)))).toBe(37.114583333333336);
  });
});
