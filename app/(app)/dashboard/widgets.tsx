import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ChartView, type ChartColor } from "@/components/chart/chart";
import { type KpiParams, type KpiRunWithMonthly, type OrgSettings } from "@/lib/kpi";
import type { Locale } from "@/lib/i18n/config";
import { cachedDashboardChart } from "@/lib/dashboard/cached-charts";
import { funnel, pipelineByStage, revenueByMonth, trendByMonth, type FunnelStage } from "@/lib/dashboard/charts";
import type { DrillKey } from "@/lib/dashboard/search-params";
import { formatCount, formatMoney, formatMonth, formatPercent } from "@/lib/format";
import { linkTo } from "@/lib/url-state/links";
import styles from "./dashboard.module.css";

export interface WidgetProps {
  params: KpiParams;
  settings: OrgSettings;
  locale: Locale;
  /** Builds the drill-down link of a KPI (or `leads_created`). */
  drillHref: (kpi: DrillKey) => string;
}

/** P's KPI run, with its months (computeKpisWithMonthly): shared by the cards, the charts and the headline sparklines. */
export type CurrentRun = Promise<KpiRunWithMonthly>;

async function monthLabels(months: string[]): Promise<string[]> {
  const format = await getFormatter();
  return months.map((m) => formatMonth(format, m));
}

/**
 * A chart's card: its title, the link to the records behind it and the link to the glossary term
 * that defines what it shows (`/glossary#<slug>`: a KPI's key or a funnel stage, lib/glossary).
 */
