import { z } from "zod";
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import { MAX_INT4 } from "@/lib/limits";

/**
 * The rules of the dashboard's per-KPI targets (pure; the target dialog imports this module).
 *
 * - **Units** (validated as typed): a share (ratio KPI) is typed as a percentage 0..100 and
 *   stored as 0..1; money and money per day ≥ 0; counts whole numbers ≥ 0; durations (days) > 0.
 * - **Basis**: KPIs that add up over time (revenue, deals won, MQLs, …: `PER_MONTH_KPIS`) have a
 *   monthly target, scaled on the dashboard to the period's length in months; the others
 *   (shares, stocks at as_of such as the open pipeline, averages, durations) have one target
 *   whatever the period.
 * - **Direction**: `at_least` or `at_most` (the KPI's own "higher is better" by default).
 * - **On track** (targetStatus): a level KPI is on track when its value meets the target. A
 *   monthly KPI is judged against the target pro-rated to the part of the period elapsed at
 *   as_of (a quarter half gone needs half the quarter's target), and its progress bar shows the
 *   value against the whole period's target.
 * - **Defaults** (when nothing is stored, DEFAULT_TARGETS): MQLs from the organisation's monthly
 *   MQL target (settings); win rate ≥ 25 %, closing efficiency ≥ 25 %, marketing-sourced share
 *   ≥ 40 %, SLA compliance ≥ 90 %; revenue ≥ the same period a year earlier + 10 % (when that
 *   year had revenue). Every other KPI has no target until leadership sets one.
 */

export const TARGET_DIRECTIONS = ["at_least", "at_most"] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/** KPIs whose value over a period is the sum of its months: their targets are per month. */
export const PER_MONTH_KPIS: ReadonlySet<KpiKey> = new Set<KpiKey>([
  "revenue",
  "revenue_prev_year",
  "won_deals",
  "lost_deals",
  "mqls",
  "sqls",
  "marketing_sourced_revenue",
  "marketing_influenced_revenue",
  "content_influenced_revenue",
]);

export type TargetBasis = "per_month" | "level";
export function targetBasis(key: KpiKey): TargetBasis {
  return PER_MONTH_KPIS.has(key) ? "per_month" : "level";
}

export function defaultDirection(key: KpiKey): TargetDirection {
  return KPI_DEFINITIONS[key].higherIsBetter ? "at_least" : "at_most";
}

/** Level defaults (shares as 0..1), see the module comment. */
export const DEFAULT_LEVEL_TARGETS: Partial<Record<KpiKey, number>> = {
  win_rate: 0.25,
  closing_efficiency: 0.25,
  marketing_sourced_share: 0.4,
  sla_compliance: 0.9,
};
/** The default revenue target: the same period a year earlier, plus this share. */
export const DEFAULT_REVENUE_GROWTH = 0.1;

/** A stored (or default) target. */
export interface KpiTargetSetting {
  kpiKey: KpiKey;
  /** In the KPI's stored unit (shares 0..1); per month for PER_MONTH_KPIS. */
  target: number;
  direction: TargetDirection;
  /** Where it comes from: leadership's stored target, or a default. */
  source: "stored" | "default";
  /** Stored rows' version (0 for defaults). */
  version: number;
}

export type TargetProblem = "invalid_number" | "percent_range" | "negative" | "whole_number" | "positive_days" | "too_large";

/** Largest target accepted (money or counts): beyond any real figure, within numeric's comfort. */
export const MAX_TARGET = 1e15;

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * A target as typed (a percentage for shares) → its stored value, or the problem. Accepts a
 * plain decimal ("12", "12.5", "-3" refused with its range), trimmed, at most 30 characters.
 */
export function parseTargetInput(key: KpiKey, typed: string): { ok: true; stored: number } | { ok: false; problem: TargetProblem } {
  const text = typed.trim();
  const unit = KPI_DEFINITIONS[key].unit;
  if (text.length === 0 || text.length > 30) return { ok: false, problem: "invalid_number" };
  if (/^-\d+(\.\d+)?$/.test(text)) {
    if (unit === "ratio") return { ok: false, problem: "percent_range" };
    if (unit === "days") return { ok: false, problem: "positive_days" };
    return { ok: false, problem: "negative" };
  }
  if (!NUMBER.test(text)) return { ok: false, problem: "invalid_number" };
  const n = Number(text);
  switch (unit) {
    case "ratio":
      if (n > 100) return { ok: false, problem: "percent_range" };
      return { ok: true, stored: Number((n / 100).toPrecision(12)) };
    case "days":
      if (n <= 0) return { ok: false, problem: "positive_days" };
      if (n > MAX_INT4) return { ok: false, problem: "too_large" };
      return { ok: true, stored: n };
    case "count":
      if (!Number.isInteger(n)) return { ok: false, problem: "whole_number" };
      if (n > MAX_TARGET) return { ok: false, problem: "too_large" };
      return { ok: true, stored: n };
    default:
      if (n > MAX_TARGET) return { ok: false, problem: "too_large" };
      return { ok: true, stored: n };
  }
}

