"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { DomainError } from "@/lib/errors";
import { analyseInputSchema, saveMappingInputSchema } from "./flow-schemas";
import { analyseUpload, saveMapping } from "./mapping-api";
import { openStagedUpload, removeStagedUpload } from "./staging";
import { z } from "zod";
import { uploadIdField } from "./flow-schemas";

/**
 * Server actions of the guided import (admins only: area "import", edit). The upload itself
 * and the runs stream, so they are route handlers (upload/route.ts, run/route.ts); these are
 * the small requests between them.
 */

const uploadGone = () =>
  new DomainError("not_found", "This upload is no longer on the server; upload the files again.", { key: "upload_gone", field: "uploadId" });

/** Analyses an upload again: with the user's mapping so far (columns changed), or starting from a saved mapping. */
export const analyseAction = action({ area: "import", access: "edit", schema: analyseInputSchema }, async (input, { user, db }) => {
  const dir = await openStagedUpload(input.uploadId, user.id);
  if (!dir) throw uploadGone();
  return analyseUpload(db, dir, { mapping: input.mapping, savedName: input.savedName });
});

/** Saves the mapping under a name (a new name, or the saved mapping of that name at `version`). */
export const saveMappingAction = action({ area: "import", access: "edit", schema: saveMappingInputSchema }, async (input, { user, db }) => {
  const saved = await saveMapping(db, { name: input.name, definition: input.mapping, expectedVersion: input.version ?? null }, { userId: user.id });
  revalidatePath("/import");
  return saved;
});

/** Drops an upload the user abandons ("start over"). */
export const discardUploadAction = action(
  { area: "import", access: "edit", schema: z.object({ uploadId: uploadIdField }) },
  async (input, { user }) => {
    if (await openStagedUpload(input.uploadId, user.id)) await removeStagedUpload(input.uploadId);
    return { discarded: true };
  },
);
