import Link from "next/link";
import styles from "./kpi-card.module.css";

export type Tone = "good" | "bad" | "neutral" | "none";

export interface KpiComparison {
  /** e.g. "vs previous period" */
  label: string;
  /** e.g. "+6,000 € (+9.8%)" or "no comparison" */
  change: string;
  tone: Tone;
  /** Screen-reader word for the tone ("better", "worse", "unchanged"). */
  toneLabel: string;
  /** The compared value, formatted (for the description). */
  compared: string;
}

export interface KpiCardProps {
  kpi: string;
  label: string;
  /** The raw value as the API returns it (data-value), null when undefined. */
  value: number | null;
  /** The formatted value, or "—". */
  display: string;
  /** Why the value is undefined (shown with "—"). */
  nullReason?: string;
  definition: string;
  definitionLabel: string;
  href: string;
  linkLabel: string;
  comparisons: KpiComparison[];
}

const ARROW: Record<Tone, string> = { good: "▲", bad: "▼", neutral: "■", none: "" };

/**
 * One KPI: value, comparisons (coloured by whether the change is good news for this KPI), and
 * its written definition in a tooltip shown on hover and on keyboard focus (the definition is
 * also the button's accessible description). The title links to the records behind it.
 */
export function KpiCard(props: KpiCardProps) {
  const { kpi, label, value, display, nullReason, definition, definitionLabel, href, linkLabel, comparisons } = props;
  const tipId = `kpi-def-${kpi}`;
  const reasonId = `kpi-null-${kpi}`;
  return (
    <article className={styles.card} data-kpi={kpi} aria-labelledby={`kpi-label-${kpi}`}>
      <div className={styles.head}>
        <h3 className={styles.label} id={`kpi-label-${kpi}`}>
          <Link href={href} aria-label={linkLabel} className={styles.link}>
            {label}
          </Link>
        </h3>
        <span className={styles.tipWrap}>
          <button type="button" className={styles.info} aria-label={definitionLabel} aria-describedby={tipId}>
            <span aria-hidden="true">i</span>
          </button>
          <span role="tooltip" id={tipId} className={styles.tip}>
            {definition}
          </span>
        </span>
      </div>
      <p
        className={styles.value}
        data-testid={`kpi-value-${kpi}`}
        data-value={value === null ? "null" : String(value)}
        aria-describedby={value === null && nullReason ? reasonId : undefined}
      >
        {display}
      </p>
      {value === null && nullReason ? (
        <p className={styles.reason} id={reasonId}>
          {nullReason}
        </p>
      ) : null}
      <ul className={styles.comparisons}>
        {comparisons.map((c) => (
          <li key={c.label} className={styles[c.tone]} title={c.compared}>
            {ARROW[c.tone] ? <span aria-hidden="true">{ARROW[c.tone]} </span> : null}
            <span>{c.change}</span> <span className={styles.vs}>{c.label}</span>
            {c.tone !== "none" ? <span className="visually-hidden"> ({c.toneLabel}; {c.compared})</span> : null}
          </li>
        ))}
      </ul>
    </article>
  );
}

/** A card-shaped placeholder while the numbers load. */
export function KpiCardSkeleton() {
  return (
    <div className={styles.card} aria-hidden="true">
      <div className={`skeleton ${styles.skLabel}`} />
      <div className={`skeleton ${styles.skValue}`} />
      <div className={`skeleton ${styles.skLine}`} />
      <div className={`skeleton ${styles.skLine}`} />
    </div>
  );
}
