import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { can } from "@/lib/authz/policy";
import { withSameOrigin } from "@/lib/security/same-origin";
import { receiveUpload, importMaxUpload } from "@/lib/import/upload";
import { mappingNameField } from "../flow-schemas";
import { analyseUpload } from "../mapping-api";
import { createStagedUpload, removeStagedUpload } from "../staging";

/**
 * POST /import/upload: the first step of the guided import (issue 14 item 6). The CRM's
 * exports (CSV, XLSX, zip; any names) are streamed to a folder of this user's own on the
 * server (../staging.ts), up to IMPORT_MAX_UPLOAD_MB (lib/import/upload.ts; 413 naming the
 * limit beyond), and analysed by the mapping layer: the answer is `{ uploadId, analysis }`
 * (which CRM and object each file is, its columns, a preview, the unknown values). The later
 * steps (POST /import/run, the analyse action) name the upload by its id. Admins only;
 * cross-site requests are refused (CSRF). proxy.ts's matcher leaves this path out (Next's proxy
 * would buffer the body and cut it at 10 MB); its security headers come from next.config.mjs.
 */
export const POST = withSameOrigin(async (req: Request): Promise<Response> => {
  const CODES: Record<number, string> = { 400: "bad_request", 401: "unauthorized", 403: "forbidden", 413: "too_large" };
  const json = (status: number, field: string | null, message: string) =>
    Response.json({ error: { code: CODES[status] ?? "bad_request", message, field } }, { status, headers: { "Cache-Control": "no-store" } });
  const user = await getCurrentUser();
  if (!user) return json(401, null, "Please sign in again.");
  if (!can(user.role, "import", "edit")) return json(403, null, "Your role may not import data.");

  const staged = await createStagedUpload(user.id);
  const upload = await receiveUpload(req, staged.dir, importMaxUpload(), "exports").catch((err: unknown) => {
    console.error("upload failed", err);
    return { ok: false, status: 400, field: "files", message: "The upload was interrupted." } as const;
  });
  if (!upload.ok) {
    await removeStagedUpload(staged.id);
    return json(upload.status, upload.field, upload.message);
  }
  const savedName = upload.fields.savedName ? mappingNameField.safeParse(upload.fields.savedName) : null;
  if (savedName && !savedName.success) {
    await removeStagedUpload(staged.id);
    return json(400, "savedName", `savedName: ${savedName.error.issues[0]?.message ?? "is not valid"}`);
  }
  try {
    const analysis = await analyseUpload(await getDb(), staged.dir, savedName ? { savedName: savedName.data } : {});
    return Response.json({ uploadId: staged.id, analysis }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof DomainError) {
      await removeStagedUpload(staged.id);
      return json(400, err.field ?? "files", err.message);
    }
    console.error("analysing the upload failed", err);
    await removeStagedUpload(staged.id);
    return json(400, "files", "The files could not be read. Export them again from your CRM as CSV or XLSX.");
  }
});
