import { existsSync, readdirSync, statSync } from "node:fs";
import { CliError, parseArgs, runCli } from "@/lib/cli/run";
import { CONTRACT_FILES, formatError, importFolder, PRESET_NAMES, type ImportProgress, type ImportReport, type PresetName } from "@/lib/import";
import { defaultDefinition, getMapping, importUpload, NothingRecognisedError, type UploadReport } from "@/lib/import/mapping";
import type { DateOrder, MappingDefinition } from "@/lib/import/mapping/contract";

/**
 * `npm run import -- <folder> [--strict] [--preset hubspot|salesforce] [--mapping NAME]
 * [--date-order mdy|dmy|ymd] [--dry-run] [--progress]` (docs/import-format.md, docs/crm-import.md).
 * A folder of contract files only (leads.csv …) imports as before; any other upload (HubSpot or
 * Salesforce exports under any name, XLSX, zip) goes through the mapping layer, whose errors
 * print grouped by file, column and cause with a hint, followed by the warnings. Row errors of
 * the canonical path print as `file:line: column: reason` (the first 200), then a per-file table
 * and the total time. Progress is shown in place on standard error when it is a terminal;
 * `--progress` prints it as plain lines (about once a second) otherwise.
 * Exit status: 0 all rows imported, 1 some row rejected, nothing recognised, or the import failed.
 */
const MAX_PRINTED_ERRORS = 200;

const { flags, positional } = parseArgs(process.argv.slice(2));

function usage(): never {
  throw new CliError("usage: npm run import -- <folder> [--strict] [--preset hubspot|salesforce] [--mapping NAME] [--date-order mdy|dmy|ymd] [--dry-run] [--progress]");
}

