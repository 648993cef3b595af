"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import type { GlossaryTerm } from "@/lib/glossary/queries";
import { approveTermSchema, createTermSchema, updateTermSchema } from "@/lib/glossary/schemas";
import { approveTerm, createTerm, updateTerm, type TermMutation } from "@/lib/glossary/service";

/**
 * The glossary's server actions, glossary/edit through the one wrapper. A change based on a stale
 * version answers `{ ok: false, code: "stale", data: { status: "stale", term } }` with the fresh term.
 */
function changed<R>(result: R): R {
  revalidatePath("/glossary", "layout");
  revalidatePath("/assessment");
  return result;
}

export const createTermAction = action(
  { area: "glossary", access: "edit", schema: createTermSchema },
  async (input, { db, user }): Promise<GlossaryTerm> => changed(await createTerm(db, user, input)),
);

export const updateTermAction = action(
  { area: "glossary", access: "edit", schema: updateTermSchema },
  async (input, { db, user }): Promise<TermMutation> => changed(await updateTerm(db, user, input)),
);

export const approveTermAction = action(
  { area: "glossary", access: "edit", schema: approveTermSchema },
  async (input, { db, user }): Promise<TermMutation> => changed(await approveTerm(db, user, input)),
);
