import { z } from "zod";

/**
 * Query-string parsing for the API. A parameter given once is a string, given several times an
 * array; empty values count as absent (so a required `from=` is reported as missing). Use
 * `repeatable(schema)` for parameters that may be given several times. Throws z.ZodError, which
 * apiRoute answers with 400 naming the field.
 */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params
      .getAll(key)
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length === 0) continue;
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(source: URL | URLSearchParams, schema: S): z.output<S> {
  const params = source instanceof URL ? source.searchParams : source;
  return schema.parse(queryObject(params), { reportInput: true });
}

/** A parameter that may be repeated: always an array (empty when absent). */
export function repeatable<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(item),
  );
}
