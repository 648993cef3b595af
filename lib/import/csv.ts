import { createReadStream } from "node:fs";
import { parse, type CsvError, type Info } from "csv-parse";

/**
 * Streams a CSV file (RFC 4180, UTF-8, optional BOM, `\r\n` or `\n` line ends) record by record,
 * never holding more than the parser's buffer. Each record carries the physical line it starts
 * on (a quoted field may span lines; line 1 is the header) and the bytes read so far. Records
 * the parser cannot read (e.g. a bad closing quote) come out as `error` items and parsing
 * goes on; blank lines are skipped.
 */
export type CsvItem =
  | { kind: "record"; line: number; fields: string[]; bytes: number }
  | { kind: "error"; line: number; reason: string; bytes: number };

interface Parsed {
  record: string[];
  info: Info;
}

/**
 * Line breaks inside a record's quoted fields: `breaks` physical ones (`\r\n`, `\n` or a lone
 * `\r`) and how many of them are `\r\n`, which csv-parse's line counter counts twice.
 */
function fieldBreaks(fields: readonly string[]): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (const f of fields) {
    if (f.indexOf("\n") === -1 && f.indexOf("\r") === -1) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 13) {
        breaks++;
        if (f.charCodeAt(i + 1) === 10) {
          crlf++;
          i++;
        }
      } else if (c === 10) breaks++;
    }
  }
  return { breaks, crlf };
}

export async function* readCsv(path: string): AsyncGenerator<CsvItem> {
  const skipped: CsvItem[] = [];
  let extraLines = 0;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    record_delimiter: ["\r\n", "\n"],
  });
  parser.on("skip", (err: CsvError) => {
    const e = err as CsvError & { lines?: number; bytes?: number };
    skipped.push({ kind: "error", line: (e.lines ?? 0) - extraLines, reason: `unreadable CSV record: ${err.message}`, bytes: e.bytes ?? 0 });
  });
  const input = createReadStream(path);
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const { record, info } = item;
      const { breaks, crlf } = fieldBreaks(record);
      extraLines += crlf;
      const endLine = info.lines - extraLines;
      yield { kind: "record", line: endLine - breaks, fields: record, bytes: info.bytes };
    }
    while (skipped.length > 0) yield skipped.shift()!;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
