"use client";

import { useFormatter, useTranslations } from "next-intl";
import { DEFAULT_COLUMNS } from "@/lib/roadmap/constants";
import { formatUnit, unitWords } from "@/lib/format";
import { KPI_DEFINITIONS } from "@/lib/kpi/definitions";
import { kpiUnit, type KpiKey } from "@/lib/roadmap/kpi";
import type { BoardCard, BoardColumn } from "@/lib/roadmap/queries";
import styles from "./board.module.css";

/** Small shared pieces of the roadmap UI (client side). */

type T = ReturnType<typeof useTranslations<"roadmap">>;

/** A default column keeps its translated name until an admin renames it. */
export function columnLabel(t: T, column: Pick<BoardColumn, "key" | "name">): string {
  const standard = DEFAULT_COLUMNS.find((c) => c.key === column.key);
  return standard && standard.name === column.name ? t(`columns.${column.key}`) : column.name;
}

export function HealthBadge({ health }: { health: BoardCard["health"] }) {
  const t = useTranslations("roadmap");
  const cls = health === "on_track" ? "badge badge-good" : health === "off_track" ? "badge badge-bad" : `badge ${styles.badgeWarn}`;
  return <span className={cls}>{t(`health.${health}`)}</span>;
}

export function TeamBadge({ team }: { team: BoardCard["team"] }) {
  const t = useTranslations("roadmap");
  return <span className={`badge ${styles[`team_${team}`] ?? ""}`}>{t(`team.${team}`)}</span>;
}

/** Formats a KPI target or value by its unit (lib/format's target style: shares as percentages, money in whole units of the organisation's currency, "3 days"). */
export function useKpiFormat(currency: string) {
  const words = unitWords(useTranslations("common.format"));
  const format = useFormatter();
  return (key: KpiKey, raw: string | number | null): string | null => {
    if (raw === null) return null;
    const n = typeof raw === "number" ? raw : Number(raw);
    if (!Number.isFinite(n)) return null;
    return formatUnit(format, kpiUnit(key), n, { currency, style: "target", words });
  };
}

/** The KPI line of a card: its name and target, and — once the KPI engine is wired — now vs start. */
export function KpiLine({
  card,
  currency,
  current,
  detailed = false,
}: {
  card: Pick<BoardCard, "kpiKey" | "kpiTarget" | "kpiBaseline">;
  currency: string;
  current: number | null | undefined;
  detailed?: boolean;
}) {
  const t = useTranslations("roadmap");
  const kpiText = useTranslations("kpi");
  const fmt = useKpiFormat(currency);
  if (!card.kpiKey) return null;
  const target = fmt(card.kpiKey, card.kpiTarget);
  const now = current === undefined ? null : fmt(card.kpiKey, current);
  const baseline = fmt(card.kpiKey, card.kpiBaseline);
  const baselineNumber = card.kpiBaseline === null ? null : Number(card.kpiBaseline);
  const direction =
    current == null || baselineNumber === null ? null : current > baselineNumber ? "up" : current < baselineNumber ? "down" : "flat";
  return (
    <span className={styles.kpi}>
      <span className={styles.kpiName}>{kpiText(`${card.kpiKey}.name`)}</span>
      {target ? <span>{t("card.target", { value: target })}</span> : null}
      {now ? <span>{t("card.current", { value: now })}</span> : null}
      {baseline ? <span>{t("card.baseline", { value: baseline })}</span> : null}
      {direction ? <span>{t(`card.moved.${direction}`)}</span> : null}
      {detailed && current === undefined ? <span className="muted">{t("card.noCurrentValue")}</span> : null}
      {now && target && current != null ? (
        <TargetProgress kpi={card.kpiKey} current={current} target={Number(card.kpiTarget)} currentText={now} targetText={target} />
      ) : null}
    </span>
  );
}

/**
 * How far a KPI is towards its target, for a progress bar: the share of the way (0..1) and
 * whether the target is reached. For a KPI where lower is better (days, rejection rate) the
 * target is reached at or below it, and the share is target / current above it.
 */
export function targetProgress(kpi: KpiKey, current: number, target: number): { fraction: number; ahead: boolean } | null {
  if (!Number.isFinite(current) || !Number.isFinite(target)) return null;
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  if (KPI_DEFINITIONS[kpi].higherIsBetter) {
    if (target <= 0) return { fraction: 1, ahead: current >= target };
    return { fraction: clamp(current / target), ahead: current >= target };
  }
  if (current <= target) return { fraction: 1, ahead: true };
  return { fraction: current <= 0 ? 0 : clamp(target / current), ahead: false };
}

/** A progress bar (role=progressbar with a spoken value) coloured by whether the target is reached. */
function TargetProgress({
  kpi,
  current,
  target,
  currentText,
  targetText,
}: {
  kpi: KpiKey;
  current: number;
  target: number;
  currentText: string;
  targetText: string;
}) {
  const t = useTranslations("roadmap");
  const kpiText = useTranslations("kpi");
  const p = targetProgress(kpi, current, target);
  if (!p) return null;
  const lower = !KPI_DEFINITIONS[kpi].higherIsBetter;
  const state = p.ahead ? t(lower ? "progress.aheadLower" : "progress.ahead") : t(lower ? "progress.behindLower" : "progress.behind");
  const percent = Math.round(p.fraction * 100);
  return (
    <span
      className={styles.progress}
      role="progressbar"
      aria-label={t("progress.label", { kpi: kpiText(`${kpi}.name`) })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={t("progress.valueText", { current: currentText, target: targetText, state })}
      data-state={p.ahead ? "ahead" : "behind"}
    >
      <span className={styles.progressBar} style={{ width: `${percent}%` }} />
    </span>
  );
}
