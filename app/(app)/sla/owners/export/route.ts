import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { now } from "@/lib/clock";
import { exportTable, safeFileName, toCsv } from "@/lib/dashboard/csv";
import { loadDashboardSearchParams, resolveDashboardState } from "@/lib/dashboard/url-state";
import { ownerOptions } from "@/lib/dashboard/charts";
import { getOrgSettings } from "@/lib/settings/settings";
import { loadSlaPage } from "@/lib/sla";
import { OWNER_COLUMNS, ownerTable, ownerTableQuery, type OwnerRow } from "@/lib/sla/owners";

export const dynamic = "force-dynamic";

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /sla/owners/export?the dashboard filters&sort&dir&q: the SLA page's per-owner compliance
 * table as CSV (every matching owner, all columns; raw values: compliance as a fraction).
 * Signed in and allowed to view the SLA; the same parameters give the same rows as the table.
 */
export async function GET(req: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("Sign in to export.", 401);
  if (!can(user.role, "sla", "view")) return text("Forbidden.", 403);
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const parsed = resolveDashboardState(loadDashboardSearchParams(req), { timeZone: settings.timeZone, now: now() });
  if (!parsed.ok) return text(`${parsed.error.field}: ${parsed.error.code}`, 400);
  const data = await loadSlaPage(db, parsed.state.params);
  const owners = new Map((await ownerOptions(db)).map((o) => [o.email, o]));
  const rows: OwnerRow[] = data.sales.byOwner.map((o) => ({
    owner_email: o.ownerEmail ?? "",
    name: o.ownerEmail ? (owners.get(o.ownerEmail)?.name ?? null) : null,
    team: o.ownerEmail ? (owners.get(o.ownerEmail)?.team ?? null) : null,
    mqls: o.mqls,
    met: o.met,
    breached: o.breached,
    pending: o.pending,
    compliance: o.compliance,
  }));
  const sp = Object.fromEntries(new URL(req.url).searchParams.entries());
  const { all } = ownerTable(rows, ownerTableQuery(sp));
  const t = await getTranslations({ locale: user.locale, namespace: "sla" });
  const table = exportTable(OWNER_COLUMNS, all, {
    header: (id) => t(`owners.${id}`),
    labelHeader: (header) => `${header} (${t("owners.team")})`,
    label: (value) => (value === "sales" || value === "marketing" ? t(`teams.${value}`) : value),
  });
  const { params } = parsed.state;
  const name = safeFileName(`alignboard-sla-owners-${params.from}_${params.to}.csv`);
  return new Response(`\uFEFF${toCsv(table.header, table.rows, table.textColumns)}`, {
    status: 200,
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
}
