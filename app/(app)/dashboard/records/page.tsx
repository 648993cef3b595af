import { Suspense } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { DataTable } from "@/components/data-table/data-table";
import { FilterForm } from "@/components/filters/filter-form";
import { requireArea } from "@/lib/authz/guard";
import { canViewJourney } from "@/lib/attribution/access";
import { journeyPath } from "@/lib/attribution/search-params";
import type { SessionUser } from "@/lib/auth/session";
import { getOrgSettings, type OrgSettings } from "@/lib/settings/settings";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, recordLinkValues, type RecordQuery } from "@/lib/dashboard/records-spec";
import { dashboardLinkValues, dashboardSearchParamsCache, type DashboardState } from "@/lib/dashboard/url-state";
import { linkQuery, linkTo, uncheckedLinkValues, type LinkValues } from "@/lib/url-state/links";
import { CHANNELS, DEAL_STAGES, SEGMENTS } from "@/lib/enums";
import { ownerOptions } from "@/lib/dashboard/charts";
import { slaLeadHref } from "@/lib/sla/links";
import { displayColumns } from "./columns";
import { filterFormProps } from "../view";
import { loadDrill, parseDrillState } from "./load";
import styles from "../dashboard.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The records behind a card or chart (?kpi=…&the dashboard's filters), in the shared table. */
export default async function RecordsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("dashboard");
  const t = await getTranslations("dashboard");
  const kpiText = await getTranslations("kpi");
  const common = await getTranslations("common");
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const readings = await dashboardSearchParamsCache.parse(searchParams);
  const state = await parseDrillState(readings, settings);
  const kpi = readings.kpi.input[0] ?? "";
  const drillLabel = (drill: RecordQuery["drill"]) => (drill === "leads_created" ? t("records.leadsCreated") : kpiText(`${drill}.name`));
  const kpiLabel = state.ok ? drillLabel(state.query.drill) : kpi;
  // The filter form keeps the table's parameters that survive a change of filters (an invalid kpi as it was given).
  const keep: LinkValues = state.ok
    ? {
        kpi: state.query.drill,
        hide: state.query.hidden,
        size: state.query.size === DEFAULT_PAGE_SIZE ? null : state.query.size,
      }
    : uncheckedLinkValues({ kpi: kpi || null });
  const filters = await filterFormProps(db, state.parsed, settings, keep);
  const backHref = linkTo("/dashboard", state.parsed.ok ? dashboardLinkValues(state.parsed.state) : {});

  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("records.title", { kpi: kpiLabel })}</h1>
        <Link href={backHref}>{t("records.back")}</Link>
      </header>
      <FilterForm {...filters} />
      {!state.ok ? (
        <p className="form-error" role="alert" data-field={state.field}>
          {state.parsed.ok ? t("records.invalid", { message: `${state.field}: ${state.message}` }) : t("fixFilters")}
        </p>
      ) : (
        <>
          <p className="muted">
            {t(`records.sets.${state.query.target.set}`)}
            {state.query.target.variant !== "all" ? ` — ${t(`records.variants.${state.query.target.variant}`)}` : ""}
          </p>
          <Suspense
            key={linkTo("", { ...dashboardLinkValues(state.dashboard), ...recordLinkValues(state.query) })}
            fallback={
              <div aria-busy="true" aria-label={common("table.loading")}>
                <div className={`skeleton ${styles.skTable}`} />
              </div>
            }
          >
            <RecordsTable settings={settings} dashboard={state.dashboard} query={state.query} title={kpiLabel} user={user} />
          </Suspense>
        </>
      )}
    </section>
  );
}

async function RecordsTable({
  settings,
  dashboard,
  query,
  title,
  user,
}: {
  settings: OrgSettings;
  dashboard: DashboardState;
  query: RecordQuery;
  title: string;
  user: SessionUser;
}) {
  const db = await getDb();
  const page = await loadDrill(db, settings, { dashboard, query });
  const t = await getTranslations("dashboard");
  // Pin as_of so the table's links and the export show the same rows as this page.
  const base: LinkValues = { ...dashboardLinkValues(dashboard, { pinAsOf: true }), kpi: query.drill };
  const exportHref = linkTo("/dashboard/records/export", { ...base, ...recordLinkValues(query), page: null, size: null });
  const valueLabels: Record<string, string> = {};
  for (const s of [...DEAL_STAGES, "closed_after_as_of"] as const) valueLabels[s] = t(`stages.${s}`);
  for (const s of ["met", "breached", "pending"] as const) valueLabels[s] = t(`slaStatus.${s}`);
  for (const s of SEGMENTS) valueLabels[s] = t(`segments.${s}`);
  for (const c of CHANNELS) valueLabels[c] = t(`channels.${c}`);
  // Owners by name (their e-mail stays in the export).
  for (const o of await ownerOptions(db)) if (o.name) valueLabels[o.email] = o.name;
  // A row's id opens its page, as of this view: a lead's SLA page (every role reads the SLA area);
  // a deal's journey (what the prospect read and attended before the hand-off), for the deals the
  // user may see journeys of: sales its own (lib/attribution canViewJourney).
  const linkBase = dashboardLinkValues(dashboard, { pinAsOf: true });
  const dealRows = query.spec.family === "deals" || query.spec.family === "open_deals";
  const rowLinks: Record<string, string> = {};
  for (const r of page.rows) {
    if (query.spec.key === "lead_id" && typeof r.lead_id === "string") rowLinks[r.lead_id] = slaLeadHref(r.lead_id, linkBase);
    if (dealRows && typeof r.deal_id === "string") {
      const owner = typeof r.owner_email === "string" ? r.owner_email : null;
      if (canViewJourney(user, owner)) rowLinks[r.deal_id] = linkTo(journeyPath(r.deal_id), linkBase);
    }
  }
  return (
    <DataTable
      rowLinks={rowLinks}
      caption={title}
      columns={displayColumns(query.spec.columns).map((c) => ({ id: c.id, header: t(`columns.${c.id}`), kind: c.kind, sortable: c.sortable }))}
      keyColumn={query.spec.key}
      rows={page.rows}
      total={page.total}
      page={query.page}
      size={query.size}
      pageSizes={PAGE_SIZES}
      sort={query.sort}
      dir={query.dir}
      q={query.q}
      hidden={query.hidden}
      sumColumn={query.spec.sum}
      sum={page.sum}
      baseQuery={linkQuery(base).toString()}
      exportHref={exportHref}
      currency={settings.currency}
      timeZone={settings.timeZone}
      valueLabels={valueLabels}
      badges={{ overdue: "bad" }}
    />
  );
}
