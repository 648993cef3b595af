import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/states/states";
import styles from "./sla.module.css";

/** One column of a lead list: its header and, per row, its cell (`num`: right-aligned figures). */
export interface LeadListColumn<R> {
  key: string;
  header: string;
  num?: boolean;
  nowrap?: boolean;
  cell: (row: R) => ReactNode;
}

/** A lead of a list: the row's key and its link (the lead's SLA page). */
export interface LeadListRow {
  leadId: string;
  name: string | null;
}

/**
 * The SLA page's lists of leads (the open queue and the breached MQLs) as one card: a title with
 * its count, a description, the empty state or a table whose first cell links each lead to its
 * SLA page. The lists differ only in their columns, the count's link and the rows' data-attributes.
 */
export function LeadListCard<R extends LeadListRow>({
  id,
  testId,
  title,
  count,
  description,
  emptyTitle,
  leadHeader,
  leadHref,
  columns,
  rows,
  rowAttributes,
  before,
}: {
  id: string;
  testId: string;
  title: string;
  count: ReactNode;
  description: string;
  emptyTitle: string;
  leadHeader: string;
  leadHref: (leadId: string) => string;
  columns: readonly LeadListColumn<R>[];
  rows: readonly R[];
  rowAttributes?: (row: R) => Record<`data-${string}`, string>;
  /** Shown above the table (the queue's live status line). */
  before?: ReactNode;
}) {
  const cellClass = (c: LeadListColumn<R>) => [c.num ? "num" : "", c.nowrap ? styles.nowrap : ""].filter(Boolean).join(" ") || undefined;
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id} data-testid={testId}>
      <div className={styles.cardHead}>
        <h2 id={`${id}-title`}>{title}</h2>
        {count}
      </div>
      <p className="muted">{description}</p>
      {rows.length === 0 ? (
        <EmptyState title={emptyTitle} />
      ) : (
        <>
          {before}
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{leadHeader}</th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className={c.num ? "num" : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.leadId} data-lead-id={r.leadId} {...rowAttributes?.(r)}>
                    <th scope="row">
                      <Link href={leadHref(r.leadId)}>{r.name ?? r.leadId}</Link>
                    </th>
                    {columns.map((c) => (
                      <td key={c.key} className={cellClass(c)}>
                        {c.cell(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
