import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { readCsv, type CsvItem } from "../csv";

/**
 * The files of an upload (a folder): CSV files, each sheet of an XLSX workbook, and the CSV and
 * XLSX files inside a zip (any depth; macOS resource forks skipped). Every file reads as CSV
 * items (the header first); XLSX cells become text as an export would write them (dates as
 * `YYYY-MM-DD HH:MM:SS`, read in the organisation's zone like any offset-less time).
 */
export interface UploadFile {
  /** As shown to the user: "deals.csv", "export.zip/deals.csv", "book.xlsx#Deals". */
  name: string;
  /** The file's own name, for detection by name ("deals.csv", "Deals"). */
  baseName: string;
  bytes: number;
  items(): AsyncIterable<CsvItem>;
}

export interface Upload {
  files: UploadFile[];
  /** Files that are neither CSV, XLSX nor zip (reported as not recognised). */
  others: string[];
  /** Removes the temporary copies of zip entries. */
  cleanup(): void;
}

const SKIP = /^(\.|__MACOSX|~\$)|\.(md|txt|json)$/i;

/** Lists an upload folder; see the module comment. */
export async function readUpload(folder: string): Promise<Upload> {
  const dir = resolve(folder);
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new Error(`folder not found: ${folder}`);
  }
  if (!st.isDirectory()) throw new Error(`not a folder: ${folder}`);
  const files: UploadFile[] = [];
  const others: string[] = [];
  const temps: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if (SKIP.test(name) || !(await stat(path)).isFile()) {
      if (!/^\./.test(name) && !/\.(md|txt|json)$/i.test(name)) others.push(name);
      continue;
    }
    await addFile(path, name, files, others, temps);
  }
  return { files, others, cleanup: () => temps.forEach((t) => rmSync(t, { recursive: true, force: true })) };
}

async function addFile(path: string, name: string, files: UploadFile[], others: string[], temps: string[]): Promise<void> {
  const ext = extname(name).toLowerCase();
  if (ext === ".csv") {
    const bytes = (await stat(path)).size;
    files.push({ name, baseName: basename(name), bytes, items: () => readCsv(path) });
  } else if (ext === ".xlsx") {
    files.push(...(await xlsxSheets(path, name)));
  } else if (ext === ".zip") {
    const entries = unzipSync(new Uint8Array(await readFile(path)));
    const tmp = mkdtempSync(join(tmpdir(), "alignboard-zip-"));
    temps.push(tmp);
    let i = 0;
    for (const [entry, data] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
      const base = basename(entry);
      if (entry.endsWith("/") || entry.startsWith("__MACOSX") || SKIP.test(base)) continue;
      const copy = join(tmp, `${i++}-${base}`);
      writeFileSync(copy, data);
      const before = files.length;
      await addFile(copy, `${name}/${entry}`, files, others, temps);
      for (const f of files.slice(before)) f.baseName = f.baseName.replace(/^\d+-/, "");
    }
  } else others.push(name);
}

/** The text an export would write for an XLSX cell value. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    if ("error" in v) return "";
    return "";
  }
  return String(v);
}

async function xlsxSheets(path: string, name: string): Promise<UploadFile[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const bytes = (await stat(path)).size;
  return wb.worksheets.map((ws) => {
    const rows: CsvItem[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[];
      const fields: string[] = [];
      for (let c = 1; c < values.length; c++) fields.push(cellText(values[c]).trim());
      while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
      if (fields.length > 0) rows.push({ kind: "record", line: rowNumber, fields, bytes });
    });
    return {
      name: `${name}#${ws.name}`,
      baseName: ws.name,
      bytes,
      items: async function* () {
        yield* rows;
      },
    };
  });
}
