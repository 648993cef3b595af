"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { flexRender, type Header, type Table } from "@tanstack/react-table";
import styles from "./data-table.module.css";

/**
 * The header row of both data tables: one `<th scope="col">` per column with its aria-sort, and
 * on a sortable column the control that sorts it — a link (DataTable: the sort lives in the
 * URL) or a button (LocalDataTable: the rows are on the page), given by `sortControl` with the
 * column's label, its sort mark and the accessible name "Sort by …".
 */
export function TableHead<T>({
  table,
  cellClass,
  sortControl,
}: {
  table: Table<T>;
  /** The `<th>`'s class for a column id (numeric columns align right). */
  cellClass: (columnId: string) => string | undefined;
  sortControl: (header: Header<T, unknown>, content: ReactNode, ariaLabel: string) => ReactNode;
}) {
  const t = useTranslations("common.table");
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const label = flexRender(header.column.columnDef.header, header.getContext());
            const content = (
              <>
                {label}
                {sorted ? (
                  <span aria-hidden="true" className={styles.sortMark}>
                    {sorted === "asc" ? " ▲" : " ▼"}
                  </span>
                ) : null}
              </>
            );
            return (
              <th
                key={header.id}
                scope="col"
                className={cellClass(header.column.id)}
                aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
              >
                {header.column.getCanSort()
                  ? sortControl(header, content, t("sortBy", { column: String(header.column.columnDef.header) }))
                  : label}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
