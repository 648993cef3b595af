import { createReadStream } from "node:fs";
import { parse, type CsvError, type InfoRecord } from "csv-parse";

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

/** Why a record could not be read, for people: where it starts and where the parser gave up. */
function unreadableReason(err: CsvError, start: number, end: number): string {
  if (err.code === "CSV_QUOTE_NOT_CLOSED") {
    return `unreadable CSV record: a quoted field opened on line ${start} is never closed (the file ends inside it on line ${end}); lines ${start}-${end} were not imported`;
  }
  const where = end > start ? ` (lines ${start}-${end})` : "";
  return `unreadable CSV record${where}: ${err.message}`;
}

/**
 * Reads `path`; see the module comment. Items come out in file order. Line numbers are worked
 * out as the parser goes (in its `on_record` hook and `skip` event, which run in parse order):
 * a record starts on the line after the previous record's last line (blank lines aside), and
 * so does an unreadable one, whose error names the lines it spans.
 */
export async function* readCsv(path: string): AsyncGenerator<CsvItem> {
  const pending: CsvItem[] = [];
  let extraLines = 0;
  /** The (physical) last line of the last record read, and the parser's bytes at that point. */
  let lastEnd = 0;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // No relax_quotes: a stray quote is reported as an unreadable record at its line rather
    // than read as data, which could silently merge the following lines into one field.
    skip_empty_lines: true,
    skip_records_with_error: true,
    record_delimiter: ["\r\n", "\n"],
    on_record: (record: string[], info: InfoRecord) => {
      const { breaks, crlf } = fieldBreaks(record);
      extraLines += crlf;
      const endLine = info.lines - extraLines;
      lastEnd = endLine;
      pending.push({ kind: "record", line: endLine - breaks, fields: record, bytes: info.bytes });
      return record;
    },
  });
  parser.on("skip", (err: CsvError) => {
    const e = err as CsvError & { lines?: number; bytes?: number };
    const end = Math.max(lastEnd + 1, (e.lines ?? 0) - extraLines);
    const start = lastEnd + 1;
    lastEnd = end;
    pending.push({ kind: "error", line: start, reason: unreadableReason(err, start, end), bytes: e.bytes ?? 0 });
  });
  const input = createReadStream(path);
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const _record of parser as AsyncIterable<string[]>) {
      while (pending.length > 0) yield pending.shift()!;
    }
    while (pending.length > 0) yield pending.shift()!;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
