import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { percentToRatio, ratioToPercent, targetForInput } from "./kpi-target";
import { addCommentSchema, createCardSchema, dueDateProblem, maxDueDate, moveCardSchema, tooLong, updateCardSchema } from "./schemas";
import en from "@/messages/en/roadmap.json";
import es from "@/messages/es/roadmap.json";
import { MAX_INT4 } from "@/lib/limits";
import { LIMITS } from "./constants";


const TODAY = new Date("2026-11-29T12:00:00Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY);
});
afterEach(() => {
  vi.useRealTimers();
});

const card = (over: Record<string, unknown> = {}) => ({ columnId: "1", title: "A card", team: "joint", ...over });
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);

describe("KPI targets by unit", () => {
  it("takes a share as a percentage 0..100 from forms and stores it as 0..1", () => {
    const ok = createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "12.5", kpiTargetScale: "percent" }));
    expect(ok.success && ok.data.kpiTarget).toBe("0.125");
    expect(ok.success && "kpiTargetScale" in ok.data).toBe(false);
    expect(createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "100", kpiTargetScale: "percent" })).success).toBe(true);
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "-5", kpiTargetScale: "percent" })))).toEqual([
      "kpiTarget:kpi_target_percent_range",
    ]);
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "150", kpiTargetScale: "percent" })))).toEqual([
      "kpiTarget:kpi_target_percent_range",
    ]);
  });

  it("takes a share as stored (0..1) without the percent scale", () => {
    const ok = createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "0.3" }));
    expect(ok.success && ok.data.kpiTarget).toBe("0.3");
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "-5" })))).toEqual(["kpiTarget:kpi_target_ratio_range"]);
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "win_rate", kpiTarget: "30" })))).toEqual(["kpiTarget:kpi_target_ratio_range"]);
  });

  it("keeps counts and money at 0 or more and days above 0; the percent scale leaves them alone", () => {
    expect(createCardSchema.safeParse(card({ kpiKey: "mqls", kpiTarget: "0", kpiTargetScale: "percent" })).success).toBe(true);
    const mqls = createCardSchema.safeParse(card({ kpiKey: "mqls", kpiTarget: "120", kpiTargetScale: "percent" }));
    expect(mqls.success && mqls.data.kpiTarget).toBe("120");
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "mqls", kpiTarget: "-1" })))).toEqual(["kpiTarget:kpi_target_negative"]);
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "revenue", kpiTarget: "-100" })))).toEqual(["kpiTarget:kpi_target_negative"]);
    expect(issues(createCardSchema.safeParse(card({ kpiKey: "sales_cycle_days_median", kpiTarget: "0" })))).toEqual([
      "kpiTarget:kpi_target_days_positive",
    ]);
    expect(createCardSchema.safeParse(card({ kpiKey: "sales_cycle_days_median", kpiTarget: "30" })).success).toBe(true);
  });

  it("converts between percent and share text exactly", () => {
    expect(percentToRatio("40")).toBe("0.4");
    expect(percentToRatio("1.1")).toBe("0.011");
    expect(percentToRatio("0")).toBe("0");
    expect(percentToRatio("100")).toBe("1");
    expect(ratioToPercent("0.125")).toBe("12.5");
    expect(ratioToPercent("0.40")).toBe("40");
    expect(ratioToPercent("1")).toBe("100");
    expect(targetForInput("win_rate", "0.25")).toBe("25");
    expect(targetForInput("mqls", "100")).toBe("100");
    expect(targetForInput(null, null)).toBe("");
  });
});

describe("due dates", () => {
  it("refuses dates before 2000-01-01 and more than ten years ahead", () => {
    expect(issues(createCardSchema.safeParse(card({ dueOn: "1999-12-31" })))).toContain("dueOn:due_too_early");
    expect(maxDueDate("2026-11-29")).toBe("2036-11-29");
    expect(maxDueDate("2028-02-29")).toBe("2038-02-28");
    expect(createCardSchema.safeParse(card({ dueOn: "2036-11-29" })).success).toBe(true);
    expect(issues(createCardSchema.safeParse(card({ dueOn: "2036-11-30" })))).toEqual(["dueOn:due_too_late"]);
    expect(issues(updateCardSchema.safeParse({ id: 1, version: 1, title: "x", team: "joint", dueOn: "1999-01-01" }))).toEqual([
      "dueOn:due_too_early",
    ]);
  });

  it("refuses a past date on a new card; on an edit only the service knows the card's old date", () => {
    expect(issues(createCardSchema.safeParse(card({ dueOn: "2026-11-28" })))).toEqual(["dueOn:due_in_past"]);
    expect(createCardSchema.safeParse(card({ dueOn: "2026-11-29" })).success).toBe(true);
    expect(updateCardSchema.safeParse({ id: 1, version: 1, title: "x", team: "joint", dueOn: "2026-01-15" }).success).toBe(true);
    expect(dueDateProblem("2026-01-15", { previous: "2026-01-15" })).toBeNull();
    expect(dueDateProblem("2026-01-15", { previous: "2026-02-01" })).toBe("due_in_past");
    expect(dueDateProblem("2026-01-15", { previous: null })).toBe("due_in_past");
  });
});

describe("comments", () => {
  it("refuses more than 2,000 characters instead of cutting them", () => {
    expect(addCommentSchema.safeParse({ itemId: 1, body: "x".repeat(2000) }).success).toBe(true);
    expect(issues(addCommentSchema.safeParse({ itemId: 1, body: "x".repeat(30_000) }))).toEqual(["body:comment_too_long"]);
  });
});

describe("roadmap input limits (issue 8 item 7)", () => {
  it("a text over its limit gets a message that states the limit, in every language", () => {
    const r = createCardSchema.safeParse({ columnId: 1, title: "x".repeat(LIMITS.title + 1), team: "marketing" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(tooLong(LIMITS.title));
    for (const limit of [LIMITS.title, LIMITS.description, LIMITS.columnName]) {
      const key = tooLong(limit) as keyof typeof en.validation;
      expect(en.validation[key], key).toMatch(new RegExp(limit.toLocaleString("en-US")));
      expect(es.validation[key as keyof typeof es.validation], key).toBeTruthy();
    }
  });

  it("ids beyond the int4 range are refused as input, before they reach PostgreSQL", () => {
    expect(moveCardSchema.safeParse({ id: MAX_INT4 + 1, version: 1, toColumnId: 1, toIndex: 0 }).success).toBe(false);
    expect(moveCardSchema.safeParse({ id: 1, version: "99999999999", toColumnId: 1, toIndex: 0 }).success).toBe(false);
    expect(moveCardSchema.safeParse({ id: MAX_INT4, version: 1, toColumnId: 1, toIndex: 0 }).success).toBe(true);
  });
});
