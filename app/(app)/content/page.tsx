import { FiltersRefused, ReportHeader } from "@/components/report-page/report-page";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { MissingDataNote } from "../missing-data";
import { DataTable, type DataTableColumn, type DataTableRow } from "@/components/data-table/data-table";
import { ChartView } from "@/components/chart/chart";
import { FilterForm } from "@/components/filters/filter-form";
import { KpiTile, type KpiComparison } from "@/components/kpi-tile/kpi-tile";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { assetOwners, type GroupRow } from "@/lib/content/breakdown";
import type { AssetMetrics } from "@/lib/content/metrics";
import { contentPageData } from "@/lib/content/page-data";
import type { ContentSummary } from "@/lib/content/report";
import { canSpeakForSales, listFeedbackRequests, listRequests, ratingCounts, ratingSummary } from "@/lib/content/voice";
import { dashboardLinkValues } from "@/lib/dashboard/url-state";
import { ASSET_TYPES, FUNNEL_STAGES } from "@/lib/enums";
import { formatDay, formatDateTime, formatMonth, formatPercent, formatUnit, unitWords, type Unit } from "@/lib/format";
import { KPI_DEFINITIONS, type KpiKey } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { linkQuery, linkTo, type LinkValues } from "@/lib/url-state/links";
import { describeComparison, type ComparisonWords } from "../dashboard/compare";
import { filterFormProps } from "../dashboard/view";
import { AssetActions, CompleteRequestForm, RequestForm } from "./forms";
import { contentSearchParamsCache, libraryLinkValues, PAGE_SIZES, resolveContentState } from "./state";
import styles from "./content.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("content");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The library's columns: the per-asset metrics of lib/content/metrics.ts (ids = its sort keys where sortable). */
const COLUMNS: { id: string; kind: DataTableColumn["kind"]; sortable: boolean }[] = [
  { id: "asset_id", kind: "id", sortable: false },
  { id: "title", kind: "text", sortable: true },
  { id: "type", kind: "enum", sortable: true },
  { id: "funnel_stage", kind: "enum", sortable: true },
  { id: "owner_email", kind: "enum", sortable: true },
  { id: "uses", kind: "count", sortable: true },
  { id: "shared", kind: "count", sortable: false },
  { id: "sent", kind: "count", sortable: false },
  { id: "presented", kind: "count", sortable: false },
  { id: "internal_uses", kind: "count", sortable: true },
  { id: "users", kind: "count", sortable: true },
  { id: "deals_touched", kind: "count", sortable: true },
  { id: "deals_influenced", kind: "count", sortable: true },
  { id: "influenced_revenue", kind: "money", sortable: true },
  { id: "win_rate_with", kind: "text", sortable: true },
  { id: "win_rate_without", kind: "text", sortable: false },
  { id: "last_used_at", kind: "datetime", sortable: true },
  { id: "days_since_published", kind: "days", sortable: true },
  { id: "status", kind: "status", sortable: false },
  { id: "ratings", kind: "text", sortable: false },
  { id: "rating_reasons", kind: "text", sortable: false },
];

/**
 * The content page (issue 11): what sales uses, what sits idle, what was in front of buyers on
 * won deals, and sales' voice — for the dashboard's period and filters (same URL state).
 * Every role reads it; the content area's editors (marketing, admin) archive and ask sales;
 * sales rates assets and requests content.
 */
