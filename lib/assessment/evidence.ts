import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agreedSlugs } from "@/lib/glossary/queries";
import { computeKpis, happenedBy, leadExists, wonByAsOf } from "@/lib/kpi";
import { loadCadence } from "@/lib/meetings/queries";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { addDays, dateInZone, DAY_MS } from "@/lib/time";
import { lowShareStatus, shareStatus, type Signal } from "./model";

/**
 * The evidence beside the questionnaire, computed from the company's own data at `now` (each
 * signal in SQL; tests in evidence.test.ts on hand-built data). A signal whose data does not
 * exist is "not_measured" with a null value — never a made-up number. Thresholds (good / warn):
 *
 * - joint_kpi_cards: roadmap cards owned jointly and linked to a KPI — good ≥ 2, warn 1, bad 0;
 *   not measured without any card.
 * - meeting_cadence: lib/meetings cadence — ok or due → good, overdue → bad; not measured
 *   without any meeting recorded.
 * - organiser_balance: both teams organised one of the last 4 joint meetings → good, else bad;
 *   not measured with fewer than 2.
 * - agreed_mql_sql: the glossary's `mql` and `sql` terms agreed — both good, one warn, none bad.
 * - import_freshness: days since the latest import of CRM data (leads, deals) and of marketing
 *   data (campaigns, touchpoints, content assets), the older of the two — ≤ 7 good, ≤ 30 warn;
 *   not measured when either kind has no rows.
 * - rejection_reasons: of the MQLs rejected by now (leads with mql_at and rejected_at ≤ now), the
 *   share with a rejection reason — ≥ 80 % good, ≥ 50 % warn; not measured without rejections.
 * - feedback_answered: of the feedback items between the teams, the share answered or resolved —
 *   ≥ 80 % good, ≥ 50 % warn; not measured without feedback.
 * - won_with_path: of the deals won by now, the share with a non-empty attribution path: a
 *   touchpoint of one of its contacts (primary lead or deal_contacts, kpi-definitions.md §3) at
 *   or before the close — ≥ 80 % good, ≥ 50 % warn; not measured without won deals. A deal
 *   without a primary lead has a path through its deal_contacts only.
 * - assets_with_stage: of the assets not archived by now, the share with a funnel stage —
 *   ≥ 90 % good, ≥ 60 % warn; not measured without assets.
 * - content_unused: the KPI content_unused_share over the last 90 days (KPI engine) — ≤ 30 %
 *   good, ≤ 50 % warn; not measured when the KPI is undefined.
 * - sla_compliance: the KPI sla_compliance over the last 90 days — ≥ 90 % good, ≥ 75 % warn;
 *   not measured when undefined.
 */
export const EVIDENCE_WINDOW_DAYS = 90;

type Row = Record<string, string | number | null>;
const n = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const ratio = (part: number | null, whole: number | null): number | null => (whole === null || whole === 0 || part === null ? null : part / whole);

async function one(db: Db, query: ReturnType<typeof sql>): Promise<Row> {
  const rows = await db.execute<Row>(query);
  return [...rows][0] ?? {};
}

export async function jointKpiCards(db: Db): Promise<Signal> {
  const r = await one(db, sql`select count(*)::int as total,
      count(*) filter (where team = 'joint' and kpi_key is not null)::int as joint from roadmap_items`);
  const total = n(r.total) ?? 0;
  const joint = n(r.joint) ?? 0;
  return {
    key: "joint_kpi_cards",
    value: total === 0 ? null : joint,
    status: total === 0 ? "not_measured" : joint >= 2 ? "good" : joint === 1 ? "warn" : "bad",
    detail: { joint, total },
  };
}

export async function meetingSignals(db: Db, now: Date): Promise<Signal[]> {
  const [cadence, r] = await Promise.all([loadCadence(db, now), one(db, sql`select count(*)::int as total from meetings where scheduled_at <= ${now.toISOString()}::timestamptz`)]);
  const recorded = n(r.total) ?? 0;
  const cadenceSignal: Signal = {
    key: "meeting_cadence",
    value: recorded === 0 ? null : cadence.daysSince,
    status: recorded === 0 ? "not_measured" : cadence.status === "ok" || cadence.status === "due" ? "good" : "bad",
    detail: { days: cadence.daysSince, interval: cadence.intervalDays },
  };
  const b = cadence.balance;
  return [
    cadenceSignal,
    {
      key: "organiser_balance",
      value: b.takesTurns === null ? null : b.takesTurns ? 1 : 0,
      status: b.takesTurns === null ? "not_measured" : b.takesTurns ? "good" : "bad",
      detail: { marketing: b.marketing, sales: b.sales, total: b.total },
    },
  ];
}

export async function agreedMqlSql(db: Db): Promise<Signal> {
  const agreed = await agreedSlugs(db, ["mql", "sql"]);
  const count = Number(agreed.mql) + Number(agreed.sql);
  return {
    key: "agreed_mql_sql",
    value: count,
    status: count === 2 ? "good" : count === 1 ? "warn" : "bad",
    detail: { mql: agreed.mql ? 1 : 0, sql: agreed.sql ? 1 : 0 },
  };
}

