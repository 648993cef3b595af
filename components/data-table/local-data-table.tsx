"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { exportTable, safeFileName, toCsv } from "@/lib/dashboard/csv";
import { formatCell, unitWords } from "@/lib/format";
import type { SortDir } from "@/lib/url-state/table";
import type { DataTableCell, DataTableColumn, DataTableKind, DataTableRow } from "./data-table";
import { TableHead } from "./table-head";
import styles from "./data-table.module.css";

export interface LocalDataTableColumn extends DataTableColumn {
  /** Shown in bold (e.g. the chosen model's column beside the others). */
  emphasis?: boolean;
}

export interface LocalDataTableProps {
  caption: string;
  columns: LocalDataTableColumn[];
  /** Column that identifies a row; its cell opens `rowLinks[value]` when given. */
  keyColumn: string;
  rows: DataTableRow[];
  /** The order the rows come in, marked on its column (the rows are given in it). */
  defaultSort: { id: string; dir: SortDir };
  /** The CSV file's name (made safe; ".csv" is appended). */
  exportName: string;
  currency: string;
  timeZone: string;
  /** Display labels of enum / status values (e.g. channel names); the export keeps the code beside its label. */
  valueLabels: Record<string, string>;
  rowLinks?: Record<string, string>;
  /** aria-label of a row's link, by the row's key value (when the visible text is not enough). */
  rowLinkLabels?: Record<string, string>;
  testId?: string;
}

const numeric = (kind: DataTableKind) => kind === "money" || kind === "count" || kind === "days" || kind === "ratio";

/** A header or body cell's class: numbers align right; the emphasised column is bold. */
const cellClass = (col: LocalDataTableColumn | undefined): string | undefined =>
  [col && numeric(col.kind) ? "num" : "", col?.emphasis ? styles.emphasis : ""].filter(Boolean).join(" ") || undefined;

/**
 * The shared table for small report tables whose rows are all on the page (already aggregated
 * in SQL: a row per channel, campaign or deal of a report): the same look, cells and CSV format
 * as the server-driven DataTable (./data-table.tsx), with sorting done here by
 * @tanstack/react-table (nulls last either way) and the export written from exactly these rows
 * (raw values, a label column beside each code; lib/dashboard/csv). Several can share a page,
 * since no state goes to the URL.
 */
export function LocalDataTable(props: LocalDataTableProps) {
  const { caption, columns, keyColumn, rows, defaultSort, exportName, currency, timeZone, valueLabels, rowLinks, rowLinkLabels, testId } = props;
  const t = useTranslations("common.table");
  const words = unitWords(useTranslations("common.format"));
  const format = useFormatter();
  const [sorting, setSorting] = useState<SortingState>([{ id: defaultSort.id, desc: defaultSort.dir === "desc" }]);

  const columnDefs = useMemo<ColumnDef<DataTableRow>[]>(
    () =>
      columns.map((col) => ({
        id: col.id,
        // null → undefined, so `sortUndefined: "last"` keeps empty cells at the bottom both ways.
        accessorFn: (row: DataTableRow) => row[col.id] ?? undefined,
        header: col.header,
        enableSorting: col.sortable,
        sortUndefined: "last",
        sortingFn: numeric(col.kind) ? "basic" : "text",
        sortDescFirst: numeric(col.kind),
      })),
    [columns],
  );
  // TanStack Table returns fresh functions each render; the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row, i) => String(row[keyColumn] ?? i),
    state: { sorting },
    onSortingChange: setSorting,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });

  const colOf = (id: string) => columns.find((c) => c.id === id);
  const display = (col: DataTableColumn, v: DataTableCell): string => formatCell(format, col.kind, v, { currency, timeZone, words, valueLabels });

  /** Downloads the rows in their current order as CSV (the server exports' format). */
  const download = () => {
    const sorted = table.getSortedRowModel().rows.map((r) => r.original);
    const csv = exportTable(columns, sorted, {
      header: (id) => colOf(id)?.header ?? id,
      labelHeader: (header) => t("labelColumn", { column: header }),
      label: (value) => valueLabels[value] ?? value,
    });
    const blob = new Blob([`\uFEFF${toCsv(csv.header, csv.rows, csv.textColumns)}`], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${safeFileName(exportName)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className={styles.wrap}>
      <div className={styles.toolbar}>
        <button type="button" className="btn" onClick={download} data-testid="export-csv">
          {t("export", { total: rows.length })}
        </button>
      </div>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label={caption}>
        <table className={`table ${styles.table}`} data-total={rows.length} data-testid={testId}>
          <caption className={styles.caption}>{t("caption", { title: caption, total: rows.length })}</caption>
          <TableHead
            table={table}
            cellClass={(id) => cellClass(colOf(id))}
            sortControl={(header, content, ariaLabel) => (
              <button type="button" className={styles.sortButton} onClick={header.column.getToggleSortingHandler()} aria-label={ariaLabel}>
                {content}
              </button>
            )}
          />
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className={styles.empty}>
                  {t("empty")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-row-id={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const col = colOf(cell.column.id);
                    const v = (row.original[cell.column.id] ?? null) as DataTableCell;
                    const text = col ? display(col, v) : String(v ?? "");
                    const key = String(v ?? "");
                    const link = cell.column.id === keyColumn ? rowLinks?.[key] : undefined;
                    return (
                      <td key={cell.id} className={cellClass(col)}>
                        {link ? (
                          <Link href={link} aria-label={rowLinkLabels?.[key]}>
                            {text}
                          </Link>
                        ) : (
                          text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
