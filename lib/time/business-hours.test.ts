import { describe, expect, it } from "vitest";
import {
  checkBusinessHours,
  checkHolidays,
  formatBusinessHours,
  parseBusinessHours,
  splitHolidays,
  type BusinessWindow,
} from "./business-hours";

/** A schedule whose days share one window, as the settings parser used to return it. */
function single(text: string): { days: number[]; startMinutes: number; endMinutes: number } {
  const week = parseBusinessHours(text);
  if (!week) throw new Error(`expected ${JSON.stringify(text)} to parse`);
  const [first] = week;
  if (!first || week.some((w) => w.startMinute !== first.startMinute || w.endMinute !== first.endMinute)) {
    throw new Error(`expected one window for ${JSON.stringify(text)}`);
  }
  return { days: week.map((w) => w.isoDow), startMinutes: first.startMinute, endMinutes: first.endMinute };
}

function canonical(text: string): string {
  const r = checkBusinessHours(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to be valid: ${r.message}`);
  return r.canonical;
}

function message(text: string): string {
  const r = checkBusinessHours(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return r.message;
}

describe("business hours grammar", () => {
  it("parses ranges, lists, mixes and wrap-around ranges", () => {
    expect(single("mon-fri 09:00-17:00")).toEqual({ days: [1, 2, 3, 4, 5], startMinutes: 540, endMinutes: 1020 });
    expect(single(" MON,Tue,thu   8:30-12:00 ")).toEqual({ days: [1, 2, 4], startMinutes: 510, endMinutes: 720 });
    expect(single("mon-wed,fri 09:00-24:00").days).toEqual([1, 2, 3, 5]);
    expect(single("sun-thu 08:00-16:00").days).toEqual([1, 2, 3, 4, 7]);
    expect(single("sat 10:00-14:00").days).toEqual([6]);
  });

  it("parses the default and richer schedules (groups separated by ;)", () => {
    expect(parseBusinessHours("mon-fri 09:00-17:00")).toEqual(
      [1, 2, 3, 4, 5].map((d) => ({ isoDow: d, startMinute: 540, endMinute: 1020 })),
    );
    expect(parseBusinessHours("Mon-Thu 08:00-18:00; fri 08:00-14:00")?.map((w) => [w.isoDow, w.endMinute])).toEqual([
      [1, 1080],
      [2, 1080],
      [3, 1080],
      [4, 1080],
      [5, 840],
    ]);
    expect(parseBusinessHours("sat-sun 00:00-24:00")?.map((w) => [w.isoDow, w.startMinute, w.endMinute])).toEqual([
      [6, 0, 1440],
      [7, 0, 1440],
    ]);
    expect(parseBusinessHours("mon,wed,fri 9:30-12:00")?.map((w) => w.isoDow)).toEqual([1, 3, 5]);
  });

  it("takes the last group's window for a day named twice, and ignores empty groups", () => {
    expect(canonical("mon-fri 09:00-17:00; fri 09:00-13:00")).toBe("mon-thu 09:00-17:00; fri 09:00-13:00");
    expect(canonical("mon-fri 09:00-17:00;")).toBe("mon-fri 09:00-17:00");
    expect(canonical(" ; mon-fri 09:00-17:00 ;; ")).toBe("mon-fri 09:00-17:00");
  });

  it("accepts spaces around , - and ; and full or longer day names", () => {
    expect(canonical("mon - fri 09:00 - 17:00")).toBe("mon-fri 09:00-17:00");
    expect(canonical("mon , wed 09:00-17:00")).toBe("mon,wed 09:00-17:00");
    expect(canonical("Monday-Friday 09:00-17:00")).toBe("mon-fri 09:00-17:00");
    expect(canonical("tues,thurs 09:00-17:00")).toBe("tue,thu 09:00-17:00");
    expect(canonical("mon-thu 08:00-18:00;fri 08:00-14:00")).toBe("mon-thu 08:00-18:00; fri 08:00-14:00");
  });

  it("formats canonically, and the canonical text parses to the same schedule", () => {
    expect(canonical("fri,thu,wed,tue,mon 9:00-17:00")).toBe("mon-fri 09:00-17:00");
    expect(canonical("mon,tue,thu 09:00-17:00")).toBe("mon,tue,thu 09:00-17:00");
    expect(canonical("sun-thu 08:00-16:00")).toBe("mon-thu,sun 08:00-16:00");
    expect(canonical("fri 08:00-14:00; mon-thu 08:00-18:00")).toBe("mon-thu 08:00-18:00; fri 08:00-14:00");
    expect(canonical("sat 10:00-12:00; mon,wed 08:00-18:00; tue 08:00-18:00")).toBe("mon-wed 08:00-18:00; sat 10:00-12:00");
    for (const text of ["mon-thu 08:00-18:00; fri 08:00-14:00; sat 10:00-12:00", "sat-mon 00:00-24:00", "wed 9:05-9:06"]) {
      const week = parseBusinessHours(text) as BusinessWindow[];
      expect(parseBusinessHours(formatBusinessHours(week))).toEqual(week);
    }
  });

  it.each([
    ["", /must look like/],
    ["  ;  ", /must look like/],
    ["mon-fri", /must look like/],
    ["weekdays", /must look like/],
    ["09:00-17:00", /must look like/],
    ["mon-fri09:00-17:00", /must look like/],
    ["mon-fry 09:00-17:00", /unknown day "fry"/],
    ["weekdays 09:00-17:00", /unknown day "weekdays"/],
    ["mo-fr 09:00-17:00", /unknown day "mo"/],
    ["monkey 09:00-17:00", /unknown day "monkey"/],
    ["mon wed 09:00-17:00", /"mon wed" is not one day: separate days with ","/],
    ["mon-fri 9-17", /"9" is not a time HH:MM/],
    ["mon-fri 09:00", /"09:00" is not a time range HH:MM-HH:MM/],
    ["mon-fri 09:00-17:00 extra", /"17:00 extra" is not a time HH:MM/],
    ["mon-fri 09:00-25:00", /"25:00" is not a time between 00:00 and 23:59 \(or 24:00\)/],
    ["mon-fri 09:60-17:00", /between 00:00 and 23:59/],
    ["mon-fri 24:00-24:00", /"24:00" is not a time between 00:00 and 23:59$/],
    ["mon-fri 17:00-09:00", /end time must be after/],
    ["mon-fri 09:00-09:00", /end time must be after/],
    ["mon,,fri 09:00-17:00", /"mon,,fri" has an empty day/],
    ["mon-tue-wed 09:00-17:00", /"mon-tue-wed" is not a day or a day range/],
    ["mon- 09:00-17:00", /"mon-" is not a day or a day range/],
    ["mon-thu 08:00-18:00; fry 08:00-14:00", /^unknown day "fry" .*\(in "fry 08:00-14:00"\)$/],
  ])("rejects %j, saying what is wrong", (text, expected) => {
    expect(message(text)).toMatch(expected);
    expect(parseBusinessHours(text)).toBeNull();
  });
});

describe("holidays", () => {
  it("splits a comma-separated list, trimming and dropping empty items", () => {
    expect(splitHolidays("2025-12-26, 2025-12-25,,2025-12-25 ,")).toEqual(["2025-12-26", "2025-12-25", "2025-12-25"]);
    expect(splitHolidays("")).toEqual([]);
  });

  it("keeps real dates, sorted and without repeats", () => {
    expect(checkHolidays(["2025-12-26", "2025-12-25", "2025-12-25", "2024-02-29"])).toEqual({
      ok: true,
      dates: ["2024-02-29", "2025-12-25", "2025-12-26"],
    });
    expect(checkHolidays([])).toEqual({ ok: true, dates: [] });
  });

  it.each(["2025-02-30", "25/12/2025", "2025-12-25T00:00:00Z", "0000-01-01", "2025-1-5"])("rejects %j", (bad) => {
    expect(checkHolidays(["2025-12-25", bad])).toEqual({ ok: false, message: `"${bad}" is not a date YYYY-MM-DD` });
  });
});
