import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { listAssetMetrics } from "@/lib/content/metrics";
import { ratingCounts } from "@/lib/content/voice";
import { exportTable, safeFileName, toCsv, type CsvCell } from "@/lib/dashboard/csv";
import { ASSET_TYPES, FUNNEL_STAGES } from "@/lib/enums";
import { buildContext } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { loadContentSearchParams, resolveContentState } from "../state";

export const dynamic = "force-dynamic";

const MAX_EXPORT_ROWS = 200_000;

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The export's columns: the library's metrics, raw (ratios as fractions, money exact, days with one decimal). */
const COLUMNS = [
  { id: "asset_id", kind: "id" },
  { id: "title", kind: "text" },
  { id: "type", kind: "enum" },
  { id: "funnel_stage", kind: "enum" },
  { id: "owner_email", kind: "text" },
  { id: "published_at", kind: "datetime" },
  { id: "archived_at", kind: "datetime" },
  { id: "status", kind: "enum" },
  { id: "uses", kind: "count" },
  { id: "shared", kind: "count" },
  { id: "sent", kind: "count" },
  { id: "presented", kind: "count" },
  { id: "viewed", kind: "count" },
  { id: "downloaded", kind: "count" },
  { id: "users", kind: "count" },
  { id: "deals_touched", kind: "count" },
  { id: "deals_influenced", kind: "count" },
  { id: "influenced_revenue", kind: "money" },
  { id: "win_rate_with", kind: "ratio" },
  { id: "win_rate_without", kind: "ratio" },
  { id: "last_used_at", kind: "datetime" },
  { id: "days_since_published", kind: "days" },
  { id: "url", kind: "text" },
  { id: "ratings_useful", kind: "count" },
  { id: "ratings_not_useful", kind: "count" },
  { id: "rating_reasons", kind: "text" },
] as const;

/**
 * GET /content/export?the content page's parameters: every asset of the library's current view
 * (all pages, same filters and sort) as CSV. Signed in and allowed to view the content area.
 */
export async function GET(req: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("Sign in to export.", 401);
  if (!can(user.role, "content", "view")) return text("Forbidden.", 403);
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const state = resolveContentState(loadContentSearchParams(req), settings);
  if (!state.ok) return text(`${state.field}: invalid value ${state.value ?? ""}`.trim(), 400);
  const ctx = await buildContext(db, state.dashboard.params, settings);
  const page = await listAssetMetrics(db, ctx, { ...state.library.query, limit: MAX_EXPORT_ROWS + 1, offset: 0 });
  const t = await getTranslations({ locale: user.locale, namespace: "content" });
  if (page.total > MAX_EXPORT_ROWS) return text(t("library.tooMany", { count: page.total }), 413);
  const labels: Record<string, string> = {};
  for (const v of ASSET_TYPES) labels[v] = t(`types.${v}`);
  for (const v of FUNNEL_STAGES) labels[v] = t(`stages.${v}`);
  for (const v of ["active", "archived", "inactive"] as const) labels[v] = t(`status.${v}`);
  const ratings = await ratingCounts(db, page.rows.map((r) => r.assetId));
  const reasonsOf = (id: string) =>
    (ratings.get(id)?.reasons ?? []).map((x) => t("library.reasonCount", { reason: t(`reasons.${x.reason}`), count: x.count })).join(", ");
  const rows: Record<string, CsvCell>[] = page.rows.map((r) => ({
    asset_id: r.assetId,
    title: r.title,
    type: r.type,
    funnel_stage: r.funnelStage,
    owner_email: r.ownerEmail,
    published_at: r.publishedAt,
    archived_at: r.archivedAt,
    status: r.archived ? "archived" : r.active ? "active" : "inactive",
    uses: r.uses,
    shared: r.shared,
    sent: r.sent,
    presented: r.presented,
    viewed: r.viewed,
    downloaded: r.downloaded,
    users: r.users,
    deals_touched: r.dealsTouched,
    deals_influenced: r.dealsInfluenced,
    influenced_revenue: r.influencedRevenue,
    win_rate_with: r.winRateWith,
    win_rate_without: r.winRateWithout,
    last_used_at: r.lastUsedAt,
    days_since_published: r.daysSincePublished,
    url: r.url,
    ratings_useful: ratings.get(r.assetId)?.useful ?? 0,
    ratings_not_useful: ratings.get(r.assetId)?.notUseful ?? 0,
    rating_reasons: reasonsOf(r.assetId),
  }));
  const table = exportTable(COLUMNS, rows, {
    header: (id) => t(`columns.${id}`),
    labelHeader: (header) => t("library.labelColumn", { column: header }),
    label: (value) => labels[value] ?? value,
  });
  const csv = toCsv(table.header, table.rows, table.textColumns);
  const { params } = state.dashboard;
  const name = safeFileName(`alignboard-content-${params.from}_${params.to}.csv`);
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
