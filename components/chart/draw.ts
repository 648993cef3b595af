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
} from "chart.js";

/**
 * The drawing half of the chart wrapper (./chart.tsx): Chart.js itself, with only what the app
 * draws registered — bars and lines on category × linear axes, tooltips and the legend. The
 * wrapper imports this module lazily (after the page has rendered its figure and data table), so
 * Chart.js stays out of every page's first-load JavaScript (issue 15 item 7).
 */
Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export type DrawnChart = Chart;

/** Draws a new chart on the canvas. */
export function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration): DrawnChart {
  return new Chart(canvas, config);
}

/** Redraws an existing chart with new data and options, in place. */
export function redrawChart(chart: DrawnChart, config: ChartConfiguration, animate: boolean): void {
  chart.data = config.data;
  chart.options = config.options ?? {};
  chart.update(animate ? undefined : "none");
}
