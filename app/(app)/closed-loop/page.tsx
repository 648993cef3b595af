import { FiltersRefused, ReportHeader } from "@/components/report-page/report-page";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { MissingDataNote } from "../missing-data";
import { now } from "@/lib/clock";
import { ChartView } from "@/components/chart/chart";
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
import { DEFAULT_MODEL } from "@/lib/attribution/search-params";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState } from "@/lib/dashboard/url-state";
import { CHANNELS } from "@/lib/enums";
import { formatCount, formatDate, formatDateTime, formatDay, formatMoney, formatNumber, formatPercent, NO_VALUE } from "@/lib/format";
import { hasForbiddenControl, TEXT_LIMITS } from "@/lib/limits";
import { getOrgSettings } from "@/lib/settings/settings";
import { linkTo, type LinkValues } from "@/lib/url-state/links";
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
  const data = await loadClosedLoop(db, params, selected);
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

  const creditTable = (by: AttributionGroupBy, result: AttributionResult) => (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={t(by === "channel" ? "byChannel" : "byCampaign")}>
      <table className="table" data-testid={`credit-${by}`}>
        <caption className="visually-hidden">{t(by === "channel" ? "byChannel" : "byCampaign")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(by === "channel" ? "columns.channel" : "columns.campaign")}</th>
            <th scope="col" className="num">{t("columns.revenue")}</th>
            <th scope="col" className="num">{t("columns.deals")}</th>
            <th scope="col" className="num">{t("columns.share")}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <Link href={rowHref(by, r.key)} aria-label={t("showDeals", { key: keyLabel(by, r.key) })}>
                  {keyLabel(by, r.key)}
                </Link>
              </th>
              <td className={styles.num}>{money(r.revenue)}</td>
              <td className={styles.num}>{formatCount(format, r.deals)}</td>
              <td className={styles.num}>{formatPercent(format, r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
          asOf: formatDateTime(format, params.asOf, settings.timeZone),
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
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={t("deals", { key: keyLabel(selected.by, selected.key) })}>
                <table className="table" data-testid="key-deals">
                  <caption className="visually-hidden">{t("deals", { key: keyLabel(selected.by, selected.key) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.deal")}</th>
                      <th scope="col">{t("columns.account")}</th>
                      <th scope="col">{t("columns.closed")}</th>
                      <th scope="col" className="num">{t("columns.amount")}</th>
                      <th scope="col" className="num">{t("columns.touches")}</th>
                      <th scope="col" className="num">{t("columns.credit")}</th>
                      <th scope="col" className="num">{t("columns.share")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.deals.map((d) => (
                      <tr key={d.dealId}>
                        <th scope="row">
                          <Link href={linkTo(`/closed-loop/deals/${encodeURIComponent(d.dealId)}`, { ...pinned, model })}>{d.name}</Link>
                        </th>
                        <td>{d.accountName ?? NO_VALUE}</td>
                        <td className={styles.num}>{formatDate(format, d.closedAt, settings.timeZone)}</td>
                        <td className={styles.num}>{money(d.amount)}</td>
                        <td className={styles.num}>{formatCount(format, d.touches)}</td>
                        <td className={styles.num}>{money(d.credit)}</td>
                        <td className={styles.num}>{formatPercent(format, d.share)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
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
            <div className={styles.scroll} tabIndex={0} role="region" aria-label={t("allModels")}>
              <table className="table" data-testid="all-models">
                <caption className="visually-hidden">{t("allModels")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("columns.channel")}</th>
                    {ATTRIBUTION_MODELS.map((m) => (
                      <th scope="col" key={m} className={`num ${m === model ? styles.current : ""}`}>
                        {t(`models.${m}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {channelKeys.map((k) => (
                    <tr key={k}>
                      <th scope="row">{keyLabel("channel", k)}</th>
                      {ATTRIBUTION_MODELS.map((m) => (
                        <td key={m} className={`${styles.num} ${m === model ? styles.current : ""}`}>
                          {money(revenueOf(m, "channel", k))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>

          <div className={styles.grid}>
            <div className={`card ${styles.card}`}>
              <h2>{t("sources")}</h2>
              <p className={styles.desc}>{t("sourcesDesc")}</p>
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={t("sources")}>
                <table className="table" data-testid="by-source">
                  <caption className="visually-hidden">{t("sources")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.channel")}</th>
                      <th scope="col" className="num">{t("columns.wonDeals")}</th>
                      <th scope="col" className="num">{t("columns.wonRevenue")}</th>
                      <th scope="col" className="num">{t("columns.newCustomers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.closedLoop.by_source.map((r) => (
                      <tr key={r.channel}>
                        <th scope="row">{keyLabel("channel", r.channel)}</th>
                        <td className={styles.num}>{formatCount(format, r.won_deals)}</td>
                        <td className={styles.num}>{money(r.revenue)}</td>
                        <td className={styles.num}>{formatCount(format, r.new_customers)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
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
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={t("assists")}>
                <table className="table" data-testid="assists">
                  <caption className="visually-hidden">{t("assists")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.channel")}</th>
                      <th scope="col" className="num">{t("columns.assisted")}</th>
                      <th scope="col" className="num">{t("columns.lastTouch")}</th>
                      <th scope="col" className="num">{t("columns.ratio")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {assists.map((r) => (
                      <tr key={r.channel}>
                        <th scope="row">{keyLabel("channel", r.channel)}</th>
                        <td className={styles.num}>{formatCount(format, r.assisted_conversions)}</td>
                        <td className={styles.num}>{formatCount(format, r.last_touch_conversions)}</td>
                        <td className={styles.num}>{r.ratio === null ? NO_VALUE : formatNumber(format, r.ratio, { decimals: 2 })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>

          <div className={`card ${styles.card}`}>
            <h2>{t("campaignReturn")}</h2>
            <p className={styles.desc}>{t("campaignReturnDesc")}</p>
            {costed.length === 0 ? (
              <EmptyState title={t("emptyCampaigns")} />
            ) : (
              <div className={styles.scroll} tabIndex={0} role="region" aria-label={t("campaignReturn")}>
                <table className="table" data-testid="campaign-return">
                  <caption className="visually-hidden">{t("campaignReturn")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.campaign")}</th>
                      <th scope="col" className="num">{t("columns.cost")}</th>
                      <th scope="col" className="num">{t("columns.revenue")}</th>
                      {ATTRIBUTION_MODELS.map((m) => (
                        <th scope="col" key={m} className={`num ${m === model ? styles.current : ""}`}>
                          {t(`models.${m}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {costed.map((c) => {
                      const cost = Number(c.cost);
                      return (
                        <tr key={c.campaignId}>
                          <th scope="row">{keyLabel("campaign", c.campaignId)}</th>
                          <td className={styles.num}>{money(cost)}</td>
                          <td className={styles.num}>{money(revenueOf(model, "campaign", c.campaignId))}</td>
                          {ATTRIBUTION_MODELS.map((m) => (
                            <td key={m} className={`${styles.num} ${m === model ? styles.current : ""}`} title={money(revenueOf(m, "campaign", c.campaignId))}>
                              {`${formatNumber(format, revenueOf(m, "campaign", c.campaignId) / cost, { decimals: 2 })}×`}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
