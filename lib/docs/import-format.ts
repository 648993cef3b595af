import { CHANNELS, CLOSED_STAGES, MARKETING_CHANNELS, OPEN_STAGES } from "@/lib/enums";
import { PRESETS, PRESET_NAMES } from "@/lib/import/presets";
import { FILE_SPECS, REF_TABLES, type ColumnSpec, type ColumnType, type FileSpec } from "@/lib/import/specs";
import { code, codeList, table } from "./markdown";
import type { RegionRenderers } from "./regions";

/**
 * The generated parts of docs/import-format.md, rendered from the importer's own description
 * of the files (lib/import/specs.ts) and presets (lib/import/presets.ts), so the page lists
 * exactly the files, columns, types, enumerations and mappings the importer applies. The
 * cross-field rules are functions there; the page's prose describes them.
 */

const TYPE_NAMES: Readonly<Record<ColumnType["kind"], string>> = {
  text: "text",
  email: "e-mail",
  timestamp: "timestamp",
  date: "date",
  amount: "decimal",
  currency: "currency code",
  enum: "enumeration",
};

/** The file that fills a referenced table. */
function refText(col: ColumnSpec): string | null {
  if (!col.ref) return null;
  const target = REF_TABLES[col.ref];
  const base = `refers to ${code(target.file)} (${code(target.key)})`;
  return col.ref === "team_members" ? `${base}; an unknown e-mail creates a team member without a login` : `${base}; must exist`;
}

/** `a`, `a` and `b`, `a`, `b` and `c` — as inline code. */
function andList(values: readonly string[]): string {
  const coded = values.map(code);
  return coded.length < 2 ? coded.join("") : `${coded.slice(0, -1).join(", ")} and ${coded.at(-1)!}`;
}

function enumText(values: readonly string[]): string {
  const isChannels = values.length === CHANNELS.length && values.every((v, i) => v === CHANNELS[i]);
  return isChannels ? "one of the [channels](#channels)" : `one of ${codeList(values)}`;
}

function notes(spec: FileSpec, col: ColumnSpec): string {
  const parts: string[] = [];
  if (spec.key.includes(col.name)) parts.push(spec.key.length > 1 ? "part of the key" : "external id (the key)");
  if (col.type.kind === "enum") parts.push(enumText(col.type.values));
  if (col.type.kind === "currency") parts.push("must be the organisation's reporting currency");
  const ref = refText(col);
  if (ref) parts.push(ref);
  if (col.defaultValue !== undefined) parts.push(`${code(col.defaultValue)} when empty`);
  return parts.join("; ");
}

/** The files in import order, with the key each is upserted by and the files it refers to. */
export function renderImportFiles(): string {
  return table(
    ["order", "file", "key (upsert by)", "refers to"],
    FILE_SPECS.map((spec, i) => {
      const refs = [...new Set(spec.columns.flatMap((c) => (c.ref ? [REF_TABLES[c.ref].file] : [])))];
      return [String(i + 1), code(spec.file), spec.key.map(code).join(" + "), refs.length > 0 ? codeList(refs) : "—"];
    }),
  );
}

/** One column table per file, in import order. */
export function renderImportColumns(): string {
  return FILE_SPECS.map((spec) =>
    [
      `### ${spec.file}`,
      "",
      table(
        ["column", "type", "required", "notes"],
        spec.columns.map((col) => [code(col.name), TYPE_NAMES[col.type.kind], col.required ? "**yes**" : "no", notes(spec, col)]),
      ),
    ].join("\n"),
  ).join("\n\n");
}

/** The channel list (shared by several columns) and the deal stages. */
export function renderImportEnums(): string {
  const other = CHANNELS.filter((c) => !MARKETING_CHANNELS.includes(c));
  return [
    `<a id="channels"></a>**Channels** (\`source_channel\`, \`channel\`): ${codeList(CHANNELS)}.`,
    "",
    `**Marketing channels** are all of them except ${andList(other)}: the marketing-sourced and marketing-influenced KPIs use this split.`,
    "",
    `**Deal stages**: open ${codeList(OPEN_STAGES)}; closed ${codeList(CLOSED_STAGES)}.`,
  ].join("\n");
}

/** Every preset: per file, the header renames and the value maps. */
export function renderImportPresets(): string {
  const out: string[] = [];
  for (const name of PRESET_NAMES) {
    out.push(`### ${code(name)}`);
    for (const [file, preset] of Object.entries(PRESETS[name])) {
      out.push("", `**${file}** — headers:`, "", table(["export header", "column"], Object.entries(preset.columns).map(([h, c]) => [h, code(c)])));
      for (const [column, values] of Object.entries(preset.values ?? {})) {
        out.push(
          "",
          `**${file}** — values of ${code(column)}:`,
          "",
          table(["export value", "imported as"], Object.entries(values).map(([v, c]) => [code(v), code(c)])),
        );
      }
    }
    out.push("");
  }
  return out.join("\n").trim();
}

/** The renderers of docs/import-format.md, by region name. */
export const IMPORT_FORMAT_REGIONS: RegionRenderers = {
  "import-files": renderImportFiles,
  "import-columns": renderImportColumns,
  "import-enums": renderImportEnums,
  "import-presets": renderImportPresets,
};
