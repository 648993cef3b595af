import { FiltersRefused, ReportHeader } from "@/components/report-page/report-page";
import { Suspense } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { FilterForm } from "@/components/filters/filter-form";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { isLocale } from "@/lib/i18n/config";
import { computeKpisWithMonthly, kpiParamsToSearchParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState } from "@/lib/dashboard/url-state";
import { formatDateTime, formatDay } from "@/lib/format";
import { linkTo } from "@/lib/url-state/links";
import { filterFormProps } from "./view";
import {
  ChartSkeleton,
  FunnelWidget,
  PipelineWidget,
  RevenueChartWidget,
  TrendChartWidget,
  type WidgetProps,
} from "./widgets";
import { KpiTilesSkeleton, KpiTilesWidget } from "./kpi-tiles";
import { busyGuarded } from "./busy-guard";
import { DataSourcesWidget } from "./data-sources";
import styles from "./dashboard.module.css";
import { CadenceIndicator } from "../meetings/cadence-indicator";

export const dynamic = "force-dynamic";

// The widgets that wait for P's KPI run show "busy, retrying" when admission control refuses it.
const Tiles = busyGuarded(KpiTilesWidget);
const RevenueChart = busyGuarded(RevenueChartWidget);
const TrendChart = busyGuarded(TrendChartWidget);
const Funnel = busyGuarded(FunnelWidget);
const DataSources = busyGuarded(DataSourcesWidget);

/**
 * "from – to, as of …": the as_of of the numbers shown. With as_of = now the report cache may
 * answer with a result computed up to its TTL earlier (lib/cache); the run's own as_of says when.
 */
async function PeriodSummary({ run, asOf, summary }: { run: CurrentRunLike; asOf: Date; summary: (asOf: Date) => string }) {
  const shown = await run.then(
    ({ result }) => new Date(result.period.as_of),
    () => asOf,
  );
  return <>{summary(shown)}</>;
}
type CurrentRunLike = ReturnType<typeof computeKpisWithMonthly>;

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The shared revenue dashboard (issue 3): every KPI as a card with its comparisons and
 * definition, four charts, dashboard-wide filters held in the URL. Each widget streams in its
 * own Suspense boundary. A report for every role; leadership and admins also set the KPI targets
 * (the target dialog).
 */
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("dashboard");
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const locale = await getLocale();
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const parsed = resolveDashboardState(await dashboardSearchParamsCache.parse(searchParams), { timeZone: settings.timeZone, now: now() });
  const filters = await filterFormProps(db, parsed, settings);

  if (!parsed.ok) {
    const header = <ReportHeader title={t("title")} path="/dashboard" searchParams={await searchParams} />;
    return <FiltersRefused header={header} filters={filters} message={t("fixFilters")} />;
  }

  const { state } = parsed;
  const { params } = state;
  const pinned = dashboardLinkValues(state, { pinAsOf: true });
  const widget: WidgetProps = {
    params,
    settings,
    locale: isLocale(locale) ? locale : "en",
    drillHref: (kpi) => linkTo("/dashboard/records", { ...pinned, kpi }),
  };
  // P's KPI run serves the cards, the revenue and trend charts (its deals by month), the headline
  // sparklines (its SQLs and SLA outcomes by month) and the funnel's counts.
  const run = computeKpisWithMonthly(db, params);
  run.catch(() => undefined); // awaited by the widgets; this only keeps a failure from counting as unhandled
  const summary = (asOf: Date) =>
    t("periodSummary", {
      from: formatDay(format, params.from),
      to: formatDay(format, params.to),
      asOf: formatDateTime(format, asOf, settings.timeZone),
      timeZone: settings.timeZone,
    });

  return (
    <section aria-labelledby="page-title" data-kpi-query={kpiParamsToSearchParams(params).toString()}>
      <ReportHeader title={t("title")} path="/dashboard" searchParams={await searchParams}>
        {can(user.role, "dashboard", "edit") ? null : <span className="badge badge-muted">{t("readOnly")}</span>}
        <CadenceIndicator />
      </ReportHeader>
      <p className={`muted ${styles.intro}`}>{t("intro")}</p>
      <FilterForm {...filters} />
      <p className={styles.summary} data-testid="period-summary">
        <Suspense fallback={summary(params.asOf)}>
          <PeriodSummary run={run} asOf={params.asOf} summary={summary} />
        </Suspense>
      </p>
      <Suspense fallback={null}>
        <DataSources timeZone={settings.timeZone} />
      </Suspense>
      <Suspense fallback={<KpiTilesSkeleton />}>
        <Tiles {...widget} run={run} canEditTargets={can(user.role, "dashboard", "edit")} />
      </Suspense>
      <div className={styles.charts}>
        <Suspense fallback={<ChartSkeleton title={t("charts.revenue.title")} />}>
          <RevenueChart {...widget} run={run} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton title={t("charts.trend.title")} />}>
          <TrendChart {...widget} run={run} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton title={t("charts.funnel.title")} />}>
          <Funnel {...widget} run={run} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton title={t("charts.pipeline.title")} />}>
          <PipelineWidget {...widget} />
        </Suspense>
      </div>
    </section>
  );
}
