import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/user";
import { can, type Action, type Area } from "@/lib/authz/policy";
import { zodFieldErrors } from "./zod-errors";

/**
 * The one server-action wrapper. Every server action is `action({ area, access, schema }, fn)`:
 * it validates the input with zod, checks the session and the policy on the server, runs `fn`,
 * and always answers with an ActionState (never throws to the client, never leaks a stack).
 * Works with React 19 `useActionState(boundAction, {})`.
 */
export type ActionState<R> = {
  ok?: boolean;
  data?: R;
  /** A message for the whole form (English; `code` lets the UI translate it). */
  error?: string;
  /** Machine-readable reason: unauthenticated | forbidden | invalid | unexpected | an ActionError code. */
  code?: string;
  /** Messages per field name (dotted path of the zod issue). */
  fieldErrors?: Record<string, string[]>;
};

export type ActionContext = { user: SessionUser; db: Db };

/** A failure to show the user as is: a message, optionally at one field. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly opts: { field?: string; code?: string } = {},
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export const ACTION_MESSAGES = {
  unauthenticated: "Please sign in again",
  forbidden: "You are not allowed to do this",
  invalid: "Please correct the highlighted fields",
  unexpected: "Something went wrong. Please try again.",
} as const;

export type ActionOptions<S extends z.ZodType> = { area: Area; access?: Action; schema: S };
export type ActionHandler<S extends z.ZodType, R> = (input: z.output<S>, ctx: ActionContext) => Promise<R>;

/** FormData to a plain object (Next's internal $ACTION_ fields dropped). */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = value;
  }
  return out;
}

/** The wrapper's core with the user and database given: what `action()` runs, and what tests call. */
export async function runAction<S extends z.ZodType, R>(
  user: SessionUser | null,
  db: Db | (() => Promise<Db>),
  opts: ActionOptions<S>,
  fn: ActionHandler<S, R>,
  input: FormData | z.input<S>,
): Promise<ActionState<R>> {
  if (!user) return { ok: false, code: "unauthenticated", error: ACTION_MESSAGES.unauthenticated };
  if (!can(user.role, opts.area, opts.access ?? "edit")) {
    return { ok: false, code: "forbidden", error: ACTION_MESSAGES.forbidden };
  }
  const raw: unknown = input instanceof FormData ? formDataToObject(input) : input;
  const parsed = opts.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, code: "invalid", error: ACTION_MESSAGES.invalid, fieldErrors: zodFieldErrors(parsed.error) };
  }
  try {
    const database = typeof db === "function" ? await db() : db;
    const data = await fn(parsed.data, { user, db: database });
    return { ok: true, data };
  } catch (err) {
    unstable_rethrow(err); // redirect(), notFound(), forbidden() etc. are Next's control flow
    if (err instanceof ActionError) {
      const { field, code } = err.opts;
      return {
        ok: false,
        code: code ?? "invalid",
        error: err.message,
        ...(field ? { fieldErrors: { [field]: [err.message] } } : {}),
      };
    }
    if (err instanceof z.ZodError) {
      return { ok: false, code: "invalid", error: ACTION_MESSAGES.invalid, fieldErrors: zodFieldErrors(err) };
    }
    console.error(`[action ${opts.area}] unexpected error`, err);
    return { ok: false, code: "unexpected", error: ACTION_MESSAGES.unexpected };
  }
}

/**
 * Defines a server action (export it from a "use server" module). `access` defaults to "edit":
 * server actions change things.
 */
export function action<S extends z.ZodType, R>(
  opts: ActionOptions<S>,
  fn: ActionHandler<S, R>,
): (prev: ActionState<R>, formData: FormData | z.input<S>) => Promise<ActionState<R>> {
  return async (_prev, formData) => {
    const [{ getCurrentUser }, { getDb }] = await Promise.all([import("@/lib/auth/session"), import("@/db/client")]);
    let user: SessionUser | null;
    try {
      user = await getCurrentUser();
    } catch (err) {
      unstable_rethrow(err);
      console.error(`[action ${opts.area}] session lookup failed`, err);
      return { ok: false, code: "unexpected", error: ACTION_MESSAGES.unexpected };
    }
    return runAction(user, getDb, opts, fn, formData);
  };
}
