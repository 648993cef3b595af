import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { KpiCard, KpiCardSkeleton, type KpiComparison, type Tone } from "@/components/kpi-card/kpi-card";
import { ChartView } from "@/components/chart/chart";
import {
  buildContext,
  computeKpis,
  KPI_DEFINITIONS,
  type DealsMonth,
  type KpiKey,
  type KpiParams,
  type KpiResult,
  type OrgSettings,
} from "@/lib/kpi";
import type { Locale } from "@/lib/i18n/config";
import { funnel, pipelineByStage, revenueByMonth, trendByMonth, type FunnelStage } from "@/lib/dashboard/charts";
import type { DrillKey } from "@/lib/dashboard/search-params";
import { comparisonParams } from "@/lib/dashboard/url-state";
import { change, formatCount, formatMonth, formatPercent, formatUnit, unitWords, type Unit } from "@/lib/format";
import styles from "./dashboard.module.css";

/** The cards, grouped as a VP reads them; every KPI of kpi-definitions.md §2 appears once. */
export const KPI_GROUPS: { id: string; keys: KpiKey[] }[] = [
  { id: "revenue", keys: ["revenue", "revenue_prev_year", "revenue_growth_yoy", "average_deal_size"] },
  { id: "deals", keys: ["won_deals", "lost_deals", "win_rate", "sales_cycle_days_median", "sales_cycle_days_mean"] },
  { id: "funnel", keys: ["mqls", "sqls", "mql_to_sql_rate", "lead_rejection_rate", "closing_efficiency"] },
  {
    id: "marketing",
    keys: ["marketing_sourced_revenue", "marketing_sourced_share", "marketing_influenced_revenue", "content_influenced_revenue"],
  },
  { id: "pipeline", keys: ["open_pipeline", "open_deals", "pipeline_velocity_per_day"] },
  { id: "customers", keys: ["customer_retention_rate", "customer_lifetime_value"] },
  { id: "content", keys: ["content_usage_rate", "content_unused_share", "sla_compliance"] },
];

export interface WidgetProps {
  params: KpiParams;
  settings: OrgSettings;
  locale: Locale;
  /** Builds the drill-down link of a KPI (or `leads_created`). */
  drillHref: (kpi: DrillKey) => string;
}

/** P's KPI run, with its won deals by month (computeKpisWithMonthly): shared by the cards and the revenue chart. */
export type CurrentRun = Promise<{ result: KpiResult; monthly: DealsMonth[]; monthlyLastYear: DealsMonth[] }>;

