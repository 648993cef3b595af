import "server-only";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { DEFAULT_IMPORT_MAX_UPLOAD_MB } from "@/lib/limits";
import { CONTRACT_FILES } from "./specs";

/**
 * Receiving the import page's upload (POST /import/upload) as a stream: the multipart body is
 * parsed as it arrives (busboy) and each CSV goes straight to a file in a temporary folder, so
 * memory stays flat whatever the size. The route is left out of proxy.ts's matcher, because
 * Next.js buffers (and cuts at 10 MB) the body of every request its proxy sees.
 *
 * The limit is IMPORT_MAX_UPLOAD_MB (default 200 MB) for all files of one upload together: a
 * Content-Length above it is refused before the body is read, and a body that grows past it is
 * cut off; both answer 413 with a message naming the limit.
 */

/** The upload limit: IMPORT_MAX_UPLOAD_MB when it is a positive number, else the default. */
export function importMaxUpload(env: Record<string, string | undefined> = process.env): { mb: number; bytes: number } {
  const value = Number(env.IMPORT_MAX_UPLOAD_MB);
  const mb = Number.isFinite(value) && value > 0 ? value : DEFAULT_IMPORT_MAX_UPLOAD_MB;
  return { mb, bytes: Math.floor(mb * 1024 * 1024) };
}

/** The message of a refused upload, naming the limit. */
export function uploadTooLargeMessage(mb: number): string {
  return `The upload is larger than the limit of ${mb} MB (IMPORT_MAX_UPLOAD_MB). Import the files in several uploads, or with npm run import.`;
}

/**
 * Which file names an upload accepts: `contract` = the data contract's file names (the CLI's
 * folder layout); `exports` = any CSV, XLSX or zip as a CRM names it (the guided import, issue 14:
 * the mapping layer detects what each file holds), stored under a safe name.
 */
export type UploadNames = "contract" | "exports";

/** Extensions the guided import accepts (lower case). */
export const EXPORT_EXTENSIONS: readonly string[] = [".csv", ".xlsx", ".zip"];

/** Files one guided upload may hold. */
export const MAX_EXPORT_FILES = 50;

/**
 * A browser's file name as a safe name in the upload folder: no folders, no leading dots,
 * only letters, digits, space and `._-()` (others become `_`), at most 150 characters with
 * the extension kept. "../../etc/Deals (2).CSV" → "Deals (2).CSV".
 */
export function safeExportName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC");
  const cleaned = base.replace(/[^\p{L}\p{N} ._()-]/gu, "_").replace(/^[. ]+/, "").trim();
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot) : "";
  const stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  return `${stem.slice(0, 150 - ext.length) || "file"}${ext}`;
}

export type UploadRefusal = { ok: false; status: 400 | 413; field: string; message: string };
export type ReceivedUpload = {
  ok: true;
  /** The form's text fields (strict, preset), by name. */
  fields: Record<string, string>;
  /** The contract files written to the folder, by their lower-case names. */
  files: string[];
};

/** Room for the multipart framing (boundaries, part headers, form fields) around the files. */
const FRAMING_ALLOWANCE = 1024 * 1024;

/**
 * Reads a multipart upload into `dir`: `files` parts named like contract files
 * (CONTRACT_FILES, case-insensitive) are written there, text fields are returned. Refusals:
 * not multipart (400), an unknown file name (400), no file (400), over the limit (413).
 */
export async function receiveUpload(
  req: Request,
  dir: string,
  limit = importMaxUpload(),
  names: UploadNames = "contract",
): Promise<ReceivedUpload | UploadRefusal> {
  const refuse = (status: 400 | 413, field: string, message: string): UploadRefusal => ({ ok: false, status, field, message });
  const tooLarge = () => refuse(413, "files", uploadTooLargeMessage(limit.mb));
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !req.body) {
    return refuse(400, "files", "Send the files as multipart/form-data.");
  }
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit.bytes + FRAMING_ALLOWANCE) return tooLarge();

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      limits: {
        fileSize: limit.bytes,
        files: names === "exports" ? MAX_EXPORT_FILES : CONTRACT_FILES.length * 2,
        fields: 20,
        fieldSize: 1024,
      },
    });
  } catch {
    return refuse(400, "files", "Send the files as multipart/form-data.");
  }
  const source = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
  const fields: Record<string, string> = {};
  const files: string[] = [];
  const unknown: string[] = [];
  const writes: WriteStream[] = [];
  let total = 0;
  let overLimit = false;

  const result = await new Promise<"done" | "too_large" | "broken">((resolve) => {
    const stop = (outcome: "too_large" | "broken") => {
      source.unpipe(parser);
      source.destroy();
      for (const w of writes) w.destroy();
      resolve(outcome);
    };
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      let fileName = info.filename?.toLowerCase() ?? "";
      if (name !== "files" || !fileName) {
        stream.resume();
        return;
      }
      if (names === "exports") {
        const safe = safeExportName(info.filename ?? "");
        if (!EXPORT_EXTENSIONS.some((ext) => safe.toLowerCase().endsWith(ext))) {
          unknown.push(info.filename ?? fileName);
          stream.resume();
          return;
        }
        // Two files of the same name (from two folders): the second gets " (2)".
        fileName = safe;
        for (let n = 2; files.some((f) => f.toLowerCase() === fileName.toLowerCase()); n++) {
          const dot = safe.lastIndexOf(".");
          fileName = `${safe.slice(0, dot)} (${n})${safe.slice(dot)}`;
        }
      } else if (!CONTRACT_FILES.includes(fileName) || files.includes(fileName)) {
        if (!CONTRACT_FILES.includes(fileName)) unknown.push(info.filename ?? fileName);
        stream.resume();
        return;
      }
      files.push(fileName);
      const out = createWriteStream(join(dir, fileName));
      writes.push(out);
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit.bytes && !overLimit) {
          overLimit = true;
          stop("too_large");
        }
      });
      stream.on("limit", () => {
        if (!overLimit) {
          overLimit = true;
          stop("too_large");
        }
      });
      stream.pipe(out);
    });
    parser.on("close", () => resolve("done"));
    parser.on("error", () => stop("broken"));
    source.on("error", () => stop("broken"));
    source.pipe(parser);
  });

  if (result === "too_large") return tooLarge();
  if (result === "broken") return refuse(400, "files", "The upload was interrupted or is not valid multipart/form-data.");
  try {
    await Promise.all(writes.map((w) => finished(w)));
  } catch {
    return refuse(400, "files", "The upload was interrupted.");
  }
  if (unknown.length > 0) {
    return names === "exports"
      ? refuse(400, "files", `Not a CSV, XLSX or zip file: ${unknown.join(", ")}. Export the data from your CRM as CSV or XLSX.`)
      : refuse(400, "files", `Unknown file name: ${unknown.join(", ")}. Expected ${CONTRACT_FILES.join(", ")}.`);
  }
  if (files.length === 0) return refuse(400, "files", names === "exports" ? "Choose at least one CSV, XLSX or zip file." : "Choose at least one CSV file.");
  return { ok: true, fields, files };
}
