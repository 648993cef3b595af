"use client";

import { useEffect, useId, useMemo, useRef } from "react";
import { useFormatter, useTranslations } from "next-intl";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type TooltipItem,
} from "chart.js";
import { formatUnit, type Unit } from "@/lib/format";
import styles from "./chart.module.css";

// Only what the dashboard draws: bars and lines on category × linear axes.
Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** A series' unit (lib/format's one unit type). */
export type ChartUnit = Unit;

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  kind: "bar" | "line";
  unit: ChartUnit;
  /** Secondary axis (right) for a second unit. */
  secondaryAxis?: boolean;
  color: string;
  dashed?: boolean;
}

export interface ChartProps {
  title: string;
  description: string;
  labels: string[];
  series: ChartSeries[];
  currency: string;
  /** Header of the table's first column (e.g. "Month"). */
  categoryHeader: string;
  /** Extra, already formatted columns of the data table (e.g. conversion). */
  extraColumns?: { header: string; values: string[] }[];
  horizontal?: boolean;
  height?: number;
}

type Fmt = ReturnType<typeof useFormatter>;

/** A value of the chart: short on the axes (compact), in full in tooltips and the data table. */
function formatValue(format: Fmt, unit: ChartUnit, value: number | null, currency: string, compact = false): string {
  return formatUnit(format, unit, value, { currency, style: compact ? "compact" : "plain" });
}

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
}

/**
 * The one Chart.js wrapper: creates the chart in an effect, updates it in place when the data
 * changes, destroys it on unmount. Animations are off for prefers-reduced-motion. The canvas
 * is an image with a text label; the same numbers are in an expandable data table below it
 * (the text alternative for screen readers and keyboard users).
 */
export function ChartView(props: ChartProps) {
  const { title, description, labels, series, currency, categoryHeader, extraColumns = [], horizontal = false, height = 280 } = props;
  const t = useTranslations("common.chart");
  const format = useFormatter();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const descId = useId();

  const config = useMemo((): ChartConfiguration => {
    const primaryUnit = series.find((s) => !s.secondaryAxis)?.unit ?? "count";
    const secondaryUnit = series.find((s) => s.secondaryAxis)?.unit ?? null;
    const valueAxis = horizontal ? "x" : "y";
    const datasets = series.map((s): ChartDataset<"bar" | "line", (number | null)[]> => {
      const common = {
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: s.kind === "bar" ? s.color : "transparent",
      };
      const axis = s.secondaryAxis ? { yAxisID: "y1" } : {};
      if (s.kind === "line") {
        return { ...common, ...axis, type: "line", borderWidth: 2, borderDash: s.dashed ? [6, 4] : [], pointRadius: 3, spanGaps: true, tension: 0 };
      }
      return { ...common, ...axis, type: "bar", borderWidth: 0 };
    });
    const unitOf = (datasetIndex: number): ChartUnit => series[datasetIndex]?.unit ?? primaryUnit;
    const scales: Record<string, object> = {
      [valueAxis]: {
        beginAtZero: true,
        ticks: { callback: (v: string | number) => formatValue(format, primaryUnit, Number(v), currency, true) },
      },
    };
    if (secondaryUnit) {
      scales.y1 = {
        position: "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { callback: (v: string | number) => formatValue(format, secondaryUnit, Number(v), currency, true) },
      };
    }
    return {
      type: "bar",
      data: { labels, datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { display: series.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item: TooltipItem<"bar" | "line">) =>
                `${item.dataset.label ?? ""}: ${formatValue(format, unitOf(item.datasetIndex), item.raw as number | null, currency)}`,
            },
          },
        },
        scales,
      },
    } as ChartConfiguration;
  }, [labels, series, currency, horizontal, format]);

  // Create on first run, then update in place when the data (or locale) changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = chartRef.current;
    if (!chart) {
      chartRef.current = new Chart(canvas, config);
      return;
    }
    chart.data = config.data;
    chart.options = config.options ?? {};
    chart.update(prefersReducedMotion() ? "none" : undefined);
  }, [config]);

  // Destroy on unmount.
  useEffect(
    () => () => {
      chartRef.current?.destroy();
      chartRef.current = null;
    },
    [],
  );

  return (
    <figure className={styles.figure}>
      <div className={styles.canvasBox} style={{ height }}>
        <canvas ref={canvasRef} role="img" aria-label={title} aria-describedby={descId}>
          {description}
        </canvas>
      </div>
      <figcaption id={descId} className={styles.caption}>
        {description}
      </figcaption>
      <details className={styles.details}>
        <summary>{t("showTable")}</summary>
        <div className={styles.tableWrap}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{categoryHeader}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="num">
                    {s.label}
                  </th>
                ))}
                {extraColumns.map((c) => (
                  <th key={c.header} scope="col" className="num">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label} className="num">
                      {formatValue(format, s.unit, s.values[i] ?? null, currency)}
                    </td>
                  ))}
                  {extraColumns.map((c) => (
                    <td key={c.header} className="num">
                      {c.values[i] ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
