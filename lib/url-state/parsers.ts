import { createMultiParser, createParser, type MultiParserBuilder, type SingleParser } from "nuqs/server";

/**
 * Generic nuqs parsers for the app's URL state (pure: safe on the server and in client
 * components). Area schemas (lib/dashboard/search-params.ts, lib/roadmap/search-params.ts, …)
 * build their parser maps from these and from nuqs' own `parseAsStringLiteral` over the enum
 * tuples; lib/url-state/checked.ts reads a map with the reason a value was refused, and
 * lib/url-state/links.ts serializes every map with one serializer.
 *
 * Conventions shared by every parameter: values are trimmed, an empty value counts as absent.
 */

/** Free text, trimmed; an empty value reads as absent. `maxLength` refuses longer text. */
export function parseAsTrimmed(opts: { maxLength?: number } = {}) {
  return createParser<string>({
    parse: (value) => {
      const text = value.trim();
      if (text === "") return null;
      return opts.maxLength !== undefined && text.length > opts.maxLength ? null : text;
    },
    serialize: (value) => value,
  });
}

/** Free text, trimmed; an empty value reads as absent. */
export const parseAsText = parseAsTrimmed();

/**
 * A whole number written with digits only (no sign, decimals or exponent: "1.5", "-1" and
 * "2e3" are refused) within `min`…`max`.
 */
export function parseAsWholeNumber(opts: { min: number; max: number }) {
  return createParser<number>({
    parse: (value) => {
      const text = value.trim();
      if (!/^\d+$/.test(text)) return null;
      const n = Number(text);
      return Number.isSafeInteger(n) && n >= opts.min && n <= opts.max ? n : null;
    },
    serialize: (value) => String(value),
  });
}

/** A whole number (digits only) that must be one of `choices`. */
export function parseAsWholeNumberChoice<const N extends number>(choices: readonly N[]) {
  return createParser<N>({
    parse: (value) => {
      const text = value.trim();
      if (!/^\d+$/.test(text)) return null;
      const n = Number(text);
      return (choices as readonly number[]).includes(n) ? (n as N) : null;
    },
    serialize: (value) => String(value),
  });
}

/** How a list parameter is read: per value, before its item parser sees it. */
export interface ListOptions {
  /** Compare values case-insensitively (they are lower-cased). */
  lowercase?: boolean;
  /** Values may also be packed into one parameter with this separator (`hide=a,b`); a list is then written that way. */
  separator?: string;
}

/** A list parser that still knows its item parser, so a reading can name the first refused item. */
export type ListParserBuilder<T> = MultiParserBuilder<T[]> & {
  readonly defaultValue: T[];
  readonly listItem: SingleParser<T>;
  readonly listOptions: ListOptions;
};

/** The distinct, trimmed, non-empty values of a list parameter, in URL order. */
export function listInputs(values: readonly string[], opts: ListOptions = {}): string[] {
  const out: string[] = [];
  const parts = opts.separator === undefined ? values : values.flatMap((v) => v.split(opts.separator!));
  for (const part of parts) {
    let v = part.trim();
    if (opts.lowercase) v = v.toLowerCase();
    if (v !== "" && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * A repeatable parameter (`segment=a&segment=b`; with `separator`, also `hide=a,b`): every
 * value trimmed, empty ones dropped, duplicates removed, each read by `item` (values it
 * refuses are dropped here; a checked reading reports the first one instead). Absent = [].
 * Written as repeated parameters, or as one separated list when `separator` is given.
 */
export function parseAsList<T>(item: SingleParser<T>, opts: ListOptions = {}): ListParserBuilder<T> {
  const serializeItem = (v: T): string => (item.serialize ? item.serialize(v) : String(v));
  const base = createMultiParser<T[]>({
    parse: (values) => {
      const out: T[] = [];
      for (const input of listInputs(values, opts)) {
        const v = item.parse(input);
        if (v !== null) out.push(v);
      }
      return out;
    },
    serialize: (values) => (opts.separator === undefined ? values.map(serializeItem) : [values.map(serializeItem).join(opts.separator)]),
    eq: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  }).withDefault([]);
  return Object.assign(base, { listItem: item, listOptions: opts });
}

/** Whether a parser is a list parser made by parseAsList. */
export function isListParser(parser: object): parser is ListParserBuilder<unknown> {
  return "listItem" in parser;
}
