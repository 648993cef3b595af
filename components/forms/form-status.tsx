/**
 * The status line under a form: an error (announced as an alert) or a success message, in a
 * polite live region so screen readers hear the outcome of a submit.
 */
export function FormStatus({
  error,
  success,
  className,
}: {
  error: string | null | undefined;
  success?: string | null;
  className?: string;
}) {
  return (
    <div aria-live="polite" aria-atomic="true" className={className}>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : success ? (
        <p className="form-success">{success}</p>
      ) : null}
    </div>
  );
}
