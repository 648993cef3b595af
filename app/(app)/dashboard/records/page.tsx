import { Suspense } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { DataTable } from "@/components/data-table/data-table";
import { FilterForm } from "@/components/filters/filter-form";
import { requireArea } from "@/lib/authz/guard";
import { getOrgSettings as readOrgSettings, type OrgSettings } from "@/lib/settings/settings";
import { PAGE_SIZES, recordQueryToSearchParams, type RecordQuery } from "@/lib/dashboard/records-spec";
import { stateToSearchParams, toSearchParams, type DashboardState } from "@/lib/dashboard/url-state";
import { DEAL_STAGES, SEGMENTS } from "@/db/schema/enums";
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
  await requireArea("dashboard");
  const t = await getTranslations("dashboard");
  const db = await getDb();
  const settings = await readOrgSettings(db);
  const sp = toSearchParams(await searchParams);
  const state = await parseDrillState(sp, settings);
  const kpi = sp.get("kpi") ?? "";
  const kpiLabel = state.ok ? t(`kpis.${state.query.drill}`) : kpi;
  const keep: Record<string, string> = {};
  if (state.ok) {
    keep.kpi = state.query.drill;
    if (state.query.hidden.length > 0) keep.hide = state.query.hidden.join(",");
    if (state.query.size !== 25) keep.size = String(state.query.size);
  } else if (kpi) keep.kpi = kpi;
  const filters = await filterFormProps(db, state.parsed, settings, keep);
  const backQuery = state.parsed.ok ? stateToSearchParams(state.parsed.state).toString() : "";

  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("records.title", { kpi: kpiLabel })}</h1>
        <Link href={`/dashboard${backQuery ? `?${backQuery}` : ""}`}>{t("records.back")}</Link>
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
            key={sp.toString()}
            fallback={
              <div aria-busy="true" aria-label={t("table.loading")}>
                <div className={`skeleton ${styles.skTable}`} />
              </div>
            }
          >
            <RecordsTable settings={settings} dashboard={state.dashboard} query={state.query} title={kpiLabel} />
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
}: {
  settings: OrgSettings;
  dashboard: DashboardState;
  query: RecordQuery;
  title: string;
}) {
  const db = await getDb();
  const page = await loadDrill(db, settings, { dashboard, query });
  const t = await getTranslations("dashboard");
  // Pin as_of so the table's links and the export show the same rows as this page.
  const base = stateToSearchParams(dashboard, { pinAsOf: true });
  base.set("kpi", query.drill);
  const full = new URLSearchParams(base);
  for (const [k, v] of recordQueryToSearchParams(query)) if (k !== "kpi") full.set(k, v);
  full.delete("page");
  full.delete("size");
  const valueLabels: Record<string, string> = {};
  for (const s of [...DEAL_STAGES, "closed_after_as_of"] as const) valueLabels[s] = t(`stages.${s}`);
  for (const s of ["met", "breached", "pending"] as const) valueLabels[s] = t(`slaStatus.${s}`);
  for (const s of SEGMENTS) valueLabels[s] = t(`segments.${s}`);
  return (
    <DataTable
      caption={title}
      columns={query.spec.columns.map((c) => ({ id: c.id, header: t(`columns.${c.id}`), kind: c.kind, sortable: c.sortable }))}
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
      baseQuery={base.toString()}
      exportHref={`/dashboard/records/export?${full.toString()}`}
      currency={settings.currency}
      timeZone={settings.timeZone}
      valueLabels={valueLabels}
    />
  );
}