function progressPrinter(mode: "tty" | "lines" | "off"): { update: (p: ImportProgress) => void; done: () => void } {
  if (mode === "off") return { update: () => undefined, done: () => undefined };
  const interval = mode === "tty" ? 100 : 1000;
  let last = 0;
  let fileStart = Date.now();
  let currentFile = "";
  let shown = false;
  const render = (p: ImportProgress) => {
    const secs = (Date.now() - fileStart) / 1000;
    const pct = p.bytesTotal > 0 ? Math.min(100, (100 * p.bytesRead) / p.bytesTotal) : 100;
    const rate = secs > 0 ? Math.round(p.rows / secs) : 0;
    return `${p.file}: ${p.rows.toLocaleString("en-US")} rows, ${pct.toFixed(0)}%, ${rate.toLocaleString("en-US")} rows/s`;
  };
  return {
    update(p) {
      const now = Date.now();
      if (p.file !== currentFile) {
        currentFile = p.file;
        fileStart = now;
        last = 0;
      }
      const finished = p.bytesRead >= p.bytesTotal && p.bytesTotal > 0;
      if (now - last < interval && !finished) return;
      if (mode === "lines" && p.rows === 0) return;
      last = now;
      if (mode === "tty") {
        process.stderr.write(`\r\x1b[2K${render(p)}`);
        shown = true;
      } else process.stderr.write(`${render(p)}\n`);
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[2K");
      shown = false;
    },
  };
}

const rowList = (rows: number[], count: number) => `${count === 1 ? "row" : `${count.toLocaleString("en-US")} rows`}: ${rows.slice(0, 10).join(", ")}${count > 10 ? ", …" : ""}`;

function printReport(report: ImportReport | UploadReport, seconds: number): void {
  const out: string[] = [];
  if ("errorGroups" in report) {
    for (const g of report.errorGroups) {
      out.push(`${g.file}: ${g.column}: ${g.reason} (${rowList(g.rows, g.count)})`);
      if (g.hint) out.push(`  → ${g.hint}`);
    }
    for (const u of report.unrecognised) out.push(`${u.name}: skipped, ${u.reason}`);
  } else {
    const shownErrors = report.errors.slice(0, MAX_PRINTED_ERRORS);
    for (const e of shownErrors) out.push(formatError(e));
    const more = report.errors.length - shownErrors.length + (report.omittedErrors ?? 0);
    if (more > 0) out.push(`… and ${more.toLocaleString("en-US")} more`);
  }
  if (out.length > 0) out.push("");

  const header = ["file", "inserted", "updated", "unchanged", "rejected", "unknown columns"];
  const rows = report.files.map((f) => [
    f.target && f.target !== f.file ? `${f.file} → ${f.target}` : f.file,
    ...(f.skipped ? ["-", "-", "-", "-"] : [f.inserted, f.updated, f.unchanged, f.rejected].map((n) => n.toLocaleString("en-US"))),
    f.skipped ? "(not in folder)" : [f.rolledBack ? "(file not applied)" : "", f.unknownColumns.join(", ")].filter(Boolean).join(" "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  out.push(line(header), ...rows.map(line));
  const total = report.files.reduce((s, f) => s + f.inserted + f.updated + f.unchanged + f.rejected, 0);
  if ("warnings" in report && report.warnings.length > 0) {
    out.push("");
    for (const w of report.warnings) out.push(`warning: ${w.file}: ${w.column}: ${w.reason} (${rowList(w.rows, w.count)})`);
  }
  const pending = report.files.reduce((s, f) => s + (f.pending ?? 0), 0);
  if (pending > 0) out.push(`${pending.toLocaleString("en-US")} references to records not imported yet are kept and link when those records are imported`);
  const dry = "dryRun" in report && report.dryRun ? " (dry run: nothing was changed)" : "";
  out.push("", `${total.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s${report.ok ? "" : " — some rows were rejected"}${dry}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

await runCli(async ({ db }) => {
  const folder = positional[0];
  if (!folder || positional.length > 1) usage();
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`folder not found: ${folder}`);
  const preset = flags.get("preset");
  if (preset === true || (preset !== undefined && !(PRESET_NAMES as string[]).includes(preset))) {
    throw new CliError(`--preset must be one of: ${PRESET_NAMES.join(", ")}`);
  }
  for (const f of flags.keys()) {
    if (!["strict", "preset", "progress", "mapping", "dry-run", "date-order"].includes(f)) throw new CliError(`unknown option --${f}`);
  }
  const mappingName = flags.get("mapping");
  if (mappingName === true) throw new CliError("--mapping needs the name of a saved mapping");
  const dateOrder = flags.get("date-order");
  if (dateOrder !== undefined && (dateOrder === true || !["mdy", "dmy", "ymd"].includes(dateOrder))) throw new CliError("--date-order must be one of: mdy, dmy, ymd");
  const names = readdirSync(folder).filter((n) => !n.startsWith("."));
  const dataFiles = names.filter((n) => /\.(csv|xlsx|zip)$/i.test(n));
  // A folder of contract files only: the canonical importer, exactly as before.
  const canonical =
    mappingName === undefined && dateOrder === undefined && !flags.has("dry-run") && dataFiles.length > 0 && dataFiles.every((n) => CONTRACT_FILES.includes(n.toLowerCase()));
  const mode = process.stderr.isTTY ? "tty" : flags.has("progress") ? "lines" : "off";
  const printer = progressPrinter(mode);
  const started = Date.now();
  let report: ImportReport | UploadReport;
  try {
    if (canonical) {
      report = await importFolder(db, folder, {
        strict: flags.has("strict"),
        preset: preset as PresetName | undefined,
        onProgress: printer.update,
        source: "cli",
      });
    } else {
      let mapping: MappingDefinition = defaultDefinition((preset as PresetName | undefined) ?? "hubspot");
      if (typeof mappingName === "string") {
        const saved = await getMapping(db, mappingName);
        if (!saved) throw new CliError(`no saved mapping named "${mappingName}"`);
        mapping = saved.definition;
      }
      if (typeof dateOrder === "string") mapping = { ...mapping, dateOrder: dateOrder as DateOrder };
      report = await importUpload(db, folder, {
        mapping,
        strict: flags.has("strict"),
        dryRun: flags.has("dry-run"),
        ...(preset ? { crm: preset as PresetName } : {}),
        onProgress: printer.update,
        source: "cli",
      });
    }
  } catch (err) {
    if (err instanceof NothingRecognisedError) throw new CliError(err.message);
    throw err;
  } finally {
    printer.done();
  }
  printReport(report, (Date.now() - started) / 1000);
  return report.ok ? 0 : 1;
});