export default async function ContentPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("content");
  const t = await getTranslations("content");
  const td = await getTranslations("dashboard");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const locale = await getLocale();
  const words = unitWords(await getTranslations("common.format"));
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const readings = await contentSearchParamsCache.parse(searchParams);
  const state = resolveContentState(readings, settings);
  const keep: LinkValues = state.ok ? libraryLinkValues(state.library) : {};
  const filters = await filterFormProps(db, state.parsed, settings, keep);
  const canEdit = can(user.role, "content", "edit");
  const isSales = canSpeakForSales(user.role);

  const header = (
    <ReportHeader title={t("title")} path="/content" searchParams={await searchParams}>
      {canEdit ? (
        <Link href="/content/new" className="btn">
          {t("addAsset")}
        </Link>
      ) : null}
    </ReportHeader>
  );
  if (!state.ok) {
    return (
      <FiltersRefused
        header={header}
        filters={filters}
        field={state.field}
        message={t("invalidParameter", { field: state.field, value: state.value ?? "" })}
      />
    );
  }

  const { params } = state.dashboard;
  const { library } = state;
  const tz = settings.timeZone;
  const currency = settings.currency;
  const [{ asOf, summary, previous, yearAgo, trend, breakdown, page, neverUsed, noWin }, ratings, requests, feedback] = await Promise.all([
    contentPageData(db, params, settings, library.query),
    ratingSummary(db, null),
    listRequests(db, { limit: 30 }),
    listFeedbackRequests(db),
  ]);
  const [counts, owners] = await Promise.all([ratingCounts(db, page.rows.map((r) => r.assetId)), assetOwners(db)]);

  const show = (unit: Unit, value: number | null, style: "tile" | "kpi", signed = false) => formatUnit(format, unit, value, { currency, style, words, signed });
  const pick = (s: ContentSummary, key: KpiKey): number | null =>
    key === "content_usage_rate" ? s.usageRate : key === "content_unused_share" ? s.unusedShare : s.influencedRevenue;
  const comparisonWords: ComparisonWords = {
    t: (key, values) => td(key, values),
    show,
    signedPercent: (v) => formatPercent(format, v, { signed: true }),
  };
  const comparison = (key: KpiKey, label: string, compared: number | null): KpiComparison =>
    describeComparison(comparisonWords, KPI_DEFINITIONS[key], pick(summary, key), label, compared);
  const base: LinkValues = { ...dashboardLinkValues(state.dashboard, { pinAsOf: true }) };
  const tile = (key: KpiKey, variant: "headline" | "compact", trendValues?: (number | null)[]) => {
    const def = KPI_DEFINITIONS[key];
    const value = pick(summary, key);
    const label = kpiText(`${key}.name`);
    return (
      <KpiTile
        key={key}
        kpi={key}
        variant={variant}
        label={label}
        value={value}
        display={show(def.unit, value, "tile")}
        nullReason={value === null ? kpiText(`${key}.nullReason`) : undefined}
        definition={{
          label: td("card.definition", { kpi: label }),
          summary: kpiText(`${key}.description`),
          exact: value === null ? undefined : td("card.exact", { value: show(def.unit, value, "kpi") }),
          rule: `${td("card.rule")}: ${locale === "es" ? def.es : def.en}`,
          glossaryHref: `/glossary#${key}`,
          glossaryLabel: td("card.glossary", { kpi: label }),
        }}
        href={linkTo("/content", { ...base, usage: key === "content_unused_share" ? "unused" : key === "content_usage_rate" ? "used" : null })}
        linkLabel={t("tiles.assets", { kpi: label })}
        comparisons={[comparison(key, td("card.previous"), pick(previous, key)), comparison(key, td("card.yearAgo"), pick(yearAgo, key))]}
        trend={trendValues}
      />
    );
  };

  const valueLabels: Record<string, string> = {};
  for (const v of ASSET_TYPES) valueLabels[v] = t(`types.${v}`);
  for (const v of FUNNEL_STAGES) valueLabels[v] = t(`stages.${v}`);
  for (const v of ["active", "archived", "inactive"] as const) valueLabels[v] = t(`status.${v}`);
  const ratio = (v: number | null) => formatPercent(format, v);
  const rows: DataTableRow[] = page.rows.map((r) => rowOf(r, ratio));
  const tableBase: LinkValues = { ...base, ...libraryLinkValues(library) };
  const exportHref = linkTo("/content/export", {
    ...tableBase,
    sort: library.query.sort,
    dir: library.query.dir,
    q: library.q || null,
    hide: library.hidden,
  });
  const stageLabel = (k: string | null) => (k === null ? t("stages.none") : t(`stages.${k}`));
  const groupChart = (id: string, title: string, groups: GroupRow[], label: (k: string | null) => string) => (
    <section className={`card ${styles.chartCard}`} aria-labelledby={`chart-${id}`} data-testid={`chart-${id}`}>
      <h2 id={`chart-${id}`}>{title}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t("charts.empty")}</p>
      ) : (
        <ChartView
          title={title}
          description={t("charts.description")}
          labels={groups.map((g) => label(g.key))}
          categoryHeader={t(`charts.${id}Header`)}
          currency={currency}
          series={[
            { label: t("charts.used"), values: groups.map((g) => g.used), kind: "bar", unit: "count", color: "chart-2" },
            { label: t("charts.unused"), values: groups.map((g) => g.active - g.used), kind: "bar", unit: "count", color: "chart-5" },
          ]}
          extraColumns={[
            { header: t("charts.uses"), values: groups.map((g) => show("count", g.uses, "kpi")) },
            { header: t("charts.internal"), values: groups.map((g) => show("count", g.internalUses, "kpi")) },
          ]}
        />
      )}
    </section>
  );

  const actionList = (id: string, title: string, hint: string, items: AssetMetrics[], total: number) => (
    <section className="card" aria-labelledby={`list-${id}`} data-testid={`list-${id}`}>
      <h2 id={`list-${id}`}>
        {title} <span className="badge badge-muted">{show("count", total, "kpi")}</span>
      </h2>
      <p className={styles.meta}>{hint}</p>
      {items.length === 0 ? (
        <p className="muted">{t("lists.none")}</p>
      ) : (
        <ul className={styles.list}>
          {items.map((a) => (
            <li key={a.assetId}>
              <div>
                <Link href={linkTo(`/content/${encodeURIComponent(a.assetId)}`, base)}>{a.title}</Link>
                <div className={styles.meta}>
                  {t(`types.${a.type}`)} · {a.funnelStage ? t(`stages.${a.funnelStage}`) : t("stages.none")} ·{" "}
                  {a.uses > 0 ? t("lists.uses", { count: a.uses }) : t("lists.published", { days: Math.floor(a.daysSincePublished) })}
                </div>
              </div>
              {canEdit ? <AssetActions assetId={a.assetId} version={a.version} archived={a.archived} title={a.title} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section aria-labelledby="page-title" data-testid="content-page">
      {header}
      <p className="muted">{t("intro")}</p>
      <FilterForm {...filters} />
      <MissingDataNote tables={["content_assets", "content_usage"]} />
      <p className={styles.summary} data-testid="period-summary">
        {td("periodSummary", {
          from: formatDay(format, params.from),
          to: formatDay(format, params.to),
          asOf: formatDateTime(format, new Date(asOf), tz),
          timeZone: tz,
        })}{" "}
        {t("filtersNote")}
      </p>

      <section aria-labelledby="tiles-title">
        <h2 id="tiles-title" className="visually-hidden">
          {t("tiles.title")}
        </h2>
        <div className={styles.headline} data-testid="content-tiles">
          {tile("content_usage_rate", "headline", trend.map((m) => m.rate))}
          {tile("content_unused_share", "headline", trend.map((m) => (m.rate === null ? null : 1 - m.rate)))}
          {tile("content_influenced_revenue", "headline")}
        </div>
        {trend.length > 0 ? (
          <p className="visually-hidden">
            {t("tiles.trend", { months: trend.map((m) => `${formatMonth(format, m.month)}: ${ratio(m.rate)}`).join(", ") })}
          </p>
        ) : null}
      </section>

      <div className={styles.charts}>
        {groupChart("stage", t("charts.byStage"), breakdown.byStage, stageLabel)}
        {groupChart("type", t("charts.byType"), breakdown.byType, (k) => t(`types.${k ?? "other"}`))}
      </div>

      <div className={styles.lists}>
        {actionList("never-used", t("lists.neverUsed"), t("lists.neverUsedHint"), neverUsed.rows, neverUsed.total)}
        {actionList("no-win", t("lists.noWin"), t("lists.noWinHint"), noWin.rows, noWin.total)}
      </div>

      <section className="card" aria-labelledby="library-title">
        <h2 id="library-title">{t("library.title")}</h2>
        <LibraryFilters values={library} owners={owners} base={base} hidden={library.hidden} sort={library.query.sort} dir={library.query.dir} q={library.q} t={t} />
        {page.total === 0 && library.page === 1 ? (
          <EmptyState title={t("library.emptyTitle")}>{t("library.empty")}</EmptyState>
        ) : (
          <DataTable
            caption={t("library.caption")}
            columns={COLUMNS.map((c) => ({ id: c.id, header: t(`columns.${c.id}`), kind: c.kind, sortable: c.sortable }))}
            keyColumn="asset_id"
            rows={rows.map((r) => {
              const c = counts.get(String(r.asset_id));
              return { ...r, ratings: formatRatings(c), rating_reasons: c ? formatReasons(c.reasons, t) : "" };
            })}
            rowLinks={Object.fromEntries(page.rows.map((r) => [r.assetId, linkTo(`/content/${encodeURIComponent(r.assetId)}`, base)]))}
            total={page.total}
            page={library.page}
            size={library.size}
            pageSizes={PAGE_SIZES}
            sort={library.query.sort}
            dir={library.query.dir}
            q={library.q}
            hidden={library.hidden}
            sumColumn={null}
            sum={null}
            baseQuery={linkQuery(tableBase).toString()}
            exportHref={exportHref}
            currency={currency}
            timeZone={tz}
            valueLabels={valueLabels}
          />
        )}
      </section>

      <div className={styles.two}>
        <section className="card" aria-labelledby="voice-title" data-testid="sales-voice">
          <h2 id="voice-title">{t("voice.title")}</h2>
          <p>
            {t("voice.ratings", { useful: ratings.useful, notUseful: ratings.notUseful })}
          </p>
          {ratings.reasons.length > 0 ? (
            <>
              <h3>{t("voice.reasons")}</h3>
              <ol className={styles.reasons}>
                {ratings.reasons.map((r) => (
                  <li key={r.reason}>
                    {t(`reasons.${r.reason}`)}: {show("count", r.count, "kpi")}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <h3>{t("voice.askedTitle")}</h3>
          {feedback.length === 0 ? (
            <p className="muted">{t("voice.noAsks")}</p>
          ) : (
            <ul className={styles.list} data-testid="feedback-requests">
              {feedback.map((f) => (
                <li key={f.id}>
                  <div>
                    <Link href={linkTo(`/content/${encodeURIComponent(f.assetId)}`, base)}>{f.title}</Link>
                    <div className={styles.meta}>
                      {t("voice.askedBy", { name: f.askedBy ?? "—", date: formatDateTime(format, f.createdAt, tz), answers: f.answers })}
                      {f.question ? ` — ${f.question}` : ""}
                    </div>
                  </div>
                  {isSales ? <Link href={linkTo(`/content/${encodeURIComponent(f.assetId)}`, base)}>{t("voice.rateIt")}</Link> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="requests-title" data-testid="content-requests">
          <h2 id="requests-title">{t("requests.title")}</h2>
          {requests.length === 0 ? (
            <p className="muted">{t("requests.none")}</p>
          ) : (
            <ul className={styles.list}>
              {requests.map((r) => (
                <li key={r.id}>
                  <div>
                    <strong>{r.topic}</strong> <span className={`badge ${r.status === "open" ? "" : "badge-good"}`}>{t(`requests.status.${r.status}`)}</span>
                    <div className={styles.meta}>
                      {r.funnelStage ? t(`stages.${r.funnelStage}`) : t("requests.anyStage")} · {r.requestedBy ?? "—"} · {formatDay(format, r.createdAt.slice(0, 10))}
                      {r.why ? ` — ${r.why}` : ""}
                    </div>
                    {r.fulfilledAssetId ? (
                      <div className={styles.meta}>
                        {t("requests.answeredBy")} <Link href={linkTo(`/content/${encodeURIComponent(r.fulfilledAssetId)}`, base)}>{r.fulfilledTitle ?? r.fulfilledAssetId}</Link>
                      </div>
                    ) : null}
                  </div>
                  {canEdit && r.status === "open" ? <CompleteRequestForm requestId={r.id} topic={r.topic} /> : null}
                </li>
              ))}
            </ul>
          )}
          {isSales ? (
            <>
              <h3>{t("requests.new")}</h3>
              <RequestForm />
            </>
          ) : null}
        </section>
      </div>
    </section>
  );
}

function formatRatings(c: { useful: number; notUseful: number } | undefined): string {
  return c ? `${c.useful} / ${c.notUseful}` : "";
}

/** An asset's "not useful" reasons, most common first, with their counts: "Outdated (3), Too long (1)". */
function formatReasons(reasons: readonly { reason: string; count: number }[], t: T): string {
  return reasons.map((r) => t("library.reasonCount", { reason: t(`reasons.${r.reason}`), count: r.count })).join(", ");
}

/** A library row: the metrics keyed by column id; ratios formatted (the table has no ratio cells). */
function rowOf(r: AssetMetrics, ratio: (v: number | null) => string): DataTableRow {
  return {
    asset_id: r.assetId,
    title: r.title,
    type: r.type,
    funnel_stage: r.funnelStage,
    owner_email: r.ownerEmail,
    uses: r.uses,
    shared: r.shared,
    sent: r.sent,
    presented: r.presented,
    internal_uses: r.internalUses,
    users: r.users,
    deals_touched: r.dealsTouched,
    deals_influenced: r.dealsInfluenced,
    influenced_revenue: r.influencedRevenue,
    win_rate_with: r.winRateWith === null ? null : ratio(r.winRateWith),
    win_rate_without: r.winRateWithout === null ? null : ratio(r.winRateWithout),
    last_used_at: r.lastUsedAt,
    days_since_published: r.daysSincePublished,
    status: r.archived ? "archived" : r.active ? "active" : "inactive",
  };
}

type T = Awaited<ReturnType<typeof getTranslations<"content">>>;

/** The library's own filters (a GET form: type, funnel stage, owner, used/unused, status), keeping the period and the table's sort. */
function LibraryFilters({
  values,
  owners,
  base,
  hidden,
  sort,
  dir,
  q,
  t,
}: {
  values: { query: { type?: string[]; funnelStage?: string[]; owner?: string[]; used?: string | null; status?: string } };
  owners: { email: string; name: string }[];
  base: LinkValues;
  hidden: string[];
  sort: string;
  dir: string;
  q: string;
  t: T;
}) {
  const keep = [...linkQuery({ ...base, sort: sort as never, dir: dir as never, q: q || null, hide: hidden }).entries()];
  return (
    <form method="get" action="/content" className={styles.filters} aria-label={t("library.filters")} data-testid="library-filters">
      {keep.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <div className="field">
        <label htmlFor="lib-type">{t("library.type")}</label>
        <select id="lib-type" name="asset_type" multiple defaultValue={values.query.type ?? []}>
          {ASSET_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`types.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lib-funnel">{t("library.funnel")}</label>
        <select id="lib-funnel" name="funnel" multiple defaultValue={values.query.funnelStage ?? []}>
          {FUNNEL_STAGES.map((v) => (
            <option key={v} value={v}>
              {t(`stages.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lib-owner">{t("library.owner")}</label>
        <select id="lib-owner" name="asset_owner" multiple defaultValue={values.query.owner ?? []}>
          {owners.map((o) => (
            <option key={o.email} value={o.email}>
              {o.name === o.email ? o.email : `${o.name} (${o.email})`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lib-usage">{t("library.usage")}</label>
        <select id="lib-usage" name="usage" defaultValue={values.query.used ?? ""}>
          <option value="">{t("library.usageAll")}</option>
          <option value="used">{t("library.used")}</option>
          <option value="unused">{t("library.unused")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="lib-status">{t("library.status")}</label>
        <select id="lib-status" name="status" defaultValue={values.query.status ?? "active"}>
          <option value="active">{t("status.active")}</option>
          <option value="archived">{t("status.archived")}</option>
          <option value="all">{t("status.all")}</option>
        </select>
      </div>
      <button type="submit" className="btn">
        {t("library.apply")}
      </button>
      <Link href={linkTo("/content", base)} className="btn">
        {t("library.reset")}
      </Link>
    </form>
  );
}
