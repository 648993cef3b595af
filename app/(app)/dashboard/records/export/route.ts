import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { getOrgSettings } from "@/lib/settings/settings";
import { safeFileName, toCsv } from "@/lib/dashboard/csv";
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
 * matching rows (every page) as CSV, visible columns only, in the table's order. Authorization
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
  const csv = toCsv(
    columns.map((c) => t(`columns.${c.id}`)),
    page.rows.map((row) => columns.map((c) => row[c.id] ?? null)),
    columns.map((c) => c.kind === "text" || c.kind === "id" || c.kind === "enum" || c.kind === "status"),
  );
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
