import { FiltersRefused, ReportHeader } from "@/components/report-page/report-page";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { MissingDataNote } from "../missing-data";
import { now } from "@/lib/clock";
import { ChartView } from "@/components/chart/chart";
import { LocalDataTable } from "@/components/data-table/local-data-table";
import { FilterForm } from "@/components/filters/filter-form";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import {
  ATTRIBUTION_MODELS,
  NO_CAMPAIGN_KEY,
  NO_TOUCHPOINTS_KEY,
  isAttributionGroupBy,
  isAttributionModel,
  type AttributionGroupBy,
  type AttributionModel,
  type AttributionResult,
} from "@/lib/attribution";
import { DEFAULT_MODEL, journeyPath } from "@/lib/attribution/search-params";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState } from "@/lib/dashboard/url-state";
import { CHANNELS } from "@/lib/enums";
import { isReportBusy } from "@/lib/cache/busy";
import { formatDateTime, formatDay, formatMoney } from "@/lib/format";
import { hasForbiddenControl, TEXT_LIMITS } from "@/lib/limits";
import { getOrgSettings } from "@/lib/settings/settings";
import { linkTo, type LinkValues } from "@/lib/url-state/links";
import { BusyRetry } from "../dashboard/busy-retry";
import { filterFormProps } from "../dashboard/view";
import { loadClosedLoop } from "./data";
import styles from "./closed-loop.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("closedLoop");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The closed-loop report (issue 12, kpi-definitions.md §3): the dashboard's period and filters
 * (same URL state), a model switcher, credited revenue by channel and by campaign, the seven
 * models side by side, customers by source, assists, campaign cost against credited revenue,
 * and the deals behind any row, each linking to its journey. Marketing, leadership and admin.
 */
