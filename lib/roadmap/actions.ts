"use server";

import { revalidatePath } from "next/cache";
import { action, type ActionState } from "@/lib/actions/action";
import { roadmapHandlers as h, settleStale } from "./handlers";
import type { BoardColumn, CardComment, BoardCard } from "./queries";
import type { CardMutation, DeleteResult } from "./service";
import type {
  AddCommentInput,
  CreateCardInput,
  CreateColumnInput,
  DeleteCardInput,
  DeleteColumnInput,
  MoveCardInput,
  MoveColumnInput,
  RenameColumnInput,
  UpdateCardInput,
} from "./schemas";

/**
 * The roadmap's server actions (React 19 `useActionState`, or called from client code with an
 * object). Each validates with zod, checks the session and the roadmap rules, writes audit_log.
 * A change based on a stale card version answers `{ ok: false, code: "stale", data: { card } }`.
 */
const createCardAction = action(h.createCard.opts, h.createCard.run);
const updateCardAction = action(h.updateCard.opts, h.updateCard.run);
const moveCardAction = action(h.moveCard.opts, h.moveCard.run);
const deleteCardAction = action(h.deleteCard.opts, h.deleteCard.run);
const addCommentAction = action(h.addComment.opts, h.addComment.run);
const createColumnAction = action(h.createColumn.opts, h.createColumn.run);
const renameColumnAction = action(h.renameColumn.opts, h.renameColumn.run);
const moveColumnAction = action(h.moveColumn.opts, h.moveColumn.run);
const deleteColumnAction = action(h.deleteColumn.opts, h.deleteColumn.run);

function revalidate<R>(state: ActionState<R>): ActionState<R> {
  if (state.ok) revalidatePath("/roadmap", "layout");
  return state;
}

export async function createCardServerAction(
  prev: ActionState<BoardCard>,
  input: FormData | CreateCardInput,
): Promise<ActionState<BoardCard>> {
  return revalidate(await createCardAction(prev, input));
}

export async function updateCardServerAction(
  prev: ActionState<CardMutation>,
  input: FormData | UpdateCardInput,
): Promise<ActionState<CardMutation>> {
  return revalidate(settleStale(await updateCardAction(prev, input)));
}

export async function moveCardServerAction(
  prev: ActionState<CardMutation>,
  input: FormData | MoveCardInput,
): Promise<ActionState<CardMutation>> {
  return revalidate(settleStale(await moveCardAction(prev, input)));
}

export async function deleteCardServerAction(
  prev: ActionState<DeleteResult>,
  input: FormData | DeleteCardInput,
): Promise<ActionState<DeleteResult>> {
  return revalidate(settleStale(await deleteCardAction(prev, input)));
}

export async function addCommentServerAction(
  prev: ActionState<CardComment>,
  input: FormData | AddCommentInput,
): Promise<ActionState<CardComment>> {
  return revalidate(await addCommentAction(prev, input));
}

export async function createColumnServerAction(
  prev: ActionState<BoardColumn[]>,
  input: FormData | CreateColumnInput,
): Promise<ActionState<BoardColumn[]>> {
  return revalidate(await createColumnAction(prev, input));
}

export async function renameColumnServerAction(
  prev: ActionState<BoardColumn[]>,
  input: FormData | RenameColumnInput,
): Promise<ActionState<BoardColumn[]>> {
  return revalidate(await renameColumnAction(prev, input));
}

export async function moveColumnServerAction(
  prev: ActionState<BoardColumn[]>,
  input: FormData | MoveColumnInput,
): Promise<ActionState<BoardColumn[]>> {
  return revalidate(await moveColumnAction(prev, input));
}

export async function deleteColumnServerAction(
  prev: ActionState<BoardColumn[]>,
  input: FormData | DeleteColumnInput,
): Promise<ActionState<BoardColumn[]>> {
  return revalidate(await deleteColumnAction(prev, input));
}
