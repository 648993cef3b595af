import { existsSync, statSync } from "node:fs";
import { CliError, parseArgs, runCli } from "@/lib/cli/run";
import { formatError, importFolder, PRESET_NAMES, type ImportProgress, type ImportReport, type PresetName } from "@/lib/import";

/**
 * `npm run import -- <folder> [--strict] [--preset hubspot|salesforce] [--progress]`
 * (docs/import-format.md). Row errors print as `file:line: column: reason` (the first 200),
 * then a per-file table and the total time. Progress is shown in place on standard error when
 * it is a terminal; `--progress` prints it as plain lines (about once a second) otherwise.
 * Exit status: 0 all rows imported, 1 some row rejected or the import failed.
 */
const MAX_PRINTED_ERRORS = 200;

const { flags, positional } = parseArgs(process.argv.slice(2));

function usage(): never {
  throw new CliError("usage: npm run import -- <folder> [--strict] [--preset hubspot|salesforce]");
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

function printReport(report: ImportReport, seconds: number): void {
  const out: string[] = [];
  const shownErrors = report.errors.slice(0, MAX_PRINTED_ERRORS);
  for (const e of shownErrors) out.push(formatError(e));
  const more = report.errors.length - shownErrors.length + (report.omittedErrors ?? 0);
  if (more > 0) out.push(`… and ${more.toLocaleString("en-US")} more`);
  if (out.length > 0) out.push("");

  const header = ["file", "inserted", "updated", "unchanged", "rejected", "unknown columns"];
  const rows = report.files.map((f) => [
    f.file,
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
  out.push("", `${total.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s${report.ok ? "" : " — some rows were rejected"}`);
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
    if (!["strict", "preset", "progress"].includes(f)) throw new CliError(`unknown option --${f}`);
  }
  const mode = process.stderr.isTTY ? "tty" : flags.has("progress") ? "lines" : "off";
  const printer = progressPrinter(mode);
  const started = Date.now();
  let report: ImportReport;
  try {
    report = await importFolder(db, folder, {
      strict: flags.has("strict"),
      preset: preset as PresetName | undefined,
      onProgress: printer.update,
      source: "cli",
    });
  } finally {
    printer.done();
  }
  printReport(report, (Date.now() - started) / 1000);
  return report.ok ? 0 : 1;
});
