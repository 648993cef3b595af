import { parseAsStringLiteral } from "nuqs/server";
import { parseAsList, parseAsText, parseAsTrimmed, parseAsWholeNumber, parseAsWholeNumberChoice } from "./parsers";

/**
 * The URL state of the shared server-driven data table (components/data-table): sort column
 * and direction, page, page size, text search and hidden columns. The keys are the same for
 * every table; which columns a table may sort or hide is its own allow-list (e.g.
 * lib/dashboard/records-spec.ts), checked after reading.
 */

export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;
export const MAX_PAGE = 1_000_000;
export const MAX_SEARCH_LENGTH = 200;

export const tableSearchParams = {
  /** A column id (the table's allow-list decides). */
  sort: parseAsText,
  dir: parseAsStringLiteral(SORT_DIRS),
  /** 1-based. */
  page: parseAsWholeNumber({ min: 1, max: MAX_PAGE }),
  size: parseAsWholeNumberChoice(PAGE_SIZES),
  /** Text search. */
  q: parseAsTrimmed({ maxLength: MAX_SEARCH_LENGTH }),
  /** Hidden column ids: `hide=a,b` (repeated `hide` parameters are accepted too). */
  hide: parseAsList(parseAsText, { separator: "," }),
};
