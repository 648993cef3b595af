"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useTranslations } from "next-intl";

/**
 * Shown in place of a widget whose report computation was refused by admission control
 * (lib/cache/admission.ts: too many at once on this instance): says so, and refreshes the page's
 * server components after `seconds` — by then the result is usually in the report cache.
 */
export function BusyRetry({ seconds }: { seconds: number }) {
  const t = useTranslations("dashboard");
  const router = useRouter();
  useEffect(() => {
    const timer = setTimeout(() => router.refresh(), seconds * 1000);
    return () => clearTimeout(timer);
  }, [router, seconds]);
  return (
    <p className="card muted" role="status" aria-live="polite" data-testid="report-busy">
      {t("busyRetrying", { seconds })}
    </p>
  );
}
