import { SLA_AT_RISK_USED } from "@/lib/kpi/definitions";
import { businessMsInSpans, type BusinessSpan } from "@/lib/time/business-spans";

/**
 * Business durations as the SLA page shows them ("1 h 10 min"): whole hours and minutes.
 * Time left is rounded down (never promise more than there is); lateness is rounded up (a
 * response 20 seconds late is "1 min" late, not "0 min"). Pure, client-safe.
 */
export function hoursMinutes(ms: number, rounding: "down" | "up"): { hours: number; minutes: number } {
  const totalMinutes = Math.max(0, rounding === "down" ? Math.floor(ms / 60_000) : Math.ceil(ms / 60_000));
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** Where an unanswered MQL stands at a moment: still in time, at risk, or past its due time. */
export type PendingState = "pending" | "at_risk" | "overdue";

/**
 * A pending MQL's clock at `atMs` (the SLA queue's live countdown; client-safe): the business
 * time left = the business time of `spans` (business-spans.ts: from as_of to the due time)
 * after `atMs`; overdue once `atMs` is past the due time (kpi-definitions.md §4: pending while
 * the due time is at or after as_of — a due time exactly now is still pending); at risk when
 * used ≥ 75 % of N, i.e. (N − left) × 4 ≥ N × 3, the engine's comparison (SLA_AT_RISK_USED).
 */
export function pendingClock(spans: readonly BusinessSpan[], dueMs: number, windowMs: number, atMs: number): { leftMs: number; state: PendingState } {
  const leftMs = businessMsInSpans(spans, atMs, dueMs);
  if (atMs > dueMs) return { leftMs: 0, state: "overdue" };
  const used = windowMs - leftMs;
  const atRisk = used * SLA_AT_RISK_USED.denominator >= windowMs * SLA_AT_RISK_USED.numerator;
  return { leftMs, state: atRisk ? "at_risk" : "pending" };
}
