import { describe, expect, it } from "vitest";
import { isKpiKey, kpiUnit } from "./kpi";

describe("roadmap KPI keys", () => {
  it("know each KPI's unit", () => {
    expect(kpiUnit("win_rate")).toBe("ratio");
    expect(kpiUnit("revenue")).toBe("money");
    expect(kpiUnit("pipeline_velocity_per_day")).toBe("money");
    expect(kpiUnit("sales_cycle_days_mean")).toBe("days");
    expect(kpiUnit("mqls")).toBe("count");
    expect(isKpiKey("mqls")).toBe(true);
    expect(isKpiKey("vibes")).toBe(false);
  });
});