export async function importFreshness(db: Db, now: Date): Promise<Signal> {
  const r = await one(db, sql`select
      greatest((select max(imported_at) from leads), (select max(imported_at) from deals)) as crm,
      greatest((select max(imported_at) from campaigns), (select max(imported_at) from touchpoints),
               (select max(imported_at) from content_assets)) as marketing`);
  const days = (v: string | number | null | undefined) =>
    v === null || v === undefined ? null : Math.max(0, Math.floor((now.getTime() - new Date(v as string).getTime()) / DAY_MS));
  const crm = days(r.crm);
  const marketing = days(r.marketing);
  const oldest = crm === null || marketing === null ? null : Math.max(crm, marketing);
  return {
    key: "import_freshness",
    value: oldest,
    status: oldest === null ? "not_measured" : oldest <= 7 ? "good" : oldest <= 30 ? "warn" : "bad",
    detail: { crm, marketing },
  };
}

/**
 * Rejected MQLs with a reason. A decision made in the app (lead_feedback, lib/sla/decisions.ts)
 * wins over the imported values, as in the KPI facts (docs/sla.md): a lead rejected in the app
 * is rejected with its reason (one is required); a lead accepted in the app is not rejected,
 * whatever the import says; otherwise the imported rejected_at and rejection_reason count.
 */
export async function rejectionReasons(db: Db, now: Date): Promise<Signal> {
  const asOf = now.toISOString();
  const r = await one(db, sql`select count(*)::int as rejected,
      count(*) filter (where d.verdict = 'rejected' or coalesce(btrim(l.rejection_reason), '') <> '')::int as with_reason
    from leads l
    left join lead_feedback d on d.lead_id = l.lead_id and ${happenedBy(sql`d.decided_at`, asOf)}
    where ${leadExists(asOf)} and ${happenedBy(sql`l.mql_at`, asOf)}
      and (d.verdict = 'rejected' or (d.verdict is null and ${happenedBy(sql`l.rejected_at`, asOf)}))`);
  const share = ratio(n(r.with_reason), n(r.rejected));
  return { key: "rejection_reasons", value: share, status: shareStatus(share, 0.8, 0.5), detail: { rejected: n(r.rejected), withReason: n(r.with_reason) } };
}

export async function feedbackAnswered(db: Db, now: Date): Promise<Signal> {
  const r = await one(db, sql`select count(*)::int as total,
      count(*) filter (where first_response_at is not null and first_response_at <= ${now.toISOString()}::timestamptz)::int as answered
    from team_feedback where created_at <= ${now.toISOString()}::timestamptz`);
  const share = ratio(n(r.answered), n(r.total));
  return { key: "feedback_answered", value: share, status: shareStatus(share, 0.8, 0.5), detail: { total: n(r.total), answered: n(r.answered) } };
}

export async function wonWithPath(db: Db, now: Date): Promise<Signal> {
  const asOf = now.toISOString();
  const r = await one(db, sql`select count(*)::int as won,
      count(*) filter (where exists (select 1 from touchpoints tp
        where tp.lead_id = d.primary_lead_id and tp.occurred_at <= d.closed_at)
        or exists (select 1 from deal_contacts dc join touchpoints tp on tp.lead_id = dc.lead_id
        where dc.deal_id = d.deal_id and tp.occurred_at <= d.closed_at))::int as with_path
    from deals d where ${wonByAsOf(asOf, "d")}`);
  const share = ratio(n(r.with_path), n(r.won));
  return { key: "won_with_path", value: share, status: shareStatus(share, 0.8, 0.5), detail: { won: n(r.won), withPath: n(r.with_path) } };
}

export async function assetsWithStage(db: Db, now: Date): Promise<Signal> {
  const asOf = now.toISOString();
  const r = await one(db, sql`select count(*)::int as assets,
      count(*) filter (where funnel_stage is not null)::int as staged
    from content_assets a
    where a.published_at <= ${asOf}::timestamptz and (a.archived_at is null or a.archived_at > ${asOf}::timestamptz)`);
  const share = ratio(n(r.staged), n(r.assets));
  return { key: "assets_with_stage", value: share, status: shareStatus(share, 0.9, 0.6), detail: { assets: n(r.assets), staged: n(r.staged) } };
}

/** content_unused_share and sla_compliance over the last EVIDENCE_WINDOW_DAYS days, from the KPI engine. */
export async function kpiSignals(db: Db, now: Date): Promise<Signal[]> {
  const { timeZone } = await getOrgSettings(db);
  const to = dateInZone(now, timeZone);
  const from = addDays(to, -(EVIDENCE_WINDOW_DAYS - 1));
  const { kpis } = await computeKpis(db, { from, to, asOf: now });
  const unused = kpis.content_unused_share;
  const sla = kpis.sla_compliance;
  return [
    { key: "content_unused", value: unused, status: lowShareStatus(unused, 0.3, 0.5), detail: { from, to } },
    { key: "sla_compliance", value: sla, status: shareStatus(sla, 0.9, 0.75), detail: { from, to } },
  ];
}

/** Every signal, in SIGNALS order. */
export async function computeEvidence(db: Db, now: Date): Promise<Signal[]> {
  const [cards, meetings, terms, fresh, reasons, feedback, path, assets, kpi] = await Promise.all([
    jointKpiCards(db),
    meetingSignals(db, now),
    agreedMqlSql(db),
    importFreshness(db, now),
    rejectionReasons(db, now),
    feedbackAnswered(db, now),
    wonWithPath(db, now),
    assetsWithStage(db, now),
    kpiSignals(db, now),
  ]);
  return [cards, ...meetings, terms, fresh, reasons, feedback, path, assets, ...kpi];
}
