import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ChartView } from "@/components/chart/chart";
import { FilterForm } from "@/components/filters/filter-form";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { canViewJourney } from "@/lib/attribution/access";
import { journeyPath } from "@/lib/attribution/search-params";
import { getEditableAsset } from "@/lib/content/assets";
import { assetDeals, assetUsageByMonth, assetUsers } from "@/lib/content/breakdown";
import { listAssetMetrics } from "@/lib/content/metrics";
import { canSpeakForSales, listFeedbackRequests, listRatings, ratingSummary } from "@/lib/content/voice";
import { dashboardLinkValues } from "@/lib/dashboard/url-state";
import { formatDateTime, formatDay, formatMonth, formatPercent, formatUnit, unitWords } from "@/lib/format";
import { buildContext } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { linkTo } from "@/lib/url-state/links";
import { filterFormProps } from "../../dashboard/view";
import { AssetActions, AssetForm, RateForm } from "../forms";
import { contentSearchParamsCache, resolveContentState } from "../state";
import styles from "../content.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ assetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("content");
  const db = await getDb();
  const asset = await getEditableAsset(db, decodeURIComponent((await params).assetId));
  return { title: asset ? asset.title : t("title") };
}

/**
 * One asset (issue 11): its metrics for the dashboard's period and filters, usage over time,
 * who used it, the deals it was on and their outcome, sales' ratings and comments; sales rates
 * it here, marketing edits or archives it.
 */
