import type { z } from "zod";
import { ACTION_MESSAGES, type ActionContext, type ActionState } from "@/lib/actions/action";
import type { Area } from "@/lib/authz/policy";
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
} from "./schemas";
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
  ROADMAP_MESSAGES,
} from "./service";

/**
 * The roadmap's server actions as (options, handler) pairs for the one action wrapper
 * (lib/actions/action.ts). actions.ts wraps them with `action()`; tests run them through
 * `runAction()` with a user and a test database — the same validation and authorization path.
 */
type Def<S extends z.ZodType, R> = {
  opts: { area: Area; access: "edit"; schema: S };
  run: (input: z.output<S>, ctx: ActionContext) => Promise<R>;
};
function def<S extends z.ZodType, R>(schema: S, run: Def<S, R>["run"]): Def<S, R> {
  return { opts: { area: "roadmap", access: "edit", schema }, run };
}

export const roadmapHandlers = {
  createCard: def(createCardSchema, (input, { db, user }) => createCard(db, user, input)),
  updateCard: def(updateCardSchema, (input, { db, user }) => updateCard(db, user, input)),
  moveCard: def(moveCardSchema, (input, { db, user }) => moveCard(db, user, input)),
  deleteCard: def(deleteCardSchema, (input, { db, user }) => deleteCard(db, user, input)),
  addComment: def(addCommentSchema, (input, { db, user }) => addComment(db, user, input)),
  createColumn: def(createColumnSchema, (input, { db, user }) => createColumn(db, user, input)),
  renameColumn: def(renameColumnSchema, (input, { db, user }) => renameColumn(db, user, input)),
  moveColumn: def(moveColumnSchema, (input, { db, user }) => moveColumn(db, user, input)),
  deleteColumn: def(deleteColumnSchema, (input, { db, user }) => deleteColumn(db, user, input)),
};

/**
 * A change refused for a stale version is a failure for the caller: `ok: false`, code "stale",
 * a clear message, and the fresh card in `data`.
 */
export function settleStale<R extends { status: string }>(state: ActionState<R>): ActionState<R> {
  if (state.ok && state.data?.status === "stale") {
    return { ok: false, code: "stale", error: ROADMAP_MESSAGES.stale, data: state.data };
  }
  return state;
}

export { ACTION_MESSAGES };
