import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { KpiTile, KpiTileSkeleton, type KpiComparison, type KpiTarget } from "@/components/kpi-tile/kpi-tile";
import { computeKpis, KPI_DEFINITIONS, type KpiKey, type KpiResult } from "@/lib/kpi";
import { cachedDashboardChart } from "@/lib/dashboard/cached-charts";
import { headlineTrendsByMonth, revenueByMonth, trendByMonth } from "@/lib/dashboard/charts";
import { loadStoredTargets } from "@/lib/dashboard/targets";
import { defaultDirection, targetBasis, targetForInput } from "@/lib/dashboard/target-rules";
import { comparisonParams } from "@/lib/dashboard/url-state";
import { missingInputs } from "@/lib/dashboard/data-inputs";
import { loadDataStatus } from "@/lib/dashboard/data-status";
import { formatPercent, formatUnit, unitWords, type Unit } from "@/lib/format";
import { comparisonsCoincide, describeComparison, type ComparisonWords } from "./compare";
import { kpiTargets } from "./targets";
import { TargetDialog, type TargetChoice } from "./target-dialog";
import type { CurrentRun, WidgetProps } from "./widgets";
import styles from "./dashboard.module.css";

/** The headline row: the KPIs a VP reads first, larger, with their monthly trend. */
export const HEADLINE_KEYS: KpiKey[] = ["revenue", "win_rate", "closing_efficiency", "marketing_sourced_share", "sla_compliance", "open_pipeline"];

/** The other tiles, grouped as a VP reads them; with the headline, every KPI appears once. */
export const KPI_GROUPS: { id: string; keys: KpiKey[] }[] = [
  { id: "revenue", keys: ["revenue_prev_year", "revenue_growth_yoy", "average_deal_size"] },
  { id: "deals", keys: ["won_deals", "lost_deals", "sales_cycle_days_median", "sales_cycle_days_mean"] },
  { id: "funnel", keys: ["mqls", "sqls", "mql_to_sql_rate", "lead_rejection_rate"] },
  { id: "marketing", keys: ["marketing_sourced_revenue", "marketing_influenced_revenue", "content_influenced_revenue"] },
  { id: "pipeline", keys: ["open_deals", "pipeline_velocity_per_day"] },
  { id: "customers", keys: ["customer_retention_rate", "customer_lifetime_value"] },
  { id: "content", keys: ["content_usage_rate", "content_unused_share"] },
];

type Trends = Partial<Record<KpiKey, (number | null)[]>>;

/**
 * Every KPI as a tile: the headline row first (with sparklines and, where a target exists, its
 * progress), then the rest in collapsible groups. Values are short on the tile; the exact value
 * is in the definition and in the exports.
 */
