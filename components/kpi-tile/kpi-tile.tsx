import type { CSSProperties } from "react";
import Link from "next/link";
import { Sparkline } from "./sparkline";
import styles from "./kpi-tile.module.css";

/** Whether a change is good news for the KPI (colour); the arrow only shows its direction. */
export type Tone = "good" | "bad" | "neutral" | "none";
/** Which way the value moved. */
export type Direction = "up" | "down" | "flat" | "none";

export interface KpiComparison {
  /** e.g. "vs previous period" (or both comparisons, when they coincide). */
  label: string;
  /** e.g. "+$6.0K", "+2.5 pp" or "no comparison". */
  change: string;
  /** The relative change, e.g. "+9.8%" (none for ratios: their change is in pp). */
  pct?: string;
  direction: Direction;
  tone: Tone;
  /** Screen-reader words for the direction and tone ("up, better"). */
  toneLabel: string;
  /** The compared value, formatted (for the description). */
  compared: string;
}

/** The written definition: a plain sentence first, then the exact rule and the glossary link. */
export interface KpiDefinitionText {
  /** The button's accessible name ("Definition of Revenue"). */
  label: string;
  /** One plain sentence in the reader's language. */
  summary: string;
  /** The exact value, in full ("Exact value: $2,223,914.70"). */
  exact?: string;
  /** The exact rule as the specification words it. */
  rule: string;
  glossaryHref: string;
  glossaryLabel: string;
}

/** Progress towards a target (set by leadership; see app/(app)/dashboard/targets.ts). */
export interface KpiTarget {
  /** value / target, unclamped (1.2 = 120%). */
  progress: number;
  /** e.g. "82% of the target of 1,200". */
  label: string;
  tone: Tone;
}

export interface KpiTileProps {
  kpi: string;
  label: string;
  /** The raw value as the API returns it (data-value), null when undefined. */
  value: number | null;
  /** The value, short enough never to wrap ("$2.22M"), or "—". */
  display: string;
  /** Why the value is undefined (shown with "—"). */
  nullReason?: string;
  /**
   * The KPI's inputs were never imported: `label` ("No data") replaces the value and `reason`
   * says which sources are missing; comparisons, trend and target are left out (they would
   * compare nothing with nothing). `value` stays the API's value (data-value).
   */
  noData?: { label: string; reason: string };
  definition: KpiDefinitionText;
  href: string;
  linkLabel: string;
  comparisons: KpiComparison[];
  /** Headline tiles are larger and may carry a sparkline and a target. */
  variant?: "headline" | "compact";
  /** The KPI by month (oldest first), drawn as a sparkline. */
  trend?: (number | null)[];
  target?: KpiTarget;
}

const ARROW: Record<Direction, string> = { up: "▲", down: "▼", flat: "=", none: "" };

/**
 * One KPI tile: its name (a link to the records behind it), the value on one line (tabular
 * figures, never wrapping), the comparisons (arrow = direction, colour = good or bad news),
 * optionally a sparkline and target progress, and its definition in a disclosure that opens
 * below the tile (keyboard and screen-reader accessible: a native <details>).
 */
export function KpiTile(props: KpiTileProps) {
  const { kpi, label, value, nullReason: valueReason, definition, href, linkLabel, variant = "compact", noData } = props;
  const display = noData ? noData.label : props.display;
  const nullReason = noData ? noData.reason : valueReason;
  const showReason = noData !== undefined || (value === null && nullReason !== undefined);
  const comparisons = noData ? [] : props.comparisons;
  const trend = noData ? undefined : props.trend;
  const target = noData ? undefined : props.target;
  const reasonId = `kpi-null-${kpi}`;
  return (
    <article className={`${styles.tile} ${variant === "headline" ? styles.headline : ""}`} data-kpi={kpi} aria-labelledby={`kpi-label-${kpi}`}>
      <div className={styles.head}>
        <h3 className={styles.label} id={`kpi-label-${kpi}`}>
          <Link href={href} aria-label={linkLabel} className={styles.link}>
            {label}
          </Link>
        </h3>
        <details className={styles.def}>
          <summary className={styles.info} aria-label={definition.label} title={definition.label}>
            <span aria-hidden="true">i</span>
          </summary>
          <div className={styles.panel} data-testid={`kpi-definition-${kpi}`}>
            <p className={styles.summary}>{definition.summary}</p>
            {definition.exact ? <p className={styles.exact}>{definition.exact}</p> : null}
            <p className={styles.rule}>{definition.rule}</p>
            <Link href={definition.glossaryHref} className={styles.glossary}>
              {definition.glossaryLabel}
            </Link>
          </div>
        </details>
      </div>
      <p
          className={styles.value}
        // The font size fits the tile's width to the value's length (see .value in the CSS).
        style={{ "--chars": Math.max(display.length, 6) } as CSSProperties}
        data-testid={`kpi-value-${kpi}`}
        data-value={value === null ? "null" : String(value)}
        data-no-data={noData ? "true" : undefined}
        aria-describedby={showReason ? reasonId : undefined}
      >
          {display}
      </p>
      {trend && trend.some((v) => v !== null) ? <Sparkline values={trend} tone={comparisons[0]?.tone ?? "none"} /> : null}
      {showReason ? (
        <p className={styles.reason} id={reasonId} data-testid={`kpi-reason-${kpi}`}>
          {nullReason}
        </p>
      ) : null}
      {target ? (
        <div className={styles.target}>
          <div className={styles.track} aria-hidden="true">
            <div className={`${styles.bar} ${styles[target.tone]}`} style={{ width: `${Math.min(100, Math.max(0, target.progress * 100))}%` }} />
          </div>
          <p className={styles.targetLabel}>{target.label}</p>
        </div>
      ) : null}
      <ul className={styles.comparisons}>
        {comparisons.map((c) => (
          <li key={c.label} className={styles[c.tone]} title={c.compared}>
            <span className={styles.change}>
              {ARROW[c.direction] ? <span aria-hidden="true">{ARROW[c.direction]} </span> : null}
              {c.change}
            </span>
            {c.pct ? (
              <>
                {" "}
                <span className={styles.change}>({c.pct})</span>
              </>
            ) : null}{" "}
            <span className={styles.vs}>{c.label}</span>
            {c.tone !== "none" ? <span className="visually-hidden"> ({c.toneLabel}; {c.compared})</span> : null}
          </li>
        ))}
      </ul>
    </article>
  );
}

/** A tile-shaped placeholder while the numbers load. */
export function KpiTileSkeleton({ variant = "compact" }: { variant?: "headline" | "compact" }) {
  return (
    <div className={`${styles.tile} ${variant === "headline" ? styles.headline : ""}`} aria-hidden="true">
      <div className={`skeleton ${styles.skLabel}`} />
      <div className={`skeleton ${styles.skValue}`} />
      <div className={`skeleton ${styles.skLine}`} />
    </div>
  );
}
