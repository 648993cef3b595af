import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { getOrgSettings } from "@/lib/settings/settings";
import { exportTable, safeFileName, toCsv } from "@/lib/dashboard/csv";
import { CHANNELS, DEAL_STAGES, SEGMENTS } from "@/lib/enums";
import { visibleColumns } from "@/lib/dashboard/records-spec";
import { loadDashboardSearchParams } from "@/lib/dashboard/url-state";
import { loadDrill, parseDrillState } from "../load";

export const dynamic = "force-dynamic";

/** Most rows one export may hold; beyond, the user is asked to narrow the view. */
const MAX_EXPORT_ROWS = 200_000;

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /dashboard/records/export?kpi=…&the dashboard filters&sort&dir&q&hide: the drill-down's
 * matching rows (every page) as CSV, visible columns only, in the spec's order; each code
 * column (stage, segment, channel) is followed by its label, durations have one decimal. Authorization
 * is checked here on the server (signed in, and allowed to view the dashboard); the same
 * parameters give the same rows as the table (same parser, same query).
 */
export async function GET(req: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("Sign in to export.", 401);
  if (!can(user.role, "dashboard", "view")) return text("Forbidden.", 403);
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const state = await parseDrillState(loadDashboardSearchParams(req), settings);
  if (!state.ok) return text(`${state.field}: ${state.message}`, 400);
  const page = await loadDrill(db, settings, state, { all: true, limit: MAX_EXPORT_ROWS + 1 });
  const t = await getTranslations({ locale: user.locale, namespace: "dashboard" });
  if (page.total > MAX_EXPORT_ROWS) return text(t("records.tooMany", { count: page.total }), 413);
  const columns = visibleColumns(state.query);
  const labels: Record<string, string> = {};
  for (const s of [...DEAL_STAGES, "closed_after_as_of"] as const) labels[s] = t(`stages.${s}`);
  for (const s of ["met", "breached", "pending"] as const) labels[s] = t(`slaStatus.${s}`);
  for (const s of SEGMENTS) labels[s] = t(`segments.${s}`);
  for (const c of CHANNELS) labels[c] = t(`channels.${c}`);
  const table = exportTable(columns, page.rows, {
    header: (id) => t(`columns.${id}`),
    labelHeader: (header) => t("records.labelColumn", { column: header }),
    label: (value) => labels[value] ?? value,
  });
  const csv = toCsv(table.header, table.rows, table.textColumns);
  const { params } = state.dashboard;
  const name = safeFileName(`alignboard-${state.query.drill}-${params.from}_${params.to}.csv`);
  return new Response(`\uFEFF${csv}`, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(page.total),
    },
  });
}