/** Every KPI as a card: its value, both comparisons and its definition, named from the KPI catalogue. */
export async function KpiCardsWidget({ params, settings, locale, drillHref, run }: WidgetProps & { run: CurrentRun }) {
  const db = await getDb();
  const tz = settings.timeZone;
  // A period of whole years has the same previous period as its year-ago period: compute it once.
  const previousParams = comparisonParams(params, "previous", tz);
  const yearAgoParams = comparisonParams(params, "year_ago", tz);
  const sameComparison = JSON.stringify(previousParams) === JSON.stringify(yearAgoParams);
  const [{ result: current }, previous, ownYearAgo] = await Promise.all([
    run,
    computeKpis(db, previousParams),
    sameComparison ? null : computeKpis(db, yearAgoParams),
  ]);
  const yearAgo = ownYearAgo ?? previous;
  const t = await getTranslations("dashboard");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const words = unitWords(await getTranslations("common.format"));
  const currency = settings.currency;
  const formatValue = (unit: Unit, value: number | null, signed = false) =>
    formatUnit(format, unit, value, { currency, style: "kpi", words, signed });

  const comparison = (key: KpiKey, label: string, compared: number | null): KpiComparison => {
    const def = KPI_DEFINITIONS[key];
    const cur = current.kpis[key];
    const c = change(cur, compared);
    const comparedText = t("card.comparedWith", { label, value: formatValue(def.unit, compared) });
    if (!c) return { label, change: t("card.noComparison"), tone: "none", toneLabel: "", compared: comparedText };
    const tone: Tone = c.delta === 0 ? "neutral" : c.delta > 0 === def.higherIsBetter ? "good" : "bad";
    const abs = formatValue(def.unit, c.delta, true);
    const pct = c.pct === null ? "" : ` (${formatPercent(format, c.pct, { signed: true })})`;
    return {
      label,
      change: `${abs}${pct}`,
      tone,
      toneLabel: tone === "good" ? t("card.better") : tone === "bad" ? t("card.worse") : t("card.unchanged"),
      compared: comparedText,
    };
  };

  return (
    <div className={styles.groups} data-testid="kpi-cards">
      {KPI_GROUPS.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className={styles.group}>
          <h2 id={`group-${group.id}`}>{t(`groups.${group.id}`)}</h2>
          <div className={styles.cards}>
            {group.keys.map((key) => {
              const def = KPI_DEFINITIONS[key];
              const value = current.kpis[key];
              const label = kpiText(`${key}.name`);
              return (
                <KpiCard
                  key={key}
                  kpi={key}
                  label={label}
                  value={value}
                  display={formatValue(def.unit, value)}
                  nullReason={
                    value === null ? (kpiText.has(`${key}.nullReason`) ? kpiText(`${key}.nullReason`) : t("card.nullReason")) : undefined
                  }
                  definition={locale === "es" ? def.es : def.en}
                  definitionLabel={t("card.definition", { kpi: label })}
                  href={drillHref(key)}
                  linkLabel={t("card.records", { kpi: label })}
                  comparisons={[
                    comparison(key, t("card.previous"), previous.kpis[key]),
                    comparison(key, t("card.yearAgo"), yearAgo.kpis[key]),
                  ]}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

export function KpiCardsSkeleton() {
  return (
    <div className={styles.groups} aria-busy="true">
      {KPI_GROUPS.map((group) => (
        <div key={group.id} className={styles.group}>
          <div className={`skeleton ${styles.skHeading}`} />
          <div className={styles.cards}>
            {group.keys.map((k) => (
              <KpiCardSkeleton key={k} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

async function monthLabels(months: string[]): Promise<string[]> {
  const format = await getFormatter();
  return months.map((m) => formatMonth(format, m));
}

function ChartCard({ id, title, children, href, linkLabel }: { id: string; title: string; children: React.ReactNode; href?: string; linkLabel?: string }) {
  return (
    <section className={`card ${styles.chartCard}`} aria-labelledby={`chart-${id}`} data-testid={`chart-${id}`}>
      <div className={styles.chartHead}>
        <h2 id={`chart-${id}`}>{title}</h2>
        {href ? (
          <Link href={href} className={styles.drill}>
            {linkLabel}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}

export function ChartSkeleton({ title }: { title: string }) {
  return (
    <section className={`card ${styles.chartCard}`} aria-busy="true" aria-label={title}>
      <h2>{title}</h2>
      <div className={`skeleton ${styles.skChart}`} />
    </section>
  );
}

const COLORS = { won: "#0b5cad", lastYear: "#9aa4ae", sourced: "#1a7f37", influenced: "#b35900", rate: "#0b5cad", cycle: "#8250df" };

export async function RevenueChartWidget({ params, settings, drillHref, run }: WidgetProps & { run: CurrentRun }) {
  const db = await getDb();
  const ctx = await buildContext(db, params, settings);
  const { monthly, monthlyLastYear } = await run;
  const months = await revenueByMonth(db, ctx, monthly, monthlyLastYear);
  const t = await getTranslations("dashboard.charts");
  const empty = months.every((m) => m.won === 0 && m.wonLastYear === 0);
  return (
    <ChartCard id="revenue" title={t("revenue.title")} href={drillHref("revenue")} linkLabel={t("records")}>
      {empty ? (
        <p className={styles.empty}>{t("revenue.empty")}</p>
      ) : (
        <ChartView
          title={t("revenue.title")}
          description={t("revenue.description")}
          labels={await monthLabels(months.map((m) => m.month))}
          categoryHeader={t("month")}
          currency={settings.currency}
          series={[
            { label: t("revenue.won"), values: months.map((m) => m.won), kind: "bar", unit: "money", color: COLORS.won },
            { label: t("revenue.lastYear"), values: months.map((m) => m.wonLastYear), kind: "bar", unit: "money", color: COLORS.lastYear },
            { label: t("revenue.sourced"), values: months.map((m) => m.marketingSourced), kind: "line", unit: "money", color: COLORS.sourced },
            { label: t("revenue.influenced"), values: months.map((m) => m.marketingInfluenced), kind: "line", unit: "money", color: COLORS.influenced, dashed: true },
          ]}
        />
      )}
    </ChartCard>
  );
}

/** Win rate and median sales cycle by month of closing. */
export async function TrendChartWidget({ params, settings, drillHref, run }: WidgetProps & { run: CurrentRun }) {
  const db = await getDb();
  const ctx = await buildContext(db, params, settings);
  const months = await trendByMonth(db, ctx, (await run).monthly);
  const t = await getTranslations("dashboard.charts");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const empty = months.every((m) => m.won + m.lost === 0);
  return (
    <ChartCard id="trend" title={t("trend.title")} href={drillHref("win_rate")} linkLabel={t("records")}>
      {empty ? (
        <p className={styles.empty}>{t("trend.empty")}</p>
      ) : (
        <ChartView
          title={t("trend.title")}
          description={t("trend.description")}
          labels={await monthLabels(months.map((m) => m.month))}
          categoryHeader={t("month")}
          currency={settings.currency}
          series={[
            { label: kpiText("win_rate.name"), values: months.map((m) => m.winRate), kind: "line", unit: "ratio", color: COLORS.rate },
            { label: t("trend.median"), values: months.map((m) => m.medianCycleDays), kind: "line", unit: "days", color: COLORS.cycle, secondaryAxis: true, dashed: true },
          ]}
          extraColumns={[
            { header: t("trend.won"), values: months.map((m) => formatCount(format, m.won)) },
            { header: t("trend.lost"), values: months.map((m) => formatCount(format, m.lost)) },
          ]}
        />
      )}
    </ChartCard>
  );
}

/** The records behind each funnel stage; the stages after the first are KPIs, named as the KPIs. */
const FUNNEL_DRILL = { leads: "leads_created", mqls: "mqls", sqls: "sqls", won: "won_deals" } as const satisfies Record<FunnelStage, DrillKey>;

/** The period funnel; its KPI stages carry the KPIs' own names and link to their records. */
export async function FunnelWidget({ params, settings, drillHref, run }: WidgetProps & { run: CurrentRun }) {
  const db = await getDb();
  const ctx = await buildContext(db, params, settings);
  // MQLs, SQLs and won deals are the cards' own counts (same populations): only leads are counted here.
  const { kpis } = (await run).result;
  const cards = kpis.mqls === null || kpis.sqls === null || kpis.won_deals === null
    ? undefined
    : { mqls: kpis.mqls, sqls: kpis.sqls, won: kpis.won_deals };
  const steps = await funnel(db, ctx, cards);
  const t = await getTranslations("dashboard.charts.funnel");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const pct = (v: number | null) => formatPercent(format, v);
  const count = (v: number | null) => formatCount(format, v);
  const labels = steps.map((s) => (s.stage === "leads" ? t("stages.leads") : kpiText(`${FUNNEL_DRILL[s.stage]}.name`)));
  return (
    <ChartCard id="funnel" title={t("title")}>
      {steps.every((s) => s.count === 0) ? (
        <p className={styles.empty}>{t("empty")}</p>
      ) : (
        <>
          <ChartView
            title={t("title")}
            description={t("description")}
            labels={labels}
            categoryHeader={t("stage")}
            currency={settings.currency}
            horizontal
            height={220}
            series={[{ label: t("count"), values: steps.map((s) => s.count), kind: "bar", unit: "count", color: COLORS.won }]}
            extraColumns={[
              { header: t("conversion"), values: steps.map((s) => pct(s.conversion)) },
              { header: t("dropOff"), values: steps.map((s) => count(s.dropOff)) },
            ]}
          />
          <ol className={styles.funnelSteps}>
            {steps.map((s, i) => (
              <li key={s.stage}>
                <Link href={drillHref(FUNNEL_DRILL[s.stage])}>
                  <strong>{labels[i]}</strong>: {count(s.count)}
                </Link>
                {i > 0 ? (
                  <span className={styles.muted}>
                    {" "}
                    · {t("conversion")}: {pct(s.conversion)} · {t("dropOff")}: {count(s.dropOff)}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </ChartCard>
  );
}

/** Deals open at as_of by stage. */
export async function PipelineWidget({ params, settings, drillHref }: WidgetProps) {
  const db = await getDb();
  const ctx = await buildContext(db, params, settings);
  const stages = await pipelineByStage(db, ctx);
  const t = await getTranslations("dashboard.charts");
  const stageLabel = await getTranslations("dashboard.stages");
  const format = await getFormatter();
  return (
    <ChartCard id="pipeline" title={t("pipeline.title")} href={drillHref("open_pipeline")} linkLabel={t("records")}>
      {stages.every((s) => s.deals === 0) ? (
        <p className={styles.empty}>{t("pipeline.empty")}</p>
      ) : (
        <ChartView
          title={t("pipeline.title")}
          description={t("pipeline.description")}
          labels={stages.map((s) => stageLabel(s.stage))}
          categoryHeader={t("funnel.stage")}
          currency={settings.currency}
          series={[{ label: t("pipeline.amount"), values: stages.map((s) => s.amount), kind: "bar", unit: "money", color: COLORS.won }]}
          extraColumns={[{ header: t("pipeline.deals"), values: stages.map((s) => formatCount(format, s.deals)) }]}
        />
      )}
    </ChartCard>
  );
}
