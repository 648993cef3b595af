import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/states/states";
import type { SourceTable } from "@/lib/dashboard/data-inputs";
import { loadDataStatus } from "@/lib/dashboard/data-status";

/**
 * A report page's note when sources it is computed from were never imported (issue 14 item 7):
 * "No sales activities imported yet: …" above the figures, which would otherwise read as real
 * zeros. Nothing when every source has records. The calling page has already checked the
 * user's area; this reads only whether tables hold records (lib/dashboard/data-status.ts).
 */
export async function MissingDataNote({ tables }: { tables: readonly SourceTable[] }) {
  const status = await loadDataStatus(await getDb());
  const missing = tables.filter((table) => status.find((s) => s.table === table)?.hasData !== true);
  if (missing.length === 0) return null;
  const t = await getTranslations("dashboard.sources");
  const format = await getFormatter();
  const sources = format.list(missing.map((table) => t(`names.${table}`)), { type: "conjunction" });
  return (
    <div data-testid="missing-data" data-missing={missing.join(" ")}>
      <EmptyState title={t("pageNote", { sources })} />
    </div>
  );
}
