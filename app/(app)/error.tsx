"use client";

import { useTranslations } from "next-intl";

/** Shown instead of a stack trace when a page fails; details stay in the server log. */
export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="card" role="alert">
      <h1>{t("errorTitle")}</h1>
      <p>{t("errorBody")}</p>
      <button type="button" className="btn" onClick={reset}>
        {t("tryAgain")}
      </button>
    </div>
  );
}