async function ChartCard({ id, title, children, href, linkLabel, term }: { id: string; title: string; children: React.ReactNode; href?: string; linkLabel?: string; term: string }) {
  const t = await getTranslations("dashboard.charts");
  return (
    <section className={`card ${styles.chartCard}`} aria-labelledby={`chart-${id}`} data-testid={`chart-${id}`}>
      <div className={styles.chartHead}>
        <h2 id={`chart-${id}`}>{title}</h2>
        <span className={styles.chartLinks}>
          <Link href={`/glossary#${term}`} className={styles.drill} aria-label={t("glossaryOf", { chart: title })}>
            {t("glossary")}
          </Link>
          {href ? (
            <Link href={href} className={styles.drill}>
              {linkLabel}
            </Link>
          ) : null}
        </span>
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

/** The series' colours: tokens of the chart palette (app/globals.css --chart-N). */
const COLORS = { won: "chart-1", lastYear: "chart-5", sourced: "chart-2", influenced: "chart-3", rate: "chart-1", cycle: "chart-4" } as const satisfies Record<string, ChartColor>;

export async function RevenueChartWidget({ params, settings, drillHref, run }: WidgetProps & { run: CurrentRun }) {
  const db = await getDb();
  const { monthly, monthlyLastYear } = await run;
  const months = await cachedDashboardChart(db, "revenue", params, settings, (reader, ctx) => revenueByMonth(reader, ctx, monthly, monthlyLastYear));
  const t = await getTranslations("dashboard.charts");
  const empty = months.every((m) => m.won === 0 && m.wonLastYear === 0);
  return (
    <ChartCard id="revenue" term="revenue" title={t("revenue.title")} href={drillHref("revenue")} linkLabel={t("records")}>
      {empty ? (
        <p className={styles.empty}>{t("revenue.empty")}</p>
      ) : (
        <ChartView
          title={t("revenue.title")}
          description={t("revenue.description")}
          labels={await monthLabels(months.map((m) => m.month))}
          categoryHeader={t("month")}
          currency={settings.currency}
          axisTitles={{ value: t("axis.revenue", { currency: settings.currency }), category: t("month") }}
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
  const { monthly } = await run;
  const months = await cachedDashboardChart(db, "trend", params, settings, (reader, ctx) => trendByMonth(reader, ctx, monthly));
  const t = await getTranslations("dashboard.charts");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const empty = months.every((m) => m.won + m.lost === 0);
  return (
    <ChartCard id="trend" term="win_rate" title={t("trend.title")} href={drillHref("win_rate")} linkLabel={t("records")}>
      {empty ? (
        <p className={styles.empty}>{t("trend.empty")}</p>
      ) : (
        <ChartView
          title={t("trend.title")}
          description={t("trend.description")}
          labels={await monthLabels(months.map((m) => m.month))}
          categoryHeader={t("month")}
          currency={settings.currency}
          axisTitles={{ value: kpiText("win_rate.name"), secondary: t("axis.days"), category: t("month") }}
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
  // MQLs, SQLs and won deals are the cards' own counts (same populations): only leads are counted here.
  const { kpis } = (await run).result;
  const cards = kpis.mqls === null || kpis.sqls === null || kpis.won_deals === null
    ? undefined
    : { mqls: kpis.mqls, sqls: kpis.sqls, won: kpis.won_deals };
  const steps = await cachedDashboardChart(db, "funnel", params, settings, (reader, ctx) => funnel(reader, ctx, cards));
  const t = await getTranslations("dashboard.charts.funnel");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const pct = (v: number | null) => formatPercent(format, v);
  const count = (v: number | null) => formatCount(format, v);
  const labels = steps.map((s) => (s.stage === "leads" ? t("stages.leads") : kpiText(`${FUNNEL_DRILL[s.stage]}.name`)));
  return (
    <ChartCard id="funnel" term="group-stage" title={t("title")}>
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
            axisTitles={{ value: t("count") }}
            barLabels={steps.map((s, i) => (i === 0 ? count(s.count) : `${count(s.count)} · ${pct(s.conversion)}`))}
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
  // Empty categories (e.g. nothing closed after as-of) are left out of the chart.
  const stages = (await cachedDashboardChart(db, "pipeline", params, settings, (reader, ctx) => pipelineByStage(reader, ctx))).filter((s) => s.deals > 0);
  const t = await getTranslations("dashboard.charts");
  const stageLabel = await getTranslations("dashboard.stages");
  const format = await getFormatter();
  // Open deals past their expected close date (before as_of's date): a badge to their records, overdue first.
  const overdue = stages.reduce((acc, s) => ({ deals: acc.deals + s.overdueDeals, amount: acc.amount + s.overdueAmount }), { deals: 0, amount: 0 });
  return (
    <ChartCard id="pipeline" term="open_pipeline" title={t("pipeline.title")} href={drillHref("open_pipeline")} linkLabel={t("records")}>
      {overdue.deals > 0 ? (
        <p>
          <Link href={linkTo(drillHref("open_deals"), { sort: "overdue", dir: "desc" })} className="badge badge-bad" data-testid="pipeline-overdue">
            {t("pipeline.overdue", { deals: overdue.deals, amount: formatMoney(format, overdue.amount, { currency: settings.currency }) })}
          </Link>
        </p>
      ) : null}
      {stages.length === 0 ? (
        <p className={styles.empty}>{t("pipeline.empty")}</p>
      ) : (
        <ChartView
          title={t("pipeline.title")}
          description={t("pipeline.description")}
          labels={stages.map((s) => stageLabel(s.stage))}
          categoryHeader={t("funnel.stage")}
          currency={settings.currency}
          axisTitles={{ value: t("axis.revenue", { currency: settings.currency }), category: t("funnel.stage") }}
          series={[{ label: t("pipeline.amount"), values: stages.map((s) => s.amount), kind: "bar", unit: "money", color: COLORS.won }]}
          extraColumns={[
            { header: t("pipeline.deals"), values: stages.map((s) => formatCount(format, s.deals)) },
            { header: t("pipeline.overdueColumn"), values: stages.map((s) => formatCount(format, s.overdueDeals)) },
          ]}
        />
      )}
    </ChartCard>
  );
}
