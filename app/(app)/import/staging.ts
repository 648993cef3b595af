import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUploadId } from "./upload-id";

/**
 * The guided import keeps the uploaded files on the server between its steps (analysis,
 * dry run, import), so a large export is sent once. Each upload is a folder
 * `<tmp>/alignboard-import/<uuid>` with an `owner.json` naming the user who uploaded it: only
 * that user can analyse or import it (checked on every request, besides the admin check).
 * Folders are removed after the import, and any left over (an abandoned flow) after
 * STAGED_UPLOAD_TTL_MS, swept at the next upload.
 */

/** An abandoned upload is removed after this long (6 hours). */
export const STAGED_UPLOAD_TTL_MS = 6 * 60 * 60 * 1000;

const root = () => join(tmpdir(), "alignboard-import");
const OWNER_FILE = ".owner.json";

/** A new, empty upload folder owned by `userId`. */
export async function createStagedUpload(userId: number): Promise<{ id: string; dir: string }> {
  await sweepStagedUploads().catch((err: unknown) => console.error("sweeping old uploads failed", err));
  const id = randomUUID();
  const dir = join(root(), id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, OWNER_FILE), JSON.stringify({ userId, createdAt: Date.now() }), { mode: 0o600 });
  return { id, dir };
}

/**
 * The folder of upload `id` when it exists and `userId` uploaded it, else null (an unknown,
 * malformed or foreign id is answered the same way: nothing to say about other users' uploads).
 * The owner file is hidden from the mapping layer by its leading dot.
 */
export async function openStagedUpload(id: string, userId: number): Promise<string | null> {
  if (!isUploadId(id)) return null;
  const dir = join(root(), id);
  try {
    const owner = JSON.parse(await readFile(join(dir, OWNER_FILE), "utf8")) as { userId?: unknown };
    return owner.userId === userId ? dir : null;
  } catch {
    return null;
  }
}

/** Removes upload `id` (after its import, or when the user starts over). */
export async function removeStagedUpload(id: string): Promise<void> {
  if (!isUploadId(id)) return;
  await rm(join(root(), id), { recursive: true, force: true });
}

/** Removes uploads older than the TTL. */
async function sweepStagedUploads(now = Date.now()): Promise<void> {
  const entries = await readdir(root()).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!isUploadId(entry)) continue;
    const info = await stat(join(root(), entry)).catch(() => null);
    if (info && now - info.mtimeMs > STAGED_UPLOAD_TTL_MS) await rm(join(root(), entry), { recursive: true, force: true });
  }
}
