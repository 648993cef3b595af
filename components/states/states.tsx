import type { ReactNode } from "react";
import styles from "./states.module.css";

/** "Nothing here": a muted message in the place of content, with an optional next step. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.empty} role="status">
      <p className={styles.title}>{title}</p>
      {children ? <div className={styles.body}>{children}</div> : null}
    </div>
  );
}

/** Something failed: an alert in the place of content, with what to do next. */
export function ErrorState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.error} role="alert">
      <p className={styles.title}>{title}</p>
      {children ? <div className={styles.body}>{children}</div> : null}
    </div>
  );
}
