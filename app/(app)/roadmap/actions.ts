"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import type { BoardCard, BoardColumn, CardComment } from "@/lib/roadmap/queries";
import {
  addCommentSchema,
  createCardSchema,
  createColumnSchema,
  deleteCardSchema,
  deleteColumnSchema,
  moveCardSchema,
  moveColumnSchema,
  renameColumnSchema,
  updateCardSchema,
} from "@/lib/roadmap/schemas";
import {
  addComment,
  createCard,
  createColumn,
  deleteCard,
  deleteColumn,
  moveCard,
  moveColumn,
  renameColumn,
  updateCard,
  type CardMutation,
  type DeleteResult,
} from "@/lib/roadmap/service";

/**
 * The roadmap's server actions (React 19 `useActionState`, or called from client code with an
 * object). Each is roadmap/edit through the one action wrapper (zod, session, policy); the
 * service (lib/roadmap/service.ts) checks the card-level rules, writes audit_log, and refuses
 * with DomainErrors. A change based on a stale card version answers
 * `{ ok: false, code: "stale", data: { status: "stale", card } }` with the fresh card.
 */

/** After a change: the board and every card page show it on their next render. */
function changed<R>(result: R): R {
  revalidatePath("/roadmap", "layout");
  return result;
}

export const createCardAction = action(
  { area: "roadmap", access: "edit", schema: createCardSchema },
  async (input, { db, user }): Promise<BoardCard> => changed(await createCard(db, user, input)),
);

export const updateCardAction = action(
  { area: "roadmap", access: "edit", schema: updateCardSchema },
  async (input, { db, user }): Promise<CardMutation> => changed(await updateCard(db, user, input)),
);

export const moveCardAction = action(
  { area: "roadmap", access: "edit", schema: moveCardSchema },
  async (input, { db, user }): Promise<CardMutation> => changed(await moveCard(db, user, input)),
);

export const deleteCardAction = action(
  { area: "roadmap", access: "edit", schema: deleteCardSchema },
  async (input, { db, user }): Promise<DeleteResult> => changed(await deleteCard(db, user, input)),
);

export const addCommentAction = action(
  { area: "roadmap", access: "edit", schema: addCommentSchema },
  async (input, { db, user }): Promise<CardComment> => changed(await addComment(db, user, input)),
);

export const createColumnAction = action(
  { area: "roadmap", access: "edit", schema: createColumnSchema },
  async (input, { db, user }): Promise<BoardColumn[]> => changed(await createColumn(db, user, input)),
);

export const renameColumnAction = action(
  { area: "roadmap", access: "edit", schema: renameColumnSchema },
  async (input, { db, user }): Promise<BoardColumn[]> => changed(await renameColumn(db, user, input)),
);

export const moveColumnAction = action(
  { area: "roadmap", access: "edit", schema: moveColumnSchema },
  async (input, { db, user }): Promise<BoardColumn[]> => changed(await moveColumn(db, user, input)),
);

export const deleteColumnAction = action(
  { area: "roadmap", access: "edit", schema: deleteColumnSchema },
  async (input, { db, user }): Promise<BoardColumn[]> => changed(await deleteColumn(db, user, input)),
);
