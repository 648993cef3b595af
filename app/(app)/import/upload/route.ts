import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { importFolder } from "@/lib/import";
import { withSameOrigin } from "@/lib/security/same-origin";
import { receiveUpload } from "@/lib/import/upload";
import { uploadOptionsSchema } from "../upload-options";

/**
 * POST /import/upload: the web upload of CSV exports. The files go through the same importer
 * as `npm run import`; the answer is a stream of JSON lines (progress while it runs, then the
 * report) so the page can show progress on long imports. Cross-site requests are refused (CSRF).
 * The body is streamed to disk as it arrives, up to IMPORT_MAX_UPLOAD_MB (lib/import/upload.ts;
 * 413 naming the limit beyond). proxy.ts's matcher leaves this path out (Next's proxy would
 * buffer the body and cut it at 10 MB); its security headers come from next.config.mjs.
 */
export const POST = withSameOrigin(async (req: Request): Promise<Response> => {
  const CODES: Record<number, string> = { 400: "bad_request", 401: "unauthorized", 403: "forbidden", 413: "too_large" };
  const json = (status: number, field: string | null, message: string) =>
    Response.json({ error: { code: CODES[status] ?? "bad_request", message, field } }, { status, headers: { "Cache-Control": "no-store" } });
  const user = await getCurrentUser();
  if (!user) return json(401, null, "Please sign in again.");
  if (!can(user.role, "import", "edit")) return json(403, null, "Your role may not import data.");

  const dir = await mkdtemp(join(tmpdir(), "alignboard-upload-"));
  const upload = await receiveUpload(req, dir).catch((err: unknown) => {
    console.error("upload failed", err);
    return { ok: false, status: 400, field: "files", message: "The upload was interrupted." } as const;
  });
  if (!upload.ok) {
    await rm(dir, { recursive: true, force: true });
    return json(upload.status, upload.field, upload.message);
  }
  const options = uploadOptionsSchema.safeParse({
    strict: upload.fields.strict ?? undefined,
    preset: upload.fields.preset ?? undefined,
  });
  if (!options.success) {
    await rm(dir, { recursive: true, force: true });
    const issue = options.error.issues[0];
    return json(400, String(issue?.path[0] ?? "options"), issue?.message ?? "Invalid options.");
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
