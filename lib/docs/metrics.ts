import { KPI_DEFINITIONS, KPI_KEYS, type KpiUnit } from "@/lib/kpi/definitions";
import { kpiName, kpiNullReason } from "./kpi-names";
import { code, table } from "./markdown";
import type { RegionRenderers } from "./regions";

/**
 * The generated parts of docs/metrics.md, rendered from KPI_DEFINITIONS (lib/kpi/definitions.ts,
 * the same text the dashboard's tooltips show) and the KPI names of the message catalogues.
 * The page's prose is hand-written around them; `npm run docs:generate` refreshes the regions
 * and lib/docs/docs.test.ts fails while the committed page differs.
 */

/** How each unit is written in the API's JSON and shown on the dashboard. */
export const UNIT_DESCRIPTIONS: Readonly<Record<KpiUnit, { json: string; meaning: string }>> = {
  money: {
    json: "number",
    meaning: "An amount in the organisation's reporting currency, rounded to cents (half away from zero) only when output.",
  },
  count: { json: "integer", meaning: "A number of records." },
  ratio: { json: "number", meaning: "A fraction: 0.25 means 25 %. Never a percentage, never rounded." },
  days: { json: "number", meaning: "An exact duration in days (seconds ÷ 86,400), not a difference of calendar dates." },
  money_per_day: { json: "number", meaning: "An amount of money per day, rounded to cents." },
};

const direction = (higherIsBetter: boolean) => (higherIsBetter ? "higher" : "lower");

/** The one-line-per-KPI overview table, in the API's key order, each key linking to its section. */
export function renderKpiSummary(): string {
  return table(
    ["key", "name", "unit", "better when"],
    KPI_KEYS.map((key) => {
      const def = KPI_DEFINITIONS[key];
      return [`[${code(key)}](#${key})`, kpiName(key), code(def.unit), direction(def.higherIsBetter)];
    }),
  );
}

/** The units table. */
export function renderKpiUnits(): string {
  const units = Object.keys(UNIT_DESCRIPTIONS) as KpiUnit[];
  return table(
    ["unit", "JSON type", "meaning"],
    units.map((unit) => [code(unit), UNIT_DESCRIPTIONS[unit].json, UNIT_DESCRIPTIONS[unit].meaning]),
  );
}

/** One section per KPI: name, unit, direction, the definition (English and Spanish), when it is null. */
export function renderKpiDefinitions(): string {
  return KPI_KEYS.map((key) => {
    const def = KPI_DEFINITIONS[key];
    const lines = [
      `### ${key}`,
      "",
      `**${kpiName(key)}** · unit ${code(def.unit)} · ${direction(def.higherIsBetter)} is better`,
      "",
      def.en,
      "",
      `- Español — **${kpiName(key, "es")}**: ${def.es}`,
    ];
    const empty = kpiNullReason(key);
    lines.push(empty ? `- Empty (\`null\`) when: ${empty}` : "- Always has a value (never `null`).");
    return lines.join("\n");
  }).join("\n\n");
}

/** The renderers of docs/metrics.md, by region name. */
export const METRICS_REGIONS: RegionRenderers = {
  "kpi-summary": renderKpiSummary,
  "kpi-units": renderKpiUnits,
  "kpi-definitions": renderKpiDefinitions,
};
