import type { Tone } from "./kpi-tile";
import styles from "./kpi-tile.module.css";

const W = 96;
const H = 28;

/**
 * A KPI's monthly series as a small line (decorative: the same numbers are in the charts'
 * data tables). It stretches to its box's width; gaps (null months) break the line.
 */
export function Sparkline({ values, tone }: { values: (number | null)[]; tone: Tone }) {
  const nums = values.filter((v): v is number => v !== null);
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = values.length > 1 ? W / (values.length - 1) : 0;
  const point = (v: number, i: number) => `${(i * step).toFixed(1)},${(H - 2 - ((v - min) / span) * (H - 4)).toFixed(1)}`;
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null) segments.push([]);
    else segments[segments.length - 1]!.push(point(v, i));
  });
  return (
    <svg className={`${styles.spark} ${styles[`spark-${tone}`]}`} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {segments
        .filter((s) => s.length > 1)
        .map((s, i) => (
          <polyline key={i} points={s.join(" ")} fill="none" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
        ))}
    </svg>
  );
}
