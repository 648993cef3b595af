"use client";

import { useMemo, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { formatCell, unitWords, type CellKind, type CellValue } from "@/lib/format";
import { linkQuery, linkTo, type LinkValues } from "@/lib/url-state/links";
import { tableSearchParams, type PageSize, type SortDir } from "@/lib/url-state/table";
import { TableHead } from "./table-head";
import styles from "./data-table.module.css";

export type DataTableKind = CellKind;
export type DataTableCell = CellValue;
export type DataTableRow = Record<string, DataTableCell>;

export interface DataTableColumn {
  id: string;
  header: string;
  kind: DataTableKind;
  sortable: boolean;
}

export interface DataTableProps {
  caption: string;
  columns: DataTableColumn[];
  /** Column that identifies a row (never hidden). */
  keyColumn: string;
  rows: DataTableRow[];
  total: number;
  page: number;
  size: PageSize;
  pageSizes: readonly PageSize[];
  sort: string;
  dir: SortDir;
  q: string;
  hidden: string[];
  /** The money column summed over all matching rows, and that sum (numeric text). */
  sumColumn: string | null;
  sum: string | null;
  /** Every other URL parameter of the view (filters, kpi) as a query, kept by every table link. */
  baseQuery: string;
  exportHref: string;
  currency: string;
  timeZone: string;
  /** Display labels of enum / status values (e.g. stage names). */
  valueLabels: Record<string, string>;
  /** Optional drill-down: a row's key value → the link its key cell opens (e.g. the records behind it). */
  rowLinks?: Record<string, string>;
  /**
   * Yes/no columns whose "yes" is a warning to see at a glance (e.g. `overdue`): column id → the
   * badge's tone. A true cell reads as a badge with the column's header; false and empty as usual.
   */
  badges?: Record<string, "bad" | "good" | "muted">;
}

/**
 * The shared server-driven table (@tanstack/react-table v8 in manual mode): sorting, search
 * and pagination happen on the server, their state lives in the URL (links and GET forms, so
 * the keyboard and the back button work as usual); column choice too (`hide`). The export
 * link downloads exactly the rows that match, with the visible columns.
 */
export function DataTable(props: DataTableProps) {
  const {
    caption, columns, keyColumn, rows, total, page, size, pageSizes, sort, dir, q, hidden,
    sumColumn, sum, baseQuery, exportHref, currency, timeZone, valueLabels, rowLinks, badges,
  } = props;
  const t = useTranslations("common.table");
  const words = unitWords(useTranslations("common.format"));
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const pages = Math.max(1, Math.ceil(total / size));

  // The table's state as link values: every link and form of the table goes through the one link serializer.
  const state: LinkValues = { sort, dir, page, size, q: q || null, hide: hidden };
  const href = (changes: LinkValues): string => linkTo(`${pathname}?${baseQuery}`, { ...state, ...changes });
  const hiddenFields = (values: LinkValues) => [...linkQuery(values, baseQuery).entries()];
  const display = (col: DataTableColumn, v: DataTableCell): string => formatCell(format, col.kind, v, { currency, timeZone, words, valueLabels });

  const columnDefs = useMemo<ColumnDef<DataTableRow>[]>(
    () =>
      columns.map((col) => ({
        id: col.id,
        accessorFn: (row: DataTableRow) => row[col.id] ?? null,
        header: col.header,
        enableSorting: col.sortable,
        enableHiding: col.id !== keyColumn,
      })),
    [columns, keyColumn],
  );
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  // TanStack Table returns fresh functions each render; the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row, i) => String(row[keyColumn] ?? i),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    pageCount: pages,
    rowCount: total,
    state: { sorting, columnVisibility, pagination: { pageIndex: page - 1, pageSize: size }, globalFilter: q },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      const hide = Object.entries(next).filter(([, visible]) => !visible).map(([id]) => id);
      startTransition(() => router.replace(href({ hide }), { scroll: false }));
    },
  });

  const colOf = (id: string) => columns.find((c) => c.id === id);
  const numeric = (kind: DataTableKind) => kind === "money" || kind === "count" || kind === "days" || kind === "ratio";
  const sumCol = sumColumn ? colOf(sumColumn) : undefined;
  const visible = table.getVisibleLeafColumns();

  return (
    <div className={styles.wrap} aria-busy={pending || undefined}>
      <div className={styles.toolbar}>
        <form method="get" action={pathname} className={styles.search} role="search">
          {hiddenFields({ sort, dir, size, hide: hidden }).map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="table-search">{t("search")}</label>
          <input id="table-search" name="q" type="search" defaultValue={q} maxLength={200} />
          <button type="submit" className="btn">
            {t("searchButton")}
          </button>
          {q ? (
            <Link className="btn" href={href({ q: null, page: 1 })}>
              {t("clearSearch")}
            </Link>
          ) : null}
        </form>
        <details className={styles.chooser}>
          <summary>{t("columns")}</summary>
          <fieldset>
            <legend>{t("columnsHint")}</legend>
            {table.getAllLeafColumns().map((column) => {
              const id = `col-toggle-${column.id}`;
              return (
                <label key={column.id} htmlFor={id} className={styles.check}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={column.getIsVisible()}
                    disabled={!column.getCanHide()}
                    onChange={column.getToggleVisibilityHandler()}
                  />{" "}
                  {String(column.columnDef.header)}
                </label>
              );
            })}
          </fieldset>
        </details>
        <a className="btn btn-primary" href={exportHref} download data-testid="export-csv">
          {t("export", { total })}
        </a>
      </div>

      <div className={styles.scroll}>
        <table className={`table ${styles.table}`} data-total={total}>
          <caption className={styles.caption}>{t("caption", { title: caption, total })}</caption>
          <TableHead
            table={table}
            cellClass={(id) => {
              const col = colOf(id);
              return col && numeric(col.kind) ? "num" : undefined;
            }}
            sortControl={(header, content, ariaLabel) => (
              <Link
                href={href({ sort: header.column.id, dir: header.column.getIsSorted() === "asc" ? "desc" : "asc", page: 1 })}
                className={styles.sortLink}
                aria-label={ariaLabel}
              >
                {content}
              </Link>
            )}
          />
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={visible.length} className={styles.empty}>
                  {total > 0 ? (
                    <>
                      {t("emptyPage")} <Link href={href({ page: 1 })}>{t("firstPage")}</Link>
                    </>
                  ) : (
                    t("empty")
                  )}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-row-id={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const col = colOf(cell.column.id);
                    const v = (cell.getValue() as DataTableCell) ?? null;
                    const text = col ? display(col, v) : String(v ?? "");
                    const link = cell.column.id === keyColumn ? rowLinks?.[String(v ?? "")] : undefined;
                    const badge = col && v === true ? badges?.[col.id] : undefined;
                    return (
                      <td key={cell.id} className={col && numeric(col.kind) ? "num" : undefined}>
                        {link ? (
                          <Link href={link}>{text}</Link>
                        ) : badge && col ? (
                          <span className={`badge badge-${badge}`} data-badge={col.id}>
                            {col.header}
                          </span>
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
          {sumCol && sum !== null && visible.some((c) => c.id === sumCol.id) ? (
            <tfoot className={styles.foot}>
              <tr>
                {visible.map((c, i) => (
                  <td key={c.id} className={c.id === sumCol.id ? "num" : undefined}>
                    {c.id === sumCol.id ? <strong data-testid="table-sum" data-value={sum}>{display(sumCol, sum)}</strong> : i === 0 ? <strong>{t("total")}</strong> : null}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>

      <nav className={styles.pager} aria-label={t("pageOf", { page, pages })}>
        {page > 1 ? (
          <Link className="btn" href={href({ page: Math.min(page - 1, pages) })} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className="btn" aria-disabled="true">
            {t("previous")}
          </span>
        )}
        <span aria-live="polite">{t("pageOf", { page, pages })}</span>
        {page < pages ? (
          <Link className="btn" href={href({ page: page + 1 })} rel="next">
            {t("next")}
          </Link>
        ) : (
          <span className="btn" aria-disabled="true">
            {t("next")}
          </span>
        )}
        <form method="get" action={pathname} className={styles.sizeForm}>
          {hiddenFields({ sort, dir, q: q || null, hide: hidden }).map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="table-size">{t("pageSize")}</label>
          <select
            id="table-size"
            name="size"
            defaultValue={String(size)}
            onChange={(e) => router.push(href({ size: tableSearchParams.size.parse(e.target.value), page: 1 }))}
          >
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <noscript>
            <button type="submit" className="btn">
              OK
            </button>
          </noscript>
        </form>
      </nav>
    </div>
  );
}
