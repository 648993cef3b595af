"use client";

import { useId, useTransition } from "react";
import { useRouter } from "next/navigation";

/**
 * A labelled language select. `setLocale` is the server action that saves the choice (on the
 * user and in a cookie), handed down by the layout so this component stays free of app code.
 */
export function LocaleSwitcher({
  current,
  label,
  options,
  setLocale,
}: {
  current: string;
  label: string;
  options: { value: string; label: string }[];
  setLocale: (locale: string) => Promise<{ error?: string }>;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <span className="locale-switcher">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        value={current}
        disabled={pending}
        onChange={(event) => {
          const value = event.target.value;
          startTransition(async () => {
            await setLocale(value);
            router.refresh();
          });
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
