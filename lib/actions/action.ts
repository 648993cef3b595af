import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/user";
import { can, type Action, type Area } from "@/lib/authz/policy";
import { DomainError } from "@/lib/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { controlCharacterMessage, hasForbiddenControl } from "@/lib/limits";
import { zodFieldErrors } from "./zod-errors";

/**
 * The one server-action wrapper. Every server action is `action({ area, access, schema }, fn)`:
 * it validates the input with zod, checks the session and the policy on the server, runs `fn`,
 * and always answers with an ActionState (never throws to the client, never leaks a stack).
 * `fn` calls the area's services, which refuse with a DomainError (lib/errors.ts); this is the
 * one place that maps those to what a form shows. Works with React 19
 * `useActionState(boundAction, {})`; components/forms/use-action-form.ts reads the state.
 */
export type ActionState<R> = {
  ok?: boolean;
  /**
   * The result when ok; on a refusal, the DomainError's payload when it has one (e.g. the fresh
   * card of a "stale" refusal). An action whose refusals carry a payload includes the payload's
   * type in R.
   */
  data?: R;
  /** A message for the whole form (English; `code` lets the UI translate it). */
  error?: string;
  /**
   * Machine-readable reason: unauthenticated | forbidden | invalid | unexpected | unavailable, or the key of
   * a DomainError (its code unless it names a more precise key, e.g. "column_not_empty").
   */
  code?: string;
  /** Messages per field name (dotted path of the zod issue, or the DomainError's field). */
  fieldErrors?: Record<string, string[]>;
};

export type ActionContext = { user: SessionUser; db: Db };

export const ACTION_MESSAGES = {
  unauthenticated: "Please sign in again",
  forbidden: "You are not allowed to do this",
  invalid: "Please correct the highlighted fields",
  unexpected: "Something went wrong. Please try again.",
  unavailable: DATABASE_UNAVAILABLE_MESSAGE,
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

/**
 * Field errors for text no action accepts, whatever its schema: a NUL or other control
 * character (lib/limits.ts) in any string of the input, at the top level or nested (the field
 * is its dotted path). Null when there is none.
 */
export function controlCharacterErrors(raw: unknown): Record<string, string[]> | null {
  const out: Record<string, string[]> = {};
  const visit = (value: unknown, path: string, depth: number) => {
    if (typeof value === "string") {
      if (hasForbiddenControl(value)) out[path] = [controlCharacterMessage(value)];
    } else if (depth < 5 && Array.isArray(value)) {
      value.forEach((v, i) => visit(v, path ? `${path}.${i}` : String(i), depth + 1));
    } else if (depth < 5 && value !== null && typeof value === "object" && !(value instanceof Blob)) {
      for (const [k, v] of Object.entries(value)) {
        const key = hasForbiddenControl(k) ? "(field name)" : k;
        if (key !== k) out[key] = [controlCharacterMessage(k)];
        else visit(v, path ? `${path}.${k}` : k, depth + 1);
      }
    }
  };
  visit(raw, "", 0);
  return Object.keys(out).length > 0 ? out : null;
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
  const badText = controlCharacterErrors(raw);
  if (badText) return { ok: false, code: "invalid", error: ACTION_MESSAGES.invalid, fieldErrors: badText };
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
    if (err instanceof DomainError) return refusal<R>(err);
    if (err instanceof z.ZodError) {
      return { ok: false, code: "invalid", error: ACTION_MESSAGES.invalid, fieldErrors: zodFieldErrors(err) };
    }
    if (isDatabaseUnavailable(err)) {
      console.error(`[action ${opts.area}] database unavailable:`, err instanceof Error ? err.message : err);
      return { ok: false, code: "unavailable", error: ACTION_MESSAGES.unavailable };
    }
    console.error(`[action ${opts.area}] unexpected error`, err);
    return { ok: false, code: "unexpected", error: ACTION_MESSAGES.unexpected };
  }
}

/** The state of a request a service refused: its message (at its field) and its payload. */
function refusal<R>(err: DomainError): ActionState<R> {
  return {
    ok: false,
    code: err.key,
    error: err.message,
    ...(err.field ? { fieldErrors: { [err.field]: [err.message] } } : {}),
    // The action's R includes the payload's type (see ActionState.data).
    ...(err.payload !== undefined ? { data: err.payload as R } : {}),
  };
}

/** A server action as `action()` makes it: `(previous state, FormData or input) => state`. */
export type ServerAction<I, R> = (prev: ActionState<R>, input: FormData | I) => Promise<ActionState<R>>;

type Definition = { opts: ActionOptions<z.ZodType>; fn: ActionHandler<z.ZodType, unknown> };
/** Each action()'s options and handler, so runActionAs() can run the very same definition. */
const definitions = new WeakMap<object, Definition>();

/**
 * Defines a server action (export it from a "use server" module in app/). `access` defaults to
 * "edit": server actions change things.
 */
export function action<S extends z.ZodType, R>(opts: ActionOptions<S>, fn: ActionHandler<S, R>): ServerAction<z.input<S>, R> {
  const serverAction: ServerAction<z.input<S>, R> = async (_prev, formData) => {
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
  definitions.set(serverAction, { opts, fn } as unknown as Definition);
  return serverAction;
}

/**
 * Runs a server action made by `action()` as `user` on `db`, without a request: the same
 * validation, policy check, handler and error mapping the app gets through the session. For
 * tests of an area's actions.
 */
export function runActionAs<I, R>(
  serverAction: ServerAction<I, R>,
  user: SessionUser | null,
  db: Db,
  input: FormData | I,
): Promise<ActionState<R>> {
  const definition = definitions.get(serverAction);
  if (!definition) throw new Error("runActionAs: not a server action made by action()");
  return runAction(user, db, definition.opts, definition.fn as ActionHandler<z.ZodType, R>, input);
}