export default async function AssetPage({ params, searchParams }: Props) {
  const user = await requireArea("content");
  const t = await getTranslations("content");
  const format = await getFormatter();
  const words = unitWords(await getTranslations("common.format"));
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const assetId = decodeURIComponent((await params).assetId);
  const asset = await getEditableAsset(db, assetId);
  if (!asset) notFound();
  const state = resolveContentState(await contentSearchParamsCache.parse(searchParams), settings);
  const filters = await filterFormProps(db, state.parsed, settings);
  const canEdit = can(user.role, "content", "edit");
  const isSales = canSpeakForSales(user.role);
  const tz = settings.timeZone;
  const currency = settings.currency;
  const backHref = linkTo("/content", state.parsed.ok ? dashboardLinkValues(state.parsed.state) : {});
  const header = (
    <header className="page-header">
      <h1 id="page-title">{asset.title}</h1>
      {asset.archivedAt ? <span className="badge badge-muted">{t("status.archived")}</span> : null}
      <Link href={backHref}>{t("asset.back")}</Link>
    </header>
  );
  if (!state.ok) {
    return (
      <section aria-labelledby="page-title">
        {header}
        <FilterForm {...filters} />
        <p className="form-error" role="alert">
          {t("invalidParameter", { field: state.field, value: state.value ?? "" })}
        </p>
      </section>
    );
  }
  const ctx = await buildContext(db, state.dashboard.params, settings);
  const [metrics, months, people, deals, ratings, summary, asks] = await Promise.all([
    listAssetMetrics(db, ctx, { status: "all", assetId }),
    assetUsageByMonth(db, ctx, assetId),
    assetUsers(db, ctx, assetId),
    assetDeals(db, ctx, assetId),
    listRatings(db, assetId),
    ratingSummary(db, assetId),
    listFeedbackRequests(db, { assetId }),
  ]);
  const m = metrics.rows[0] ?? null;
  const count = (v: number) => formatUnit(format, "count", v, { currency, style: "kpi", words });
  const money = (v: number | string) => formatUnit(format, "money", Number(v), { currency, style: "kpi", words });
  const facts: [string, string][] = m
    ? [
        [t("columns.uses"), count(m.uses)],
        [t("asset.byAction"), `${count(m.shared)} / ${count(m.sent)} / ${count(m.presented)}`],
        [t("columns.internal_uses"), count(m.internalUses)],
        [t("columns.users"), count(m.users)],
        [t("columns.deals_touched"), count(m.dealsTouched)],
        [t("columns.deals_influenced"), count(m.dealsInfluenced)],
        [t("columns.influenced_revenue"), money(m.influencedRevenue)],
        [t("columns.win_rate_with"), formatPercent(format, m.winRateWith)],
        [t("columns.win_rate_without"), formatPercent(format, m.winRateWithout)],
        [t("columns.last_used_at"), m.lastUsedAt ? formatDay(format, m.lastUsedAt.slice(0, 10)) : "—"],
        [t("columns.days_since_published"), formatUnit(format, "days", m.daysSincePublished, { currency, style: "kpi", words })],
      ]
    : [];

  return (
    <section aria-labelledby="page-title" data-testid="asset-page">
      {header}
      <p className="muted">
        {t(`types.${asset.type}`)} · {asset.funnelStage ? t(`stages.${asset.funnelStage}`) : t("stages.none")} · {asset.ownerEmail ?? t("asset.noOwner")} ·{" "}
        {t("asset.published", { date: formatDateTime(format, asset.publishedAt, tz) })}
        {asset.url ? (
          <>
            {" · "}
            <a href={asset.url} rel="noopener noreferrer" target="_blank">
              {t("asset.open")}
            </a>
          </>
        ) : null}
      </p>
      <FilterForm {...filters} />
      {m === null ? (
        <p className="muted">{t("asset.notYet")}</p>
      ) : (
        <dl className={styles.facts} data-testid="asset-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className={styles.meta}>{t("asset.winRateNote")}</p>
      {canEdit ? <AssetActions assetId={asset.assetId} version={asset.version} archived={asset.archivedAt !== null} title={asset.title} /> : null}

      <div className={styles.two}>
        <section className="card" aria-labelledby="usage-title">
          <h2 id="usage-title">{t("asset.usageOverTime")}</h2>
          <ChartView
            title={t("asset.usageOverTime")}
            description={t("asset.usageDescription")}
            labels={months.map((x) => formatMonth(format, x.month))}
            categoryHeader={t("asset.month")}
            currency={currency}
            series={[
              { label: t("asset.customerFacing"), values: months.map((x) => x.customerFacing), kind: "bar", unit: "count", color: "chart-1" },
              { label: t("asset.internal"), values: months.map((x) => x.internal), kind: "bar", unit: "count", color: "chart-5" },
            ]}
          />
        </section>
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title">{t("asset.whoUsed")}</h2>
          {people.length === 0 ? (
            <p className="muted">{t("asset.nobody")}</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("asset.person")}</th>
                    <th scope="col" className="num">{t("asset.customerFacing")}</th>
                    <th scope="col" className="num">{t("asset.internal")}</th>
                    <th scope="col">{t("asset.lastUse")}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.email ?? "-"}>
                      <td>{p.name ?? p.email ?? t("asset.unknownPerson")}</td>
                      <td className="num">{count(p.customerFacing)}</td>
                      <td className="num">{count(p.internal)}</td>
                      <td>{formatDay(format, p.lastAt.slice(0, 10))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="deals-title">
        <h2 id="deals-title">{t("asset.deals")}</h2>
        {deals.length === 0 ? (
          <p className="muted">{t("asset.noDeals")}</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className="table" data-testid="asset-deals">
              <thead>
                <tr>
                  <th scope="col">{t("asset.deal")}</th>
                  <th scope="col" className="num">{t("asset.amount")}</th>
                  <th scope="col">{t("asset.outcome")}</th>
                  <th scope="col">{t("asset.closed")}</th>
                  <th scope="col">{t("asset.firstUse")}</th>
                  <th scope="col">{t("asset.influenced")}</th>
                </tr>
              </thead>
              <tbody>
                {deals.map((d) => (
                  <tr key={d.dealId}>
                    <td>
                      {canViewJourney(user, d.ownerEmail) ? (
                        <Link href={linkTo(journeyPath(d.dealId), dashboardLinkValues(state.dashboard, { pinAsOf: true }))}>{d.name}</Link>
                      ) : (
                        d.name
                      )}
                    </td>
                    <td className="num">{money(d.amount)}</td>
                    <td>{t(`outcomes.${d.outcome}`)}</td>
                    <td>{d.closedAt ? formatDay(format, d.closedAt.slice(0, 10)) : "—"}</td>
                    <td>{formatDay(format, d.firstUsedAt.slice(0, 10))}</td>
                    <td>{d.influenced ? t("asset.yes") : t("asset.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className={styles.two}>
        <section className="card" aria-labelledby="ratings-title" data-testid="asset-ratings">
          <h2 id="ratings-title">{t("asset.ratings")}</h2>
          <p>{t("voice.ratings", { useful: summary.useful, notUseful: summary.notUseful })}</p>
          {summary.reasons.length > 0 ? (
            <ol className={styles.reasons}>
              {summary.reasons.map((r) => (
                <li key={r.reason}>
                  {t(`reasons.${r.reason}`)}: {count(r.count)}
                </li>
              ))}
            </ol>
          ) : null}
          {asks.length > 0 ? <p className="badge">{t("asset.asked", { name: asks[0]!.askedBy ?? "—", question: asks[0]!.question || "—" })}</p> : null}
          {ratings.length === 0 ? (
            <p className="muted">{t("asset.noRatings")}</p>
          ) : (
            <ul className={styles.list}>
              {ratings.map((r, i) => (
                <li key={i} data-testid="rating">
                  <div>
                    <strong>{r.useful ? t("rate.useful") : t("rate.notUseful")}</strong>
                    {r.reason ? ` — ${t(`reasons.${r.reason}`)}` : ""}
                    <div className={styles.meta}>
                      {r.userName} · {formatDateTime(format, r.updatedAt, tz)}
                    </div>
                    {r.comment ? <p>{r.comment}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        {isSales ? (
          <section className="card" aria-labelledby="rate-title">
            <h2 id="rate-title">{t("rate.title")}</h2>
            <RateForm assetId={asset.assetId} />
          </section>
        ) : null}
        {canEdit ? (
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("asset.edit")}</h2>
            <AssetForm asset={asset} />
          </section>
        ) : null}
      </div>
    </section>
  );
}
