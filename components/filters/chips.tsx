import styles from "./filters.module.css";

export interface Chip {
  /** Stable key, e.g. "segment:smb". */
  key: string;
  /** What the chip shows ("SMB"). */
  label: string;
  /** The chip's accessible name ("Remove filter Segment: SMB"). */
  removeLabel: string;
  /** The link without this filter (built with linkTo). */
  href: string;
}

/** Applied filters as removable chips: each chip is a link to the same view without it. */
export function Chips({ chips, label, clearAll }: { chips: Chip[]; label: string; clearAll?: { label: string; href: string } }) {
  if (chips.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label={label}>
      {chips.map((c) => (
        <li key={c.key}>
          <a className={styles.chip} href={c.href} aria-label={c.removeLabel}>
            <span>{c.label}</span>
            <span aria-hidden="true" className={styles.chipX}>
              ×
            </span>
          </a>
        </li>
      ))}
      {clearAll && chips.length > 1 ? (
        <li>
          <a className={styles.clearAll} href={clearAll.href}>
            {clearAll.label}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
