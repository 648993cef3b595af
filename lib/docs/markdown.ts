/**
 * Small Markdown builders for the generated parts of docs/: tables and inline code that stay
 * valid whatever text the source data holds (pipes and line breaks in a cell are escaped).
 */

/** Text made safe for one table cell: `|` escaped, line breaks as spaces. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** Inline code; the values rendered here never contain a backtick, so one is enough. */
export function code(text: string): string {
  if (text.includes("`")) throw new Error(`cannot render ${JSON.stringify(text)} as inline code`);
  return `\`${text}\``;
}

/** A comma-separated list of inline-code values. */
export function codeList(values: readonly string[]): string {
  return values.map(code).join(", ");
}

/** A GitHub-flavoured Markdown table; cells are escaped with `cell`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
