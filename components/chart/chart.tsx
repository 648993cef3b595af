"use client";

import { useEffect, useId, useMemo, useRef } from "react";
import { useFormatter, useTranslations } from "next-intl";
// Types only: Chart.js itself is loaded lazily by ./draw.ts (kept out of the first-load JavaScript).
import type { ChartConfiguration, Plugin, ChartDataset, TooltipItem } from "chart.js";
import { formatUnit, type Unit } from "@/lib/format";
import type { DrawnChart } from "./draw";
import styles from "./chart.module.css";

/** A series' unit (lib/format's one unit type). */
export type ChartUnit = Unit;

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  kind: "bar" | "line";
  unit: ChartUnit;
  /** Secondary axis (right) for a second unit. */
  secondaryAxis?: boolean;
  /** A colour of the chart palette (the --chart-N tokens of app/globals.css). */
  color: ChartColor;
  dashed?: boolean;
}

/** The chart palette's tokens; each has at least 4.5:1 contrast on white. */
export type ChartColor = "chart-1" | "chart-2" | "chart-3" | "chart-4" | "chart-5" | "chart-6";

/** The tokens' values when no stylesheet can be read (server render, tests): keep in step with globals.css. */
const FALLBACK: Record<ChartColor | "chart-text" | "chart-grid", string> = {
  "chart-1": "#0b5cad",
  "chart-2": "#1a7f37",
  "chart-3": "#b35900",
  "chart-4": "#8250df",
  "chart-5": "#5c6670",
  "chart-6": "#bf3989",
  "chart-text": "#3d454d",
  "chart-grid": "#e4e8ec",
};

function token(name: keyof typeof FALLBACK): string {
  if (typeof document === "undefined") return FALLBACK[name];
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim() || FALLBACK[name];
}

/**
 * Draws a text at the end of each bar of the first dataset (a small inline "datalabels"
 * plugin): e.g. the conversion rate of each funnel stage.
 */
function barLabelsPlugin(labels: readonly string[], color: string): Plugin<"bar"> {
  return {
    id: "alignboardBarLabels",
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(0);
      const { ctx } = chart;
      ctx.save();
      ctx.font = "600 13px system-ui, sans-serif";
      ctx.fillStyle = color;
      ctx.textBaseline = "middle";
      meta.data.forEach((bar, i) => {
        const text = labels[i];
        if (!text) return;
        const { x, y } = bar.getProps(["x", "y"], true) as { x: number; y: number };
        ctx.fillText(text, x + 6, y);
      });
      ctx.restore();
    },
  };
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
  /** Axis titles: the value axis, the secondary (right) axis, the category axis. */
  axisTitles?: { value?: string; secondary?: string; category?: string };
  /** A text drawn at the end of each bar (horizontal bar charts), e.g. conversion rates. */
  barLabels?: string[];
}

type Fmt = ReturnType<typeof useFormatter>;

/** A value of the chart: short on the axes (compact), in full in tooltips and the data table. */
function formatValue(format: Fmt, unit: ChartUnit, value: number | null, currency: string, compact = false): string {
  // Counts under 10,000 stay whole on an axis (a compact "1K" would label 1,000 and 1,200 alike).
  const short = compact && !(unit === "count" && Math.abs(value ?? 0) < 10_000);
  return formatUnit(format, unit, value, { currency, style: short ? "compact" : "plain" });
}

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
}

/**
 * The one Chart.js wrapper: renders the figure, its caption and the data table at once, loads
 * the drawing code (./draw.ts: Chart.js with only what it uses registered) in an effect — a
 * chunk of its own, not part of the page's first load — then creates the chart, updates it in
 * place when the data changes, destroys it on unmount. Animations are off for
 * prefers-reduced-motion. The canvas is an image with a text label; the same numbers are in an
 * expandable data table below it (the text alternative for screen readers and keyboard users).
 */
export function ChartView(props: ChartProps) {
  const { title, description, labels, series, currency, categoryHeader, extraColumns = [], horizontal = false, height = 280, axisTitles = {}, barLabels } = props;
  const t = useTranslations("common.chart");
  const format = useFormatter();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<DrawnChart | null>(null);
  const unmounted = useRef(false);
  const descId = useId();

  const config = useMemo((): ChartConfiguration => {
    const primaryUnit = series.find((s) => !s.secondaryAxis)?.unit ?? "count";
    const secondaryUnit = series.find((s) => s.secondaryAxis)?.unit ?? null;
    const valueAxis = horizontal ? "x" : "y";
    const categoryAxis = horizontal ? "y" : "x";
    const text = token("chart-text");
    const grid = token("chart-grid");
    const font = { size: 13 };
    const axisTitle = (t: string | undefined) => (t ? { display: true, text: t, color: text, font: { size: 13, weight: 600 as const } } : { display: false });
    const datasets = series.map((s): ChartDataset<"bar" | "line", (number | null)[]> => {
      const common = {
        label: s.label,
        data: s.values,
        borderColor: token(s.color),
        backgroundColor: s.kind === "bar" ? token(s.color) : "transparent",
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
        grid: { color: grid },
        title: axisTitle(axisTitles.value),
        ticks: { color: text, font, callback: (v: string | number) => formatValue(format, primaryUnit, Number(v), currency, true) },
        // Room for the bar labels at the end of the longest bar.
        ...(barLabels ? { grace: "18%" } : {}),
      },
      [categoryAxis]: {
        grid: { display: false },
        title: axisTitle(axisTitles.category),
        ticks: { color: text, font, maxRotation: 0, autoSkip: true, autoSkipPadding: 8 },
      },
    };
    if (secondaryUnit) {
      scales.y1 = {
        position: "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        title: axisTitle(axisTitles.secondary),
        ticks: { color: text, font, callback: (v: string | number) => formatValue(format, secondaryUnit, Number(v), currency, true) },
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
          legend: { display: series.length > 1, position: "bottom", labels: { color: text, font } },
          tooltip: {
            callbacks: {
              label: (item: TooltipItem<"bar" | "line">) =>
                `${item.dataset.label ?? ""}: ${formatValue(format, unitOf(item.datasetIndex), item.raw as number | null, currency)}`,
            },
          },
        },
        scales,
      },
      plugins: barLabels ? [barLabelsPlugin(barLabels, text)] : [],
    } as ChartConfiguration;
  }, [labels, series, currency, horizontal, format, axisTitles.value, axisTitles.secondary, axisTitles.category, barLabels]);

  // Create on first run (once the drawing code is loaded), then update in place when the data
  // (or locale) changes; a newer config while loading wins, an unmount while loading draws nothing.
  useEffect(() => {
    let stale = false;
    void import("./draw").then(({ drawChart, redrawChart }) => {
      const canvas = canvasRef.current;
      if (stale || unmounted.current || !canvas) return;
      const chart = chartRef.current;
      if (!chart) chartRef.current = drawChart(canvas, config);
      else redrawChart(chart, config, !prefersReducedMotion());
    });
    return () => {
      stale = true;
    };
  }, [config]);

  // Destroy on unmount.
  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      chartRef.current?.destroy();
      chartRef.current = null;
    };
  }, []);

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