export async function KpiTilesWidget({
  params,
  settings,
  locale,
  drillHref,
  run,
  canEditTargets = false,
}: WidgetProps & { run: CurrentRun; canEditTargets?: boolean }) {
  const db = await getDb();
  const tz = settings.timeZone;
  // A period of whole years has the same previous period as its year-ago period: compute it once.
  const previousParams = comparisonParams(params, "previous", tz);
  const yearAgoParams = comparisonParams(params, "year_ago", tz);
  const samePeriods = JSON.stringify(previousParams) === JSON.stringify(yearAgoParams);
  const [{ result: current, monthly, monthlyLastYear, leadsMonthly, slaMonthly }, previous, ownYearAgo] = await Promise.all([
    run,
    computeKpis(db, previousParams),
    samePeriods ? null : computeKpis(db, yearAgoParams),
  ]);
  const yearAgo: KpiResult = ownYearAgo ?? previous;
  // The same cached series as the charts' (one computation each for everyone on this view).
  const [revenueMonths, trendMonths, headlineMonths, stored, sources] = await Promise.all([
    cachedDashboardChart(db, "revenue", params, settings, (reader, ctx) => revenueByMonth(reader, ctx, monthly, monthlyLastYear)),
    cachedDashboardChart(db, "trend", params, settings, (reader, ctx) => trendByMonth(reader, ctx, monthly)),
    cachedDashboardChart(db, "headline", params, settings, (reader, ctx) => headlineTrendsByMonth(reader, ctx, { leadsMonthly, slaMonthly })),
    loadStoredTargets(db),
    loadDataStatus(db),
  ]);
  const hasData = new Map(sources.map((s) => [s.table, s.hasData]));
  const trends: Trends = {
    revenue: revenueMonths.map((m) => m.won),
    marketing_sourced_share: revenueMonths.map((m) => (m.won === 0 ? null : m.marketingSourced / m.won)),
    win_rate: trendMonths.map((m) => m.winRate),
    closing_efficiency: headlineMonths.map((m) => m.closingEfficiency),
    sla_compliance: headlineMonths.map((m) => m.slaCompliance),
    open_pipeline: headlineMonths.map((m) => m.openPipeline),
  };
  const targets = kpiTargets(stored, settings, params, current.kpis);

  const t = await getTranslations("dashboard");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const words = unitWords(await getTranslations("common.format"));
  const currency = settings.currency;
  const show = (unit: Unit, value: number | null, style: "tile" | "kpi", signed = false) => formatUnit(format, unit, value, { currency, style, words, signed });

  const comparisonWords: ComparisonWords = {
    t: (key, values) => t(key, values),
    show,
    signedPercent: (v) => formatPercent(format, v, { signed: true }),
  };
  const comparison = (key: KpiKey, label: string, compared: number | null): KpiComparison =>
    describeComparison(comparisonWords, KPI_DEFINITIONS[key], current.kpis[key], label, compared);

  // A KPI whose inputs were never imported says so instead of showing a misleading number.
  const noDataOf = (key: KpiKey) => {
    const missing = missingInputs(key, (table) => hasData.get(table) === true);
    if (missing.length === 0) return undefined;
    const sourceNames = format.list(missing.map((table) => t(`sources.names.${table}`)), { type: "conjunction" });
    return { label: t("card.noData"), reason: t("card.noDataReason", { sources: sourceNames }) };
  };

  const tile = (key: KpiKey, variant: "headline" | "compact") => {
    const def = KPI_DEFINITIONS[key];
    const value = current.kpis[key];
    const label = kpiText(`${key}.name`);
    const target = targets[key];
    const status = target?.status ?? null;
    const targetView: KpiTarget | undefined =
      target === undefined || status === null
        ? undefined
        : {
            progress: status.progress ?? (status.onTrack ? 1 : 0),
            label: t("card.targetStatus", {
              status: status.onTrack ? t("card.onTrack") : t("card.behind"),
              progress: status.progress === null ? "—" : formatPercent(format, status.progress),
              target: show(def.unit, status.periodTarget, "kpi"),
              limit: target.setting.direction,
            }),
            tone: status.onTrack ? "good" : "bad",
          };
    const prev = previous.kpis[key];
    const ago = yearAgo.kpis[key];
    const comparisons = comparisonsCoincide(samePeriods, prev, ago)
      ? [comparison(key, t("card.both"), prev)]
      : [comparison(key, t("card.previous"), prev), comparison(key, t("card.yearAgo"), ago)];
    return (
      <KpiTile
        key={key}
        kpi={key}
        variant={variant}
        label={label}
        value={value}
        display={show(def.unit, value, "tile")}
        nullReason={value === null ? (kpiText.has(`${key}.nullReason`) ? kpiText(`${key}.nullReason`) : t("card.nullReason")) : undefined}
        definition={{
          label: t("card.definition", { kpi: label }),
          summary: kpiText(`${key}.description`),
          exact: value === null ? undefined : t("card.exact", { value: show(def.unit, value, "kpi") }),
          rule: `${t("card.rule")}: ${locale === "es" ? def.es : def.en}`,
          glossaryHref: `/glossary#${key}`,
          glossaryLabel: t("card.glossary", { kpi: label }),
        }}
        href={drillHref(key)}
        linkLabel={t("card.records", { kpi: label })}
        comparisons={comparisons}
        trend={variant === "headline" ? trends[key] : undefined}
        target={targetView}
        noData={noDataOf(key)}
      />
    );
  };

  // The target dialog's choices: every KPI, with the target in force (as typed: shares as percentages).
  const choices: TargetChoice[] = (Object.keys(KPI_DEFINITIONS) as KpiKey[]).map((key) => {
    const setting = targets[key]?.setting;
    return {
      key,
      label: kpiText(`${key}.name`),
      unit: KPI_DEFINITIONS[key].unit,
      perMonth: targetBasis(key) === "per_month",
      value: setting ? targetForInput(key, setting.target) : "",
      direction: setting?.direction ?? defaultDirection(key),
      version: setting?.source === "stored" ? setting.version : 0,
      stored: setting?.source === "stored",
    };
  });

  return (
    <div className={styles.kpis} data-testid="kpi-cards">
      <section aria-labelledby="group-headline">
        <div className={styles.headlineHead}>
          <h2 id="group-headline" className="visually-hidden">
            {t("groups.headline")}
          </h2>
          {canEditTargets ? <TargetDialog choices={choices} currency={currency} /> : null}
        </div>
        <div className={styles.headline}>{HEADLINE_KEYS.map((key) => tile(key, "headline"))}</div>
      </section>
      <div className={styles.groups}>
        {KPI_GROUPS.map((group) => (
          <details key={group.id} open className={styles.group}>
            <summary className={styles.groupSummary}>
              <h2 id={`group-${group.id}`}>{t(`groups.${group.id}`)}</h2>
            </summary>
            <div className={styles.tiles} role="group" aria-labelledby={`group-${group.id}`}>
              {group.keys.map((key) => tile(key, "compact"))}
            </div>
          </details>
        ))}
      </div>
    </div>
  );
}

/** Tile-shaped placeholders while the numbers load. */
export function KpiTilesSkeleton() {
  return (
    <div className={styles.kpis} aria-busy="true">
      <div className={styles.headline}>
        {HEADLINE_KEYS.map((k) => (
          <KpiTileSkeleton key={k} variant="headline" />
        ))}
      </div>
      <div className={styles.groups}>
        {KPI_GROUPS.map((group) => (
          <div key={group.id} className={styles.group}>
            <div className={`skeleton ${styles.skHeading}`} />
            <div className={styles.tiles}>
              {group.keys.map((k) => (
                <KpiTileSkeleton key={k} />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
