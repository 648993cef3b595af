import { getTranslations } from "next-intl/server";
import type { Db } from "@/db/client";
import { now } from "@/lib/clock";
import { buildContext, type OrgSettings } from "@/lib/kpi";
import { loadRecords, type RecordPage } from "@/lib/dashboard/records";
import { MAX_SEARCH_LENGTH, resolveRecordQuery, type RecordQuery } from "@/lib/dashboard/records-spec";
import {
  resolveDashboardState,
  type DashboardReadings,
  type DashboardState,
  type DashboardStateResult,
} from "@/lib/dashboard/url-state";

/** The drill-down's URL state: the dashboard filters plus the table's own parameters. */
export type DrillState =
  | { ok: true; dashboard: DashboardState; query: RecordQuery; parsed: DashboardStateResult }
  | { ok: false; status: 400; field: string; message: string; parsed: DashboardStateResult };

/**
 * The drill-down state of the family's checked readings (from dashboardSearchParamsCache in
 * the page, loadDashboardSearchParams in the export route). Errors are codes, translated here
 * from the catalogue.
 */
export async function parseDrillState(readings: DashboardReadings, settings: OrgSettings): Promise<DrillState> {
  const t = await getTranslations("dashboard");
  const parsed = resolveDashboardState(readings, { timeZone: settings.timeZone, now: now() });
  if (!parsed.ok) {
    return {
      ok: false,
      status: 400,
      field: parsed.error.field,
      message: t(`filters.errors.${parsed.error.code}`, { value: parsed.error.value ?? "" }),
      parsed,
    };
  }
  const q = resolveRecordQuery(readings);
  if (!q.ok) {
    return { ok: false, status: 400, field: q.field, message: t(`records.errors.${q.code}`, { value: q.value ?? "", max: MAX_SEARCH_LENGTH }), parsed };
  }
  return { ok: true, dashboard: parsed.state, query: q.query, parsed };
}

/** One page of the drill-down's records (or every matching row, with `all`), with the KPI engine's context for the view. */
export async function loadDrill(
  db: Db,
  settings: OrgSettings,
  state: { dashboard: DashboardState; query: RecordQuery },
  opts: { all?: boolean; limit?: number } = {},
): Promise<RecordPage> {
  const ctx = await buildContext(db, state.dashboard.params, settings);
  return loadRecords(db, ctx, state.query, opts);
}