export default async function ClosedLoopPage({ searchParams }: { searchParams: SearchParams }) {
  await requireArea("closed_loop");
  const t = await getTranslations("closedLoop");
  const format = await getFormatter();
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const sp = await searchParams;
  const model: AttributionModel = isAttributionModel(one(sp.model)) ? (one(sp.model) as AttributionModel) : DEFAULT_MODEL;
  const creditBy = one(sp.credit_by);
  // A key is a channel, a campaign id or a placeholder: text the database can hold (no NUL or
  // other control character, within the parameter limit), else no row is selected.
  const rawKey = one(sp.credit_key)?.trim();
  const creditKey = rawKey && !hasForbiddenControl(rawKey) && rawKey.length <= TEXT_LIMITS.parameter ? rawKey : undefined;
  const selected =
    creditKey && isAttributionGroupBy(creditBy) ? { by: creditBy as AttributionGroupBy, key: creditKey, model } : null;

  const parsed = resolveDashboardState(await dashboardSearchParamsCache.parse(searchParams), { timeZone: settings.timeZone, now: now() });
  const filters = await filterFormProps(db, parsed, settings, { model });

  const header = <ReportHeader title={t("title")} path="/closed-loop" searchParams={sp} />;
  if (!parsed.ok) return <FiltersRefused header={header} filters={filters} message={t("fixFilters")} />;

  const { state } = parsed;
  const { params } = state;
  const pinned: LinkValues = dashboardLinkValues(state, { pinAsOf: true });
  const here = dashboardLinkValues(state);
  let data: Awaited<ReturnType<typeof loadClosedLoop>>;
  try {
    data = await loadClosedLoop(db, params, selected);
  } catch (err) {
    // Admission control refused the computation (too many at once): say so and retry shortly.
    if (!isReportBusy(err)) throw err;
    return (
      <section aria-labelledby="page-title" data-model={model}>
        {header}
        <FilterForm {...filters} />
        <BusyRetry seconds={err.retryAfterSeconds} />
      </section>
    );
  }
  const currency = settings.currency;
  const money = (v: number | null) => formatMoney(format, v, { currency });
  const campaignsById = new Map(data.campaigns.map((c) => [c.campaignId, c]));
  const keyLabel = (by: AttributionGroupBy, key: string): string => {
    if (key === NO_TOUCHPOINTS_KEY) return t("keys.noTouchpoints");
    if (by === "campaign") {
      if (key === NO_CAMPAIGN_KEY) return t("keys.none");
      const c = campaignsById.get(key);
      return c ? `${c.name} (${key})` : key;
    }
    return (CHANNELS as readonly string[]).includes(key) ? t(`channels.${key}`) : key;
  };
  const rowHref = (by: AttributionGroupBy, key: string) =>
    `${linkTo("/closed-loop", { ...here, model, credit_by: by, credit_key: key })}#deals`;
  const modelLabel = t(`models.${model}`);
  const total = data.byChannel[model].total_revenue;

  const common = { currency, timeZone: settings.timeZone };
  const channelLabels: Record<string, string> = { [NO_TOUCHPOINTS_KEY]: t("keys.noTouchpoints") };
  for (const c of CHANNELS) channelLabels[c] = t(`channels.${c}`);
  const campaignLabels: Record<string, string> = { [NO_TOUCHPOINTS_KEY]: t("keys.noTouchpoints"), [NO_CAMPAIGN_KEY]: t("keys.none") };
  for (const c of data.campaigns) campaignLabels[c.campaignId] = `${c.name} (${c.campaignId})`;
  const labelsOf = (by: AttributionGroupBy) => (by === "channel" ? channelLabels : campaignLabels);
  const fileName = (what: string) => `alignboard-closed-loop-${what}-${params.from}_${params.to}`;

  const creditTable = (by: AttributionGroupBy, result: AttributionResult) => (
    <LocalDataTable
      caption={t(by === "channel" ? "byChannel" : "byCampaign")}
      testId={`credit-${by}`}
      columns={[
        { id: "key", header: t(by === "channel" ? "columns.channel" : "columns.campaign"), kind: "enum", sortable: true },
        { id: "revenue", header: t("columns.revenue"), kind: "money", sortable: true },
        { id: "deals", header: t("columns.deals"), kind: "count", sortable: true },
        { id: "share", header: t("columns.share"), kind: "ratio", sortable: true },
      ]}
      keyColumn="key"
      rows={result.rows.map((r) => ({ key: r.key, revenue: r.revenue, deals: r.deals, share: r.share }))}
      defaultSort={{ id: "revenue", dir: "desc" }}
      exportName={fileName(`${by}-${model}`)}
      valueLabels={labelsOf(by)}
      rowLinks={Object.fromEntries(result.rows.map((r) => [r.key, rowHref(by, r.key)]))}
      rowLinkLabels={Object.fromEntries(result.rows.map((r) => [r.key, t("showDeals", { key: keyLabel(by, r.key) })]))}
      {...common}
    />
  );

  const creditChart = (by: AttributionGroupBy, result: AttributionResult) => {
    const rows = result.rows.slice(0, 12);
    return (
      <ChartView
        title={t(by === "channel" ? "byChannel" : "byCampaign")}
        description={t(by === "channel" ? "byChannelDesc" : "byCampaignDesc", { model: modelLabel })}
        labels={rows.map((r) => keyLabel(by, r.key))}
        series={[{ label: t("columns.revenue"), values: rows.map((r) => r.revenue), kind: "bar", unit: "money", color: "chart-1" }]}
        currency={currency}
        categoryHeader={t(by === "channel" ? "columns.channel" : "columns.campaign")}
        horizontal
        height={Math.max(160, rows.length * 34 + 60)}
      />
    );
  };

  // All seven models side by side per channel: every channel credited by any model.
  const channelKeys = [...new Set(ATTRIBUTION_MODELS.flatMap((m) => data.byChannel[m].rows.map((r) => r.key)))].sort(
    (a, b) => (data.byChannel[model].rows.find((r) => r.key === b)?.revenue ?? 0) - (data.byChannel[model].rows.find((r) => r.key === a)?.revenue ?? 0) || (a < b ? -1 : 1),
  );
  const revenueOf = (m: AttributionModel, by: AttributionGroupBy, key: string): number =>
    (by === "channel" ? data.byChannel : data.byCampaign)[m].rows.find((r) => r.key === key)?.revenue ?? 0;
  const costed = data.campaigns.filter((c) => c.cost !== null && Number(c.cost) > 0);
  const assists = data.closedLoop.assists;

  return (
    <section aria-labelledby="page-title" data-model={model}>
      {header}
      <p className={`muted ${styles.intro}`}>{t("intro")}</p>
      <FilterForm {...filters} />
      <MissingDataNote tables={["deals", "touchpoints"]} />
      <p className={styles.summary} data-testid="period-summary">
        {t("periodSummary", {
          from: formatDay(format, params.from),
          to: formatDay(format, params.to),
          asOf: formatDateTime(format, data.asOf, settings.timeZone),
          timeZone: settings.timeZone,
        })}{" "}
        {t("totalRevenue", { value: money(total), deals: data.wonDeals })}
      </p>
      <nav aria-label={t("modelSwitcher")}>
        <ul className={styles.switcher}>
          {ATTRIBUTION_MODELS.map((m) => (
            <li key={m}>
              <Link
                href={linkTo("/closed-loop", { ...here, model: m, credit_by: selected?.by ?? null, credit_key: selected?.key ?? null })}
                aria-current={m === model ? "page" : undefined}
                data-testid={`model-${m}`}
              >
                {t(`models.${m}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className={`muted ${styles.modelHelp}`} data-testid="model-help">
        <strong>{modelLabel}:</strong> {t(`modelHelp.${model}`)}
      </p>

      {data.wonDeals === 0 && data.byChannel[model].rows.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <>
          {selected && data.deals ? (
            <div className={`card ${styles.card}`} id="deals">
              <h2>{t("deals", { key: keyLabel(selected.by, selected.key) })}</h2>
              <p className={styles.desc}>{t("dealsDesc", { key: keyLabel(selected.by, selected.key), model: modelLabel })}</p>
              <LocalDataTable
                caption={t("deals", { key: keyLabel(selected.by, selected.key) })}
                testId="key-deals"
                columns={[
                  { id: "deal", header: t("columns.deal"), kind: "enum", sortable: true },
                  { id: "account", header: t("columns.account"), kind: "text", sortable: true },
                  { id: "closed_at", header: t("columns.closed"), kind: "datetime", sortable: true },
                  { id: "amount", header: t("columns.amount"), kind: "money", sortable: true },
                  { id: "touches", header: t("columns.touches"), kind: "count", sortable: true },
                  { id: "credit", header: t("columns.credit"), kind: "money", sortable: true },
                  { id: "share", header: t("columns.share"), kind: "ratio", sortable: true },
                ]}
                keyColumn="deal"
                rows={data.deals.map((d) => ({
                  deal: d.dealId,
                  account: d.accountName,
                  closed_at: d.closedAt,
                  amount: d.amount,
                  touches: d.touches,
                  credit: d.credit,
                  share: d.share,
                }))}
                defaultSort={{ id: "amount", dir: "desc" }}
                exportName={fileName(`deals-${selected.by}-${model}`)}
                valueLabels={Object.fromEntries(data.deals.map((d) => [d.dealId, d.name]))}
                rowLinks={Object.fromEntries(
                  data.deals.map((d) => [d.dealId, linkTo(journeyPath(d.dealId), { ...pinned, model })]),
                )}
                {...common}
              />
              <p>
                <Link href={linkTo("/closed-loop", { ...here, model })}>{t("closeDeals")}</Link>
              </p>
            </div>
          ) : null}

          <div className={styles.grid}>
            <div className={`card ${styles.card}`}>
              <h2>{t("byChannel")}</h2>
              <p className={styles.desc}>{t("byChannelDesc", { model: modelLabel })}</p>
              {creditChart("channel", data.byChannel[model])}
              {creditTable("channel", data.byChannel[model])}
            </div>
            <div className={`card ${styles.card}`}>
              <h2>{t("byCampaign")}</h2>
              <p className={styles.desc}>{t("byCampaignDesc", { model: modelLabel })}</p>
              {creditChart("campaign", data.byCampaign[model])}
              {creditTable("campaign", data.byCampaign[model])}
            </div>
          </div>

          <div className={`card ${styles.card}`}>
            <h2>{t("allModels")}</h2>
            <p className={styles.desc}>{t("allModelsDesc")}</p>
            <LocalDataTable
              caption={t("allModels")}
              testId="all-models"
              columns={[
                { id: "key", header: t("columns.channel"), kind: "enum", sortable: true },
                ...ATTRIBUTION_MODELS.map((m) => ({ id: m, header: t(`models.${m}`), kind: "money" as const, sortable: true, emphasis: m === model })),
              ]}
              keyColumn="key"
              rows={channelKeys.map((k) => ({ key: k, ...Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, revenueOf(m, "channel", k)])) }))}
              defaultSort={{ id: model, dir: "desc" }}
              exportName={fileName("all-models")}
              valueLabels={channelLabels}
              {...common}
            />
          </div>

          <div className={styles.grid}>
            <div className={`card ${styles.card}`}>
              <h2>{t("sources")}</h2>
              <p className={styles.desc}>{t("sourcesDesc")}</p>
              <LocalDataTable
                caption={t("sources")}
                testId="by-source"
                columns={[
                  { id: "key", header: t("columns.channel"), kind: "enum", sortable: true },
                  { id: "won_deals", header: t("columns.wonDeals"), kind: "count", sortable: true },
                  { id: "revenue", header: t("columns.wonRevenue"), kind: "money", sortable: true },
                  { id: "new_customers", header: t("columns.newCustomers"), kind: "count", sortable: true },
                ]}
                keyColumn="key"
                rows={data.closedLoop.by_source.map((r) => ({ key: r.channel, won_deals: r.won_deals, revenue: r.revenue, new_customers: r.new_customers }))}
                defaultSort={{ id: "won_deals", dir: "desc" }}
                exportName={fileName("sources")}
                valueLabels={channelLabels}
                {...common}
              />
            </div>
            <div className={`card ${styles.card}`}>
              <h2>{t("assists")}</h2>
              <p className={styles.desc}>{t("assistsDesc")}</p>
              {assists.length > 0 ? (
                <ChartView
                  title={t("assists")}
                  description={t("assistsDesc")}
                  labels={assists.map((r) => keyLabel("channel", r.channel))}
                  series={[
                    { label: t("columns.assisted"), values: assists.map((r) => r.assisted_conversions), kind: "bar", unit: "count", color: "chart-2" },
                    { label: t("columns.lastTouch"), values: assists.map((r) => r.last_touch_conversions), kind: "bar", unit: "count", color: "chart-3" },
                  ]}
                  currency={currency}
                  categoryHeader={t("columns.channel")}
                  horizontal
                  height={Math.max(160, assists.length * 40 + 60)}
                />
              ) : null}
              <LocalDataTable
                caption={t("assists")}
                testId="assists"
                columns={[
                  { id: "key", header: t("columns.channel"), kind: "enum", sortable: true },
                  { id: "assisted", header: t("columns.assisted"), kind: "count", sortable: true },
                  { id: "last_touch", header: t("columns.lastTouch"), kind: "count", sortable: true },
                  { id: "ratio", header: t("columns.ratio"), kind: "ratio", sortable: true },
                ]}
                keyColumn="key"
                rows={assists.map((r) => ({ key: r.channel, assisted: r.assisted_conversions, last_touch: r.last_touch_conversions, ratio: r.ratio }))}
                defaultSort={{ id: "assisted", dir: "desc" }}
                exportName={fileName("assists")}
                valueLabels={channelLabels}
                {...common}
              />
            </div>
          </div>

          <div className={`card ${styles.card}`}>
            <h2>{t("campaignReturn")}</h2>
            <p className={styles.desc}>{t("campaignReturnDesc")}</p>
            {costed.length === 0 ? (
              <EmptyState title={t("emptyCampaigns")} />
            ) : (
              <LocalDataTable
                caption={t("campaignReturn")}
                testId="campaign-return"
                columns={[
                  { id: "key", header: t("columns.campaign"), kind: "enum", sortable: true },
                  { id: "cost", header: t("columns.cost"), kind: "money", sortable: true },
                  { id: "revenue", header: t("columns.revenue"), kind: "money", sortable: true },
                  ...ATTRIBUTION_MODELS.map((m) => ({
                    id: m,
                    header: t("columns.returnOf", { model: t(`models.${m}`) }),
                    kind: "ratio" as const,
                    sortable: true,
                    emphasis: m === model,
                  })),
                ]}
                keyColumn="key"
                rows={costed.map((c) => {
                  const cost = Number(c.cost);
                  return {
                    key: c.campaignId,
                    cost,
                    revenue: revenueOf(model, "campaign", c.campaignId),
                    ...Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, revenueOf(m, "campaign", c.campaignId) / cost])),
                  };
                })}
                defaultSort={{ id: model, dir: "desc" }}
                exportName={fileName(`campaign-return-${model}`)}
                valueLabels={campaignLabels}
                {...common}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