/** How the dialog shows a stored target: a share as its percentage. */
export function targetForInput(key: KpiKey, stored: number): string {
  if (KPI_DEFINITIONS[key].unit === "ratio") return String(Number((stored * 100).toPrecision(12)));
  return String(stored);
}

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The dialog's "save" input: the target as typed, validated per the KPI's unit. */
export const setTargetSchema = z
  .object({
    kpiKey: z.enum(KPI_KEYS, { message: "invalid_choice" }),
    target: z.string({ message: "required" }).max(30, { message: "invalid_number" }),
    direction: z.preprocess(blankToUndefined, z.enum(TARGET_DIRECTIONS, { message: "invalid_choice" }).optional()),
    /** The version the user edited (0 when there was no stored target). */
    version: z.coerce.number({ message: "invalid_number" }).int().min(0).max(MAX_INT4),
  })
  .transform((v, ctx) => {
    const parsed = parseTargetInput(v.kpiKey, v.target);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["target"], message: parsed.problem });
      return z.NEVER;
    }
    return { kpiKey: v.kpiKey, target: parsed.stored, direction: v.direction ?? defaultDirection(v.kpiKey), version: v.version };
  });
export type SetTargetInput = z.input<typeof setTargetSchema>;

/** The dialog's "remove the target" input. */
export const clearTargetSchema = z.object({
  kpiKey: z.enum(KPI_KEYS, { message: "invalid_choice" }),
  version: z.coerce.number({ message: "invalid_number" }).int().min(1).max(MAX_INT4),
});

/**
 * The targets in force: the stored ones, and the defaults for KPIs without one (see the module
 * comment). `prevYearRevenue` is the period's `revenue_prev_year` (per period, not per month).
 */
export function targetsInForce(
  stored: readonly KpiTargetSetting[],
  opts: { mqlMonthlyTarget: number; prevYearRevenue: number | null; periodMonths: number },
): Partial<Record<KpiKey, KpiTargetSetting>> {
  const out: Partial<Record<KpiKey, KpiTargetSetting>> = {};
  const dflt = (kpiKey: KpiKey, target: number) => {
    out[kpiKey] = { kpiKey, target, direction: defaultDirection(kpiKey), source: "default", version: 0 };
  };
  for (const [key, target] of Object.entries(DEFAULT_LEVEL_TARGETS) as [KpiKey, number][]) dflt(key, target);
  if (opts.mqlMonthlyTarget > 0) dflt("mqls", opts.mqlMonthlyTarget);
  if (opts.prevYearRevenue !== null && opts.prevYearRevenue > 0 && opts.periodMonths > 0) {
    // Whole currency units: it is shown in the target dialog as typed.
    dflt("revenue", Math.round((opts.prevYearRevenue * (1 + DEFAULT_REVENUE_GROWTH)) / opts.periodMonths));
  }
  for (const s of stored) out[s.kpiKey] = s;
  return out;
}

export interface TargetStatus {
  /** The target for the whole period (monthly targets × the period's months). */
  periodTarget: number;
  /** What the value is judged against (pro-rated for monthly targets). */
  paceTarget: number;
  /** value / periodTarget (unclamped); null when the period target is 0. */
  progress: number | null;
  onTrack: boolean;
}

/**
 * Whether `value` is on track for `setting` over a period of `periodMonths` of which
 * `elapsedMonths` had passed at as_of (see the module comment). Null when there is no value.
 */
export function targetStatus(
  value: number | null,
  setting: Pick<KpiTargetSetting, "kpiKey" | "target" | "direction">,
  periodMonths: number,
  elapsedMonths: number,
): TargetStatus | null {
  if (value === null || !Number.isFinite(value)) return null;
  const monthly = targetBasis(setting.kpiKey) === "per_month";
  const periodTarget = monthly ? setting.target * periodMonths : setting.target;
  const elapsed = Math.min(Math.max(elapsedMonths, 0), periodMonths);
  const paceTarget = monthly ? setting.target * elapsed : setting.target;
  const onTrack = setting.direction === "at_least" ? value >= paceTarget - 1e-9 : value <= paceTarget + 1e-9;
  return { periodTarget, paceTarget, progress: periodTarget === 0 ? null : value / periodTarget, onTrack };
}
