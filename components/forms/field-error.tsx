/**
 * The message under a field whose value was refused. `id` is what the field's
 * `aria-describedby` points at (useActionForm's `field()` gives both).
 */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}
