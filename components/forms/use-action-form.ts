import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action";

/**
 * The one way a form reads the answer of a server action (`ActionState` from
 * lib/actions/action.ts): which message goes in the form's status line (FormStatus) and which
 * under each field (FieldError), translated from the area's message catalogue:
 * - `errors.<code>` for the whole form (a validation failure reads `errors.invalid`,
 *   "please correct the highlighted fields", beside the fields' own messages);
 * - at a field, for a validation failure: the field's hint `fieldErrors.<hintKey>` when the
 *   catalogue has one, else each message as `validation.<message>` (or as sent);
 * - a refusal the service made at one field (e.g. email_taken, last_admin): `errors.<code>`,
 *   shown once — at that field when the form shows it (listed in `fields`), else in the status.
 */

/** What the hook needs of a next-intl translator. */
export type Translate = { (key: string): string; has(key: string): boolean };

/** The catalogues whose forms use this hook (each has `errors.*`, and optionally `validation.*`, `fieldErrors.*`). */
export type FormNamespace = "admin" | "roadmap" | "sla" | "content" | "dashboard" | "workspace" | "importPage";

export type ActionFormOptions = {
  namespace: FormNamespace;
  /**
   * Prefix of the fields' ids: field `name` gets id `${id}-${name}`, its hint (if any)
   * `${id}-${name}-hint`, its message `${id}-${name}-error`.
   */
  id: string;
  /** The fields this form shows messages at (a refusal at another field goes to the status line). */
  fields?: readonly string[];
};

export type ActionField = {
  /** Spread on the input/select/textarea. */
  props: { id: string; name: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };
  /** The field's message, or null. */
  message: string | null;
  /** The id FieldError takes. */
  errorId: string;
  /** The id the field's hint element takes (described-by only with `hint: true`). */
  hintId: string;
};

export type ActionFieldOptions = {
  /** Its `fieldErrors.*` hint in the catalogue, when not the field's name. */
  hintKey?: string;
  /** The field has a hint element (id `hintId`): described by it, then by its message. */
  hint?: boolean;
};

/** What useActionForm gives a form. */
export type ActionForm = {
  /** The status line's message (FormStatus `error`). */
  formError: string | null;
  /** One field's props, message and ids. */
  field(name: string, opts?: ActionFieldOptions): ActionField;
};

const isRefusal = (state: ActionState<unknown>) => state.ok === false && state.code !== undefined && state.code !== "invalid";

/** The status-line message of a state: null when ok, pending, or when the message sits at a shown field. */
export function formErrorOf(t: Translate, state: ActionState<unknown>, fields: readonly string[] = []): string | null {
  if (state.ok !== false) return null;
  const code = state.code ?? "unexpected";
  if (isRefusal(state) && Object.keys(state.fieldErrors ?? {}).some((f) => fields.includes(f))) return null;
  return t.has(`errors.${code}`) ? t(`errors.${code}`) : (state.error ?? t("errors.unexpected"));
}

/** The message at one field, or null. `hintKey` names its `fieldErrors.*` hint (default: the field name). */
export function fieldErrorOf(t: Translate, state: ActionState<unknown>, name: string, hintKey: string = name): string | null {
  const messages = state.fieldErrors?.[name];
  if (!messages || messages.length === 0) return null;
  const code = state.code ?? "";
  if (isRefusal(state) && t.has(`errors.${code}`)) return t(`errors.${code}`);
  if (!isRefusal(state) && t.has(`fieldErrors.${hintKey}`)) return t(`fieldErrors.${hintKey}`);
  return messages.map((m) => (t.has(`validation.${m}`) ? t(`validation.${m}`) : m)).join(" ");
}

/**
 * A form's messages for its current action state: `formError` for FormStatus, and `field(name)`
 * for each field's props, and the ids and message its hint and FieldError take.
 */
export function useActionForm(state: ActionState<unknown>, opts: ActionFormOptions): ActionForm {
  const t: Translate = useTranslations(opts.namespace);
  return {
    formError: formErrorOf(t, state, opts.fields),
    field(name: string, fieldOpts: ActionFieldOptions = {}): ActionField {
      const id = `${opts.id}-${name}`;
      const errorId = `${id}-error`;
      const hintId = `${id}-hint`;
      const message = fieldErrorOf(t, state, name, fieldOpts.hintKey);
      const describedBy = [fieldOpts.hint ? hintId : null, message ? errorId : null].filter(Boolean).join(" ") || undefined;
      return {
        props: { id, name, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy },
        message,
        errorId,
        hintId,
      };
    },
  };
}

/** For answers that arrive outside a form's state (e.g. a drag and drop): state → status-line message. */
export function useActionError(namespace: FormNamespace): (state: ActionState<unknown>) => string | null {
  const t: Translate = useTranslations(namespace);
  return (state) => formErrorOf(t, state);
}
