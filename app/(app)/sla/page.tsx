import { FiltersRefused, ReportHeader } from "@/components/report-page/report-page";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { MissingDataNote } from "../missing-data";
import { ChartView } from "@/components/chart/chart";
import { DataTable } from "@/components/data-table/data-table";
import { FilterForm } from "@/components/filters/filter-form";
import { EmptyState } from "@/components/states/states";
import { now } from "@/lib/clock";
import { requireArea } from "@/lib/authz/guard";
import { ownerOptions } from "@/lib/dashboard/charts";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState, type DashboardState } from "@/lib/dashboard/url-state";
import { CHANNELS } from "@/lib/enums";
import { formatCount, formatDateTime, formatDay, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { getOrgSettings } from "@/lib/settings/settings";
import { loadSlaPage, RESPONSE_BUCKETS_HOURS, type SlaFeedbackData, type SlaPageData, type SlaQueueRow } from "@/lib/sla";
import { can } from "@/lib/authz/policy";
import { Countdown, QueueStatus, type CountdownRow } from "./countdown";
import { DecideForm } from "./decide-form";
import { LeadListCard, type LeadListColumn } from "./lead-list-card";
import { hoursMinutes } from "@/lib/sla/duration";
import { OWNER_COLUMNS, ownerTable, ownerTableQuery, type OwnerRow } from "@/lib/sla/owners";
import { linkQuery, linkTo, type LinkValues } from "@/lib/url-state/links";
import { slaLeadHref } from "@/lib/sla/links";
import { PAGE_SIZES } from "@/lib/url-state/table";
import { filterFormProps } from "../dashboard/view";
import styles from "./sla.module.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("sla");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The SLA page (issue 10): both sides of the agreement next to each other for the dashboard's
 * period and filters (the same URL state), their trends, the pending queue with business time
 * left, the breached list, compliance per owner and team, and the time to first response. Every
 * number comes from lib/sla (the functions behind GET /api/v1/sla) and links to the MQL records
 * behind it (the dashboard's drill-down of `sla_compliance`, searched by status or lead).
 */
export default async function SlaPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireArea("sla");
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const sp = await searchParams;
  const parsed = resolveDashboardState(await dashboardSearchParamsCache.parse(sp), { timeZone: settings.timeZone, now: now() });
  const filters = await filterFormProps(db, parsed, settings);

  const header = <ReportHeader title={t("title")} path="/sla" searchParams={sp} />;
  if (!parsed.ok) return <FiltersRefused header={header} filters={filters} message={t("fixFilters")} />;
  const { state } = parsed;
  const { params } = state;
  const data = await loadSlaPage(db, params);
  const owners = await ownerOptions(db);
  const names = new Map(owners.map((o) => [o.email, o.name]));
  const teams = new Map(owners.map((o) => [o.email, o.team]));

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      {header}
      <p className={`muted ${styles.intro}`}>{t("intro")}</p>
      <FilterForm {...filters} />
      <MissingDataNote tables={["leads", "sales_activities"]} />
      <p className={styles.summary} data-testid="period-summary">
        {t("periodSummary", {
          from: formatDay(format, params.from),
          to: formatDay(format, params.to),
          asOf: formatDateTime(format, data.asOf, settings.timeZone),
          timeZone: settings.timeZone,
        })}
        {" · "}
        {t("policy", {
          hours: formatNumber(format, settings.sla.slaResponseHours),
          businessHours: settings.businessHours,
          timeZone: settings.timeZone,
          target: formatCount(format, settings.mqlMonthlyTarget),
        })}
      </p>
      <Sides data={data} state={state} />
      <Trends data={data} />
      <Queue
        data={data}
        state={state}
        timeZone={settings.timeZone}
        names={names}
        canDecide={can(user.role, "sla", "edit")}
        clock={{ live: params.asOfNow === true, startMs: params.asOfNow === true ? now().getTime() : Date.parse(data.asOf) }}
      />
      <Breached data={data} state={state} timeZone={settings.timeZone} names={names} canDecide={can(user.role, "sla", "edit")} />
      <Distribution data={data} />
      <Owners data={data} state={state} sp={sp} names={names} teams={teams} currency={settings.currency} timeZone={settings.timeZone} />
      <Rejections data={data} state={state} />
      {data.conflicts.length > 0 ? <Conflicts data={data} timeZone={settings.timeZone} /> : null}
    </section>
  );
}

