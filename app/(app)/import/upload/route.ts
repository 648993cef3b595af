import { mkdtemp, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { importFolder } from "@/lib/import";
import { withSameOrigin } from "@/lib/security/same-origin";
import { IMPORT_FILE_NAMES, uploadOptionsSchema } from "../upload-options";

/**
 * POST /import/upload: the web upload of CSV exports. The files go through the same importer
 * as `npm run import`; the answer is a stream of JSON lines (progress while it runs, then the
 * report) so the page can show progress on long imports. Cross-site requests are refused (CSRF).
 */
export const POST = withSameOrigin(async (req: Request): Promise<Response> => {
  const json = (status: number, field: string | null, message: string) =>
    Response.json({ error: { code: status === 400 ? "bad_request" : "forbidden", message, field } }, { status });
  const user = await getCurrentUser();
  if (!user) return json(401, null, "Please sign in again.");
  if (!can(user.role, "import", "edit")) return json(403, null, "Your role may not import data.");

  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return json(400, "files", "Send the files as multipart/form-data.");
  }
  const options = uploadOptionsSchema.safeParse({
    strict: form.get("strict") ?? undefined,
    preset: form.get("preset") ?? undefined,
  });
  if (!options.success) {
    const issue = options.error.issues[0];
    return json(400, String(issue?.path[0] ?? "options"), issue?.message ?? "Invalid options.");
  }
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
  if (files.length === 0) return json(400, "files", "Choose at least one CSV file.");
  const unknown = files.map((f) => f.name).filter((name) => !IMPORT_FILE_NAMES.includes(name.toLowerCase()));
  if (unknown.length > 0) {
    return json(400, "files", `Unknown file name: ${unknown.join(", ")}. Expected ${IMPORT_FILE_NAMES.join(", ")}.`);
  }

  const dir = await mkdtemp(join(tmpdir(), "alignboard-upload-"));
  try {
    for (const file of files) {
      await pipeline(
        Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>),
        createWriteStream(join(dir, file.name.toLowerCase())),
      );
    }
  } catch {
    await rm(dir, { recursive: true, force: true });
    return json(400, "files", "The upload was interrupted.");
  }

  const db = await getDb();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      try {
        const report = await importFolder(db, dir, {
          strict: options.data.strict,
          preset: options.data.preset,
          source: "upload",
          startedBy: user.id,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < 200) return;
            last = now;
            send({ type: "progress", ...p });
          },
        });
        send({ type: "report", report });
      } catch (err) {
        console.error("upload import failed", err);
        send({ type: "error", message: "The import failed; nothing of the file in progress was kept." });
      } finally {
        await rm(dir, { recursive: true, force: true });
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store" } });
});
