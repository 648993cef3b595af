"use client";

import { useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { hoursMinutes, pendingClock, type PendingState } from "@/lib/sla/duration";
import type { BusinessSpan } from "@/lib/time/business-spans";
import styles from "./sla.module.css";

/**
 * The pending queue's live countdown (issue 10): every row's business time left, recomputed
 * every TICK_MS from its due time and the business spans the server cut out of the calendar
 * (lib/sla pendingClock: no calendar, zone data or second business-hours rule in the browser).
 * A row turns "at risk" and then "overdue" on screen as time passes. The cells are not live
 * regions (a countdown per row would be an announcement storm); one polite status line says
 * how many rows are at risk or overdue, and changes only when those counts change.
 */

const TICK_MS = 30_000;

const listeners = new Set<() => void>();
let tickAt = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** One timer for every countdown on the page. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    timer = setInterval(() => {
      tickAt = performance.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The moment the countdown stands at: `startMs` (the page's "now", or its pinned as_of) plus the
 * time since this component mounted, when `live`; the same on the server and the first render.
 */
function useClock(startMs: number, live: boolean): number {
  // When this component first rendered here (on the server the tick is 0, so it shows startMs).
  const [origin] = useState(() => performance.now());
  const tick = useSyncExternalStore(
    live ? subscribe : noSubscribe,
    () => tickAt,
    () => 0,
  );
  return live ? startMs + Math.max(0, tick - origin) : startMs;
}

const noSubscribe = () => () => undefined;

export interface CountdownRow {
  leadId: string;
  dueMs: number;
  spans: BusinessSpan[];
  windowMs: number;
}

interface ClockProps {
  /** The page's "now" (ms) when `live`, else its pinned as_of. */
  startMs: number;
  /** as_of is now: the countdown runs. A pinned as_of shows the queue as it stood then. */
  live: boolean;
}

/** One row's "At risk · 1 h 10 min left" / "Overdue" cell. */
export function Countdown({ row, startMs, live }: ClockProps & { row: CountdownRow }) {
  const t = useTranslations("sla");
  const at = useClock(startMs, live);
  const { leftMs, state } = pendingClock(row.spans, row.dueMs, row.windowMs, at);
  return (
    <span className={styles.countdown} data-state={state} data-testid="countdown">
      {state === "pending" ? null : (
        <>
          <StateBadge state={state} />{" "}
        </>
      )}
      {state === "overdue" ? null : t("left", { time: t("duration", hoursMinutes(leftMs, "down")).trim() })}
    </span>
  );
}

function StateBadge({ state }: { state: PendingState }) {
  const t = useTranslations("sla.queue");
  if (state === "pending") return null;
  return <span className={`badge ${state === "overdue" ? styles.overdueBadge : styles.riskBadge}`}>{t(state === "overdue" ? "overdue" : "atRisk")}</span>;
}

/** The queue's one status line: how many of the listed rows are at risk or overdue now. */
export function QueueStatus({ rows, startMs, live }: ClockProps & { rows: CountdownRow[] }) {
  const t = useTranslations("sla.queue");
  const at = useClock(startMs, live);
  let atRisk = 0;
  let overdue = 0;
  for (const r of rows) {
    const { state } = pendingClock(r.spans, r.dueMs, r.windowMs, at);
    if (state === "at_risk") atRisk++;
    else if (state === "overdue") overdue++;
  }
  return (
    <p className={styles.queueStatus} role="status" data-testid="queue-status">
      {t("status", { atRisk, overdue, shown: rows.length })}
      {live ? ` ${t("live")}` : null}
    </p>
  );
}
