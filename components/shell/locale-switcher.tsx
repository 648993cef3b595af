"use client";

import { useId, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setLocale } from "@/lib/i18n/actions";

/** A labelled language select; the choice is saved on the user (and in a cookie). */
export function LocaleSwitcher({
  current,
  label,
  options,
}: {
  current: string;
  label: string;
  options: { value: string; label: string }[];
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