/** The records behind an SLA number: the MQLs of the drill-down, searched by status or lead. */
function recordsHref(state: DashboardState, extra: LinkValues = {}): string {
  return linkTo("/dashboard/records", { ...dashboardLinkValues(state, { pinAsOf: true }), kpi: "sla_compliance", ...extra });
}

async function Sides({ data, state }: { data: SlaPageData; state: DashboardState }) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const { sales, marketing } = data;
  const stat = (label: string, value: string, href: string, testId: string, tone?: string) => (
    <li className={`${styles.stat} ${tone ?? ""}`}>
      <Link href={href} data-testid={testId}>
        <span className={styles.statValue}>{value}</span>
        <span className={styles.statLabel}>{label}</span>
      </Link>
    </li>
  );
  return (
    <div className={styles.sides}>
      <section className="card" aria-labelledby="sales-side" data-testid="sla-sales">
        <h2 id="sales-side">{t("sales.title")}</h2>
        <p className={styles.headline}>
          <Link href={recordsHref(state)} data-testid="sales-compliance">
            <span className={styles.bigValue}>{formatPercent(format, sales.compliance)}</span>
          </Link>{" "}
          <span className="muted">
            {t("sales.compliance")} ({t("sales.complianceHint")})
          </span>
        </p>
        <ul className={styles.stats}>
          {stat(t("sales.mqls"), formatCount(format, sales.mqls), recordsHref(state), "sales-mqls")}
          {stat(t("sales.met"), formatCount(format, sales.met), recordsHref(state, { q: "sla:met" }), "sales-met", styles.good)}
          {stat(t("sales.breached"), formatCount(format, sales.breached), recordsHref(state, { q: "sla:breached" }), "sales-breached", styles.bad)}
          {stat(t("sales.pending"), formatCount(format, sales.pending), recordsHref(state, { q: "sla:pending" }), "sales-pending")}
          {stat(t("sales.atRisk"), formatCount(format, sales.atRisk), "#sla-queue", "sales-at-risk", styles.warn)}
        </ul>
      </section>
      <section className="card" aria-labelledby="marketing-side" data-testid="sla-marketing">
        <h2 id="marketing-side">{t("marketing.title")}</h2>
        <p className={styles.headline}>
          <Link href={linkTo("/dashboard/records", { ...dashboardLinkValues(state, { pinAsOf: true }), kpi: "mqls", owner_email: null, segment: null, source_channel: null })}>
            <span className={styles.bigValue}>{formatPercent(format, marketing.compliance)}</span>
          </Link>{" "}
          <span className="muted">{t("marketing.compliance")}</span>
        </p>
        {marketing.months.length === 0 ? (
          <p className="muted">{t("marketing.noMonths")}</p>
        ) : (
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t("marketing.month")}</th>
                  <th scope="col" className="num">{t("marketing.target")}</th>
                  <th scope="col" className="num">{t("marketing.delivered")}</th>
                  <th scope="col">{t("marketing.met")}</th>
                </tr>
              </thead>
              <tbody>
                {marketing.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{formatMonth(format, m.month)}</th>
                    <td className="num">{formatCount(format, m.target)}</td>
                    <td className="num">
                      <Link href={monthRecordsHref(state, m.month)}>{formatCount(format, m.delivered)}</Link>
                    </td>
                    <td className={m.met ? styles.goodText : styles.badText}>{m.met ? t("marketing.yes") : t("marketing.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A month's MQLs, company-wide (the marketing side is not narrowed by the filters). */
function monthRecordsHref(state: DashboardState, month: string): string {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return linkTo("/dashboard/records", {
    preset: "custom",
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, "0")}`,
    as_of: dashboardLinkValues(state, { pinAsOf: true }).as_of ?? null,
    kpi: "mqls",
  });
}

async function Trends({ data }: { data: SlaPageData }) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const grain = data.trendGrain;
  const labels = data.trend.map((p) => (grain === "week" ? formatDay(format, p.start) : formatMonth(format, p.start.slice(0, 7))));
  return (
    <div className={styles.sides}>
      <section className="card" aria-labelledby="trend-sales">
        <h2 id="trend-sales">{t("trend.salesTitle", { grain })}</h2>
        {data.trend.length === 0 ? (
          <p className="muted">{t("trend.empty")}</p>
        ) : (
          <ChartView
            title={t("trend.salesTitle", { grain })}
            description={t("trend.salesDescription", { grain })}
            labels={labels}
            categoryHeader={t("trend.period", { grain })}
            currency="USD"
            axisTitles={{ value: t("trend.count"), secondary: t("sales.compliance"), category: t("trend.period", { grain }) }}
            series={[
              { label: t("sales.met"), values: data.trend.map((p) => p.met), kind: "bar", unit: "count", color: "chart-2" },
              { label: t("sales.breached"), values: data.trend.map((p) => p.breached), kind: "bar", unit: "count", color: "chart-6" },
              { label: t("sales.pending"), values: data.trend.map((p) => p.pending), kind: "bar", unit: "count", color: "chart-5" },
              { label: t("sales.compliance"), values: data.trend.map((p) => p.compliance), kind: "line", unit: "ratio", color: "chart-1", secondaryAxis: true },
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="trend-marketing">
        <h2 id="trend-marketing">{t("trend.marketingTitle")}</h2>
        {data.marketing.months.length === 0 ? (
          <p className="muted">{t("marketing.noMonths")}</p>
        ) : (
          <ChartView
            title={t("trend.marketingTitle")}
            description={t("trend.marketingDescription")}
            labels={data.marketing.months.map((m) => formatMonth(format, m.month))}
            categoryHeader={t("marketing.month")}
            currency="USD"
            axisTitles={{ value: t("trend.count"), category: t("marketing.month") }}
            series={[
              { label: t("marketing.delivered"), values: data.marketing.months.map((m) => m.delivered), kind: "bar", unit: "count", color: "chart-2" },
              { label: t("marketing.target"), values: data.marketing.months.map((m) => m.target), kind: "line", unit: "count", color: "chart-3", dashed: true },
            ]}
          />
        )}
      </section>
    </div>
  );
}

interface ListProps {
  data: SlaPageData;
  state: DashboardState;
  timeZone: string;
  names: Map<string, string>;
}

async function Queue({ data, state, timeZone, names, canDecide, clock }: ListProps & { canDecide: boolean; clock: { live: boolean; startMs: number } }) {
  const t = await getTranslations("sla");
  const dash = await getTranslations("dashboard");
  const format = await getFormatter();
  const channel = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? dash(`channels.${c}`) : c);
  const columns: LeadListColumn<SlaQueueRow>[] = [
    { key: "owner", header: t("queue.owner"), cell: (q) => ownerName(q.ownerEmail, names, t("queue.noOwner")) },
    { key: "source", header: t("queue.source"), cell: (q) => channel(q.sourceChannel) },
    { key: "due", header: t("queue.due"), nowrap: true, cell: (q) => (q.dueAt ? formatDateTime(format, q.dueAt, timeZone) : "—") },
    { key: "left", header: t("queue.left"), num: true, nowrap: true, cell: (q) => (q.dueAt === null ? "—" : <Countdown row={countdownRow(q)} {...clock} />) },
  ];
  if (canDecide) columns.push({ key: "action", header: t("queue.action"), cell: (q) => <DecideForm leadId={q.leadId} leadLabel={q.name ?? q.leadId} timeZone={timeZone} /> });
  return (
    <LeadListCard
      id="sla-queue"
      testId="sla-queue"
      title={t("queue.title")}
      count={data.queueTotal > 0 ? <span className="muted">{t("queue.count", { shown: formatCount(format, data.queue.length), total: formatCount(format, data.queueTotal) })}</span> : null}
      description={t("queue.description")}
      emptyTitle={t("queue.empty")}
      leadHeader={t("queue.lead")}
      leadHref={(leadId) => leadHref(leadId, state)}
      columns={columns}
      rows={data.queue}
      before={<QueueStatus rows={data.queue.filter((q) => q.dueAt !== null).map(countdownRow)} {...clock} />}
    />
  );
}

/** A lead owner's name (their e-mail when they are not a team member; `none` without an owner). */
function ownerName(email: string | null, names: Map<string, string>, none: string): string {
  return email ? (names.get(email) ?? email) : none;
}

/** A lead's SLA page, keeping the view's period and filters (and a pinned as_of). */
function leadHref(leadId: string, state: DashboardState): string {
  return slaLeadHref(leadId, dashboardLinkValues(state));
}

/** What a queue row's live countdown needs (./countdown.tsx). */
function countdownRow(q: SlaQueueRow): CountdownRow {
  return { leadId: q.leadId, dueMs: q.dueAt === null ? 0 : Date.parse(q.dueAt), spans: q.spans, windowMs: q.windowMs };
}

async function Breached({ data, state, timeZone, names, canDecide }: ListProps & { canDecide: boolean }) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  type Row = SlaPageData["breached"][number];
  const columns: LeadListColumn<Row>[] = [
    { key: "owner", header: t("queue.owner"), cell: (b) => ownerName(b.ownerEmail, names, t("queue.noOwner")) },
    { key: "due", header: t("breached.due"), nowrap: true, cell: (b) => (b.dueAt ? formatDateTime(format, b.dueAt, timeZone) : "—") },
    { key: "response", header: t("breached.response"), nowrap: true, cell: (b) => (b.firstResponseAt ? formatDateTime(format, b.firstResponseAt, timeZone) : t("breached.none")) },
    { key: "late", header: t("breached.late"), num: true, nowrap: true, cell: (b) => t("duration", hoursMinutes(b.lateMs, "up")).trim() },
  ];
  if (canDecide) {
    columns.push({
      key: "action",
      header: t("queue.action"),
      cell: (b) => (b.firstResponseAt ? null : <DecideForm leadId={b.leadId} leadLabel={b.name ?? b.leadId} timeZone={timeZone} />),
    });
  }
  return (
    <LeadListCard
      id="sla-breached"
      testId="sla-breached"
      title={t("breached.title")}
      count={
        data.breachedTotal > 0 ? (
          <Link href={recordsHref(state, { q: "sla:breached" })}>
            {t("queue.count", { shown: formatCount(format, data.breached.length), total: formatCount(format, data.breachedTotal) })}
          </Link>
        ) : null
      }
      description={t("breached.description")}
      emptyTitle={t("breached.empty")}
      leadHeader={t("queue.lead")}
      leadHref={(leadId) => leadHref(leadId, state)}
      columns={columns}
      rows={data.breached}
      rowAttributes={(b) => ({ "data-answered": b.firstResponseAt ? "yes" : "no" })}
    />
  );
}

async function Distribution({ data }: { data: SlaPageData }) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const hours = (v: number | null) => (v === null ? "—" : t("hours", { value: formatNumber(format, Math.round(v * 10) / 10) }));
  const labels = Array.from({ length: RESPONSE_BUCKETS_HOURS.length + 1 }, (_, i) => t(`distribution.buckets.${i}`));
  return (
    <section className="card" aria-labelledby="sla-distribution-title" data-testid="sla-distribution">
      <h2 id="sla-distribution-title">{t("distribution.title")}</h2>
      {data.responded === 0 ? (
        <EmptyState title={t("distribution.empty")} />
      ) : (
        <>
          <p data-testid="sla-median">
            {t("distribution.summary", { median: hours(data.medianHours), p90: hours(data.p90Hours), count: data.responded })}
          </p>
          <ChartView
            title={t("distribution.title")}
            description={t("distribution.description")}
            labels={labels}
            categoryHeader={t("distribution.bucket")}
            currency="USD"
            height={220}
            axisTitles={{ value: t("distribution.count"), category: t("distribution.bucket") }}
            series={[{ label: t("distribution.count"), values: data.distribution, kind: "bar", unit: "count", color: "chart-1" }]}
          />
        </>
      )}
    </section>
  );
}

async function Owners({
  data,
  state,
  sp,
  names,
  teams,
  currency,
  timeZone,
}: {
  data: SlaPageData;
  state: DashboardState;
  sp: Record<string, string | string[] | undefined>;
  names: Map<string, string>;
  teams: Map<string, string | null>;
  currency: string;
  timeZone: string;
}) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const rows: OwnerRow[] = data.sales.byOwner.map((o) => ({
    owner_email: o.ownerEmail ?? "",
    name: o.ownerEmail ? (names.get(o.ownerEmail) ?? null) : null,
    team: o.ownerEmail ? (teams.get(o.ownerEmail) ?? null) : null,
    mqls: o.mqls,
    met: o.met,
    breached: o.breached,
    pending: o.pending,
    compliance: o.compliance,
  }));
  const query = ownerTableQuery(sp);
  const table = ownerTable(rows, query);
  const base: LinkValues = dashboardLinkValues(state, { pinAsOf: true });
  const rowLinks: Record<string, string> = {};
  for (const r of rows) if (r.owner_email !== "") rowLinks[r.owner_email] = recordsHref(state, { owner_email: [r.owner_email] });
  const teamLabel = (team: "sales" | "marketing" | null) => t(`teams.${team ?? "none"}`);
  return (
    <div className={styles.sides}>
      <section className="card" aria-labelledby="sla-owners-title" data-testid="sla-owners">
        <h2 id="sla-owners-title">{t("owners.title")}</h2>
        <DataTable
          caption={t("owners.caption")}
          columns={OWNER_COLUMNS.map((c) => ({ id: c.id, header: t(`owners.${c.id}`), kind: c.kind, sortable: true }))}
          keyColumn="owner_email"
          rows={table.rows}
          total={table.total}
          page={query.page}
          size={query.size}
          pageSizes={PAGE_SIZES}
          sort={query.sort}
          dir={query.dir}
          q={query.q}
          hidden={query.hidden}
          sumColumn={null}
          sum={null}
          baseQuery={linkQuery(base).toString()}
          exportHref={linkTo("/sla/owners/export", { ...base, sort: query.sort, dir: query.dir, q: query.q || null })}
          currency={currency}
          timeZone={timeZone}
          valueLabels={{ sales: t("teams.sales"), marketing: t("teams.marketing") }}
          rowLinks={rowLinks}
        />
      </section>
      <section className="card" aria-labelledby="sla-teams-title" data-testid="sla-teams">
        <h2 id="sla-teams-title">{t("teams.title")}</h2>
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t("teams.team")}</th>
                <th scope="col" className="num">{t("owners.mqls")}</th>
                <th scope="col" className="num">{t("owners.met")}</th>
                <th scope="col" className="num">{t("owners.breached")}</th>
                <th scope="col" className="num">{t("owners.pending")}</th>
                <th scope="col" className="num">{t("owners.compliance")}</th>
              </tr>
            </thead>
            <tbody>
              {data.teams.map((r) => (
                <tr key={r.team ?? "none"}>
                  <th scope="row">{teamLabel(r.team)}</th>
                  <td className="num">{formatCount(format, r.mqls)}</td>
                  <td className="num">{formatCount(format, r.met)}</td>
                  <td className="num">{formatCount(format, r.breached)}</td>
                  <td className="num">{formatCount(format, r.pending)}</td>
                  <td className="num">{formatPercent(format, r.compliance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

const channelOf = (key: string | null) => CHANNELS.find((c) => c === key);

async function Rejections({ data, state }: { data: SlaPageData & SlaFeedbackData; state: DashboardState }) {
  const t = await getTranslations("sla");
  const dash = await getTranslations("dashboard");
  const format = await getFormatter();
  const reasonText = (reasons: Record<string, number>) =>
    Object.entries(reasons)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([r, n]) => `${r === "imported" ? t("rejections.imported") : t(`decide.reasons.${r}`)} ${formatCount(format, n)}`)
      .join(" · ");
  const channelLabel = (c: string | null) => (c !== null && (CHANNELS as readonly string[]).includes(c) ? dash(`channels.${c}`) : (c ?? "—"));
  const rejectedCell = (channel: ReturnType<typeof channelOf>, value: string) =>
    channel ? (
      <Link href={linkTo("/dashboard/records", { ...dashboardLinkValues(state, { pinAsOf: true }), kpi: "lead_rejection_rate", source_channel: [channel] })}>{value}</Link>
    ) : (
      value
    );
  const table = (by: "channel" | "campaign", rows: SlaFeedbackData["rejectionsByChannel"]) => (
    <div className={styles.scroll}>
      <table className={styles.table} data-testid={`rejections-${by}`}>
        <caption className={styles.caption}>{t(by === "channel" ? "rejections.byChannel" : "rejections.byCampaign")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(by === "channel" ? "rejections.channel" : "rejections.campaign")}</th>
            <th scope="col" className="num">{t("rejections.mqls")}</th>
            <th scope="col" className="num">{t("rejections.rejected")}</th>
            <th scope="col" className="num">{t("rejections.rate")}</th>
            <th scope="col">{t("rejections.reasons")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key ?? "none"}>
              <th scope="row">{by === "channel" ? channelLabel(r.key) : (r.key ?? t("rejections.noCampaign"))}</th>
              <td className="num">{formatCount(format, r.mqls)}</td>
              <td className="num">
                {rejectedCell(by === "channel" ? channelOf(r.key) : undefined, formatCount(format, r.rejected))}
              </td>
              <td className="num">{formatPercent(format, r.rejectionRate)}</td>
              <td>{reasonText(r.reasons) || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card" aria-labelledby="sla-rejections-title" data-testid="sla-rejections">
      <h2 id="sla-rejections-title">{t("rejections.title")}</h2>
      <p className="muted">{t("rejections.description")}</p>
      {data.rejectionsByChannel.length === 0 ? (
        <EmptyState title={t("rejections.empty")} />
      ) : (
        <div className={styles.sides}>
          {table("channel", data.rejectionsByChannel)}
          {table("campaign", data.rejectionsByCampaign)}
        </div>
      )}
    </section>
  );
}

async function Conflicts({ data, timeZone }: { data: SlaFeedbackData; timeZone: string }) {
  const t = await getTranslations("sla");
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="sla-conflicts-title" data-testid="sla-conflicts">
      <h2 id="sla-conflicts-title">{t("conflicts.title")}</h2>
      <p className="muted">{t("conflicts.description")}</p>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.lead")}</th>
              <th scope="col">{t("conflicts.decision")}</th>
              <th scope="col">{t("conflicts.imported")}</th>
            </tr>
          </thead>
          <tbody>
            {data.conflicts.map((c) => (
              <tr key={c.leadId}>
                <th scope="row">
                  <Link href={slaLeadHref(c.leadId)}>{c.leadId}</Link>
                </th>
                <td>{t(c.verdict === "accepted" ? "decide.accepted" : "decide.rejected")}</td>
                <td>
                  {c.importedSqlAt ? t("conflicts.sqlAt", { at: formatDateTime(format, c.importedSqlAt, timeZone) }) : null}
                  {c.importedRejectedAt ? t("conflicts.rejectedAt", { at: formatDateTime(format, c.importedRejectedAt, timeZone) }) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
