import { createLoader, createMultiParser, createSearchParamsCache, type SingleParser } from "nuqs/server";
import { hasForbiddenControl } from "@/lib/limits";
import { isListParser, listInputs, type ListParserBuilder } from "./parsers";

/**
 * Checked readings: nuqs parsers turn a refused value into null, but a page must tell the user
 * which parameter is wrong and why (a message at the field, status 200). A checked reading
 * keeps what the URL held and the reason a value was refused, as a code — never as English
 * text to be matched later. Areas map the codes to their own error codes and translate them
 * from the catalogue.
 */

/** Why a parameter could not be read. */
export type CheckIssue =
  /** A single-valued parameter given with two different values. */
  | { code: "repeated" }
  /**
   * A value its parser refuses (for a list, the first such item). A value holding a NUL or other
   * control character is always refused here, whatever the parser (lib/limits.ts).
   */
  | { code: "invalid"; value: string };

/** One parameter as the URL held it and as its parser read it. */
export interface Checked<T> {
  /** The distinct, trimmed, non-empty values as given (lists: normalised, e.g. lower-cased). */
  input: string[];
  /** The parsed value: null when absent or when there is an issue (an absent list reads []). */
  value: T | null;
  issue: CheckIssue | null;
}

/** Reads a single-valued parameter from all its occurrences. */
export function checkOne<T>(parser: SingleParser<T>, values: readonly string[]): Checked<T> {
  const input = listInputs(values);
  const first = input[0];
  if (first === undefined) return { input, value: null, issue: null };
  if (input.length > 1) return { input, value: null, issue: { code: "repeated" } };
  const value = hasForbiddenControl(first) ? null : parser.parse(first);
  return value === null ? { input, value: null, issue: { code: "invalid", value: first } } : { input, value, issue: null };
}

/** Reads a list parameter; the first item its item parser refuses is the issue. */
export function checkList<T>(parser: ListParserBuilder<T>, values: readonly string[]): Checked<T[]> {
  const input = listInputs(values, parser.listOptions);
  const out: T[] = [];
  for (const item of input) {
    const v = hasForbiddenControl(item) ? null : parser.listItem.parse(item);
    if (v === null) return { input, value: null, issue: { code: "invalid", value: item } };
    out.push(v);
  }
  return { input, value: out, issue: null };
}

/** The value type a parser reads. */
export type ParsedValue<P> = P extends { parse: (value: never) => infer R } ? NonNullable<R> : never;

/** A map of parsers: single-valued nuqs parsers and lists made by parseAsList. */
export type ParserMapLike = Record<string, { parse: (value: never) => unknown }>;

/** The checked readings of a parser map. */
export type CheckedValues<M> = { [K in keyof M]: Checked<ParsedValue<M[K]>> };

const ABSENT: Checked<never> = Object.freeze({ input: [], value: null, issue: null }) as Checked<never>;

/** A nuqs multi parser that yields a checked reading of `parser` (for loaders and caches). */
function checkedParser(parser: { parse: (value: never) => unknown }) {
  // A map's entries are parseAsList lists or single-valued parsers (which read one string).
  const read = isListParser(parser)
    ? (values: readonly string[]) => checkList(parser, values)
    : (values: readonly string[]) => checkOne(parser as SingleParser<unknown>, values);
  return createMultiParser<Checked<unknown>>({ parse: read, serialize: (reading) => reading.input }).withDefault(ABSENT);
}

function checkedParsers<M extends ParserMapLike>(parsers: M) {
  return Object.fromEntries(Object.entries(parsers).map(([k, p]) => [k, checkedParser(p)])) as {
    [K in keyof M]: ReturnType<typeof checkedParser>;
  };
}

/**
 * The server cache of a page family (nuqs `createSearchParamsCache`) over checked readings:
 * `parse(searchParams)` once in the page, `all()` / `get(key)` further down the tree.
 */
export function createCheckedCache<M extends ParserMapLike>(parsers: M) {
  const cache = createSearchParamsCache(checkedParsers(parsers));
  return {
    /** Reads the page's `searchParams` prop (or its Promise) once per request. */
    parse: async (searchParams: SearchParamsInput | Promise<SearchParamsInput>): Promise<CheckedValues<M>> =>
      (await cache.parse(await searchParams)) as CheckedValues<M>,
    /** The readings of this request (after parse). */
    all: (): CheckedValues<M> => cache.all() as CheckedValues<M>,
  };
}

/** The `searchParams` prop of a Next.js page. */
export type SearchParamsInput = Record<string, string | string[] | undefined>;

/**
 * A one-off reader of the same checked readings (nuqs `createLoader`), for route handlers
 * and tests: takes a URL, Request, URLSearchParams, query string or page searchParams.
 */
export function createCheckedLoader<M extends ParserMapLike>(parsers: M) {
  const load = createLoader(checkedParsers(parsers));
  return (input: URL | Request | URLSearchParams | SearchParamsInput | string): CheckedValues<M> => load(input) as CheckedValues<M>;
}
