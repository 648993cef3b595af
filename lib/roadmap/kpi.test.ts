import { describe, expect, it } from "vitest";
import { KPI_KEYS as ENGINE_KEYS } from "@/lib/kpi/definitions";
import { KPI_KEYS, isKpiKey, kpiUnit } from "./kpi";

describe("roadmap KPI keys", () => {
  it("are exactly the KPI engine's keys (kpi-definitions.md §2)", () => {
    expect([...KPI_KEYS]).toEqual([...ENGINE_KEYS]);
  });
  it("know each KPI's unit", () => {
    expect(kpiUnit("win_rate")).toBe("ratio");
    expect(kpiUnit("revenue")).toBe("money");
    expect(kpiUnit("sales_cycle_days_mean")).toBe("days");
    expect(kpiUnit("mqls")).toBe("count");
    expect(isKpiKey("mqls")).toBe(true);
    expect(isKpiKey("vibes")).toBe(false);
  });
});
