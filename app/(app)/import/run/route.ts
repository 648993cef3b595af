import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { withSameOrigin } from "@/lib/security/same-origin";
import { zodFieldErrors } from "@/lib/actions/zod-errors";
import { runRequestSchema } from "../flow-schemas";
import { importUpload } from "../mapping-api";
import { openStagedUpload, removeStagedUpload } from "../staging";

/** Progress lines are sent at most this often (ms). */
const PROGRESS_EVERY_MS = 200;

/**
 * POST /import/run `{ uploadId, mapping, dryRun }`: the dry run (changes nothing) or the import
 * of an upload the same user made (POST /import/upload) with the mapping of the guided import.
 * The answer is a stream of JSON lines, progress while it runs, then the report with its errors
 * grouped by cause (or an error line), so the page can show progress on long imports. After an
 * import (not a dry run) the uploaded files are removed. Admins only; cross-site requests refused.
 */
export const POST = withSameOrigin(async (req: Request): Promise<Response> => {
  const json = (status: number, code: string, field: string | null, message: string) =>
    Response.json({ error: { code, message, field } }, { status, headers: { "Cache-Control": "no-store" } });
  const user = await getCurrentUser();
  if (!user) return json(401, "unauthorized", null, "Please sign in again.");
  if (!can(user.role, "import", "edit")) return json(403, "forbidden", null, "Your role may not import data.");

  const body: unknown = await req.json().catch(() => null);
  const parsed = runRequestSchema.safeParse(body);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    const [key, messages] = Object.entries(errors)[0] ?? ["", ["is not valid JSON"]];
    const field = key || "body";
    return json(400, "bad_request", field, `${field}: ${messages[0] ?? "is not valid"}`);
  }
  const { uploadId, mapping, dryRun } = parsed.data;
  const dir = await openStagedUpload(uploadId, user.id);
  if (!dir) return json(404, "not_found", "uploadId", "This upload is no longer on the server; upload the files again.");

  const db = await getDb();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      try {
        const report = await importUpload(db, dir, {
          mapping,
          dryRun,
          source: "upload",
          startedBy: user.id,
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            send({ type: "progress", ...p });
          },
        });
        send({ type: "report", report });
        if (!dryRun) await removeStagedUpload(uploadId);
      } catch (err) {
        console.error(dryRun ? "upload dry run failed" : "upload import failed", err);
        send({
          type: "error",
          message: dryRun ? "The dry run failed; nothing was changed." : "The import failed; nothing of the file in progress was kept.",
        });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store" } });
});
