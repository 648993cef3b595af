import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { now } from "@/lib/clock";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState } from "@/lib/dashboard/url-state";
import { CHANNELS } from "@/lib/enums";
import { formatDateTime } from "@/lib/format";
import { getOrgSettings } from "@/lib/settings/settings";
import { LEAD_LIST_LIMIT, loadSlaLead } from "@/lib/sla";
import { hoursMinutes } from "@/lib/sla/duration";
import { linkTo } from "@/lib/url-state/links";
import { Countdown } from "../../countdown";
import { DecideForm } from "../../decide-form";
import styles from "../../sla.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ leadId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("sla.lead");
  return { title: t("metaTitle", { lead: decodeURIComponent((await params).leadId) }) };
}

/**
 * One lead as the SLA sees it (issue 10): its SLA status, due time and first response (the
 * numbers of the SLA page and GET /api/v1/sla, from lib/sla), owner, source, touchpoints and
 * sales activities, the decision made in the app and any disagreement with the imported
 * values; sales, leadership and admins accept or reject it here with the queue's form and
 * server action (lib/sla decisions: the same rules and authorization). Every role reads it.
 * The as_of is the view's (the URL's `as_of`, else now), like the page it was opened from.
 */
export default async function SlaLeadPage({ params, searchParams }: Props) {
  const user = await requireArea("sla");
  const t = await getTranslations("sla");
  const dash = await getTranslations("dashboard");
  const format = await getFormatter();
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const tz = settings.timeZone;
  const leadId = decodeURIComponent((await params).leadId);
  const parsed = resolveDashboardState(await dashboardSearchParamsCache.parse(await searchParams), { timeZone: tz, now: now() });
  const live = !parsed.ok || parsed.state.params.asOfNow === true;
  const asOf = parsed.ok ? parsed.state.params.asOf : now();
  const lead = await loadSlaLead(db, leadId, asOf);
  if (!lead) notFound();
  const backHref = linkTo("/sla", parsed.ok ? dashboardLinkValues(parsed.state) : {});
  const canDecide = can(user.role, "sla", "edit");
  const when = (iso: string | null) => (iso === null ? "—" : formatDateTime(format, iso, tz));
  const channel = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? dash(`channels.${c}`) : c);
  const label = lead.name ?? lead.leadId;
  const sla = lead.sla;

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <header className="page-header">
        <h1 id="page-title">{label}</h1>
        <Link href={backHref}>{t("lead.back")}</Link>
      </header>
      <p className={styles.summary}>{t("lead.asOf", { asOf: formatDateTime(format, lead.asOf, tz), timeZone: tz })}</p>
      {!parsed.ok ? (
        <p className="form-error" role="alert">
          {t("lead.invalidView")}
        </p>
      ) : null}
      <div className={styles.sides}>
        <section className="card" aria-labelledby="lead-sla-title" data-testid="lead-sla">
          <h2 id="lead-sla-title">{t("lead.slaTitle")}</h2>
          {sla === null ? (
            <p className="muted">{t("lead.notMql")}</p>
          ) : (
            <dl className={styles.facts}>
              <dt>{t("lead.status")}</dt>
              <dd data-testid="lead-status">
                {dash(`slaStatus.${sla.status}`)}
                {sla.atRisk ? <> · <span className={`badge ${styles.riskBadge}`}>{t("queue.atRisk")}</span></> : null}
              </dd>
              <dt>{t("lead.mqlAt")}</dt>
              <dd>{when(lead.mqlAt)}</dd>
              <dt>{t("queue.due")}</dt>
              <dd>{when(sla.dueAt)}</dd>
              <dt>{t("breached.response")}</dt>
              <dd>{sla.firstResponseAt ? when(sla.firstResponseAt) : t("breached.none")}</dd>
              {sla.status === "pending" && sla.dueAt !== null ? (
                <>
                  <dt>{t("queue.left")}</dt>
                  <dd>
                    <Countdown
                      row={{ leadId: lead.leadId, dueMs: Date.parse(sla.dueAt), spans: sla.spans, windowMs: sla.windowMs }}
                      live={live}
                      startMs={live ? now().getTime() : Date.parse(lead.asOf)}
                    />
                  </dd>
                </>
              ) : null}
              {sla.status === "breached" ? (
                <>
                  <dt>{t("breached.late")}</dt>
                  <dd>{t("duration", hoursMinutes(sla.usedMs - sla.windowMs, "up")).trim()}</dd>
                </>
              ) : null}
            </dl>
          )}
        </section>
        <section className="card" aria-labelledby="lead-facts-title" data-testid="lead-facts">
          <h2 id="lead-facts-title">{t("lead.factsTitle")}</h2>
          <dl className={styles.facts}>
            <dt>{t("lead.id")}</dt>
            <dd>{lead.leadId}</dd>
            <dt>{t("lead.email")}</dt>
            <dd>{lead.email}</dd>
            <dt>{t("queue.owner")}</dt>
            <dd data-testid="lead-owner">{lead.ownerEmail ? (lead.ownerName ?? lead.ownerEmail) : t("queue.noOwner")}</dd>
            <dt>{t("queue.source")}</dt>
            <dd data-testid="lead-source">{channel(lead.sourceChannel)}</dd>
            <dt>{t("lead.campaign")}</dt>
            <dd>{lead.campaignId ? (lead.campaignName ?? lead.campaignId) : t("rejections.noCampaign")}</dd>
            <dt>{t("lead.createdAt")}</dt>
            <dd>{when(lead.createdAt)}</dd>
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="lead-decision-title" data-testid="lead-decision">
        <h2 id="lead-decision-title">{t("lead.decisionTitle")}</h2>
        {lead.decision ? (
          <p data-testid="lead-decided">
            {t("lead.decided", {
              verdict: lead.decision.verdict,
              who: lead.decision.decidedBy ?? "—",
              when: when(lead.decision.decidedAt),
            })}
            {lead.decision.reason ? ` ${t("lead.decidedReason", { reason: t(`decide.reasons.${lead.decision.reason}`) })}` : null}
            {lead.decision.comment ? ` — “${lead.decision.comment}”` : null}
          </p>
        ) : (
          <p className="muted">{t("lead.noDecision")}</p>
        )}
        <p>
          {t("lead.imported", {
            sqlAt: lead.imported.sqlAt ? when(lead.imported.sqlAt) : "—",
            rejectedAt: lead.imported.rejectedAt ? when(lead.imported.rejectedAt) : "—",
          })}
          {lead.imported.rejectionReason ? ` (${lead.imported.rejectionReason})` : null}
        </p>
        {lead.conflict ? (
          <p className={`form-error ${styles.conflict}`} data-testid="lead-conflict">
            {t("lead.conflict")}
          </p>
        ) : null}
        {canDecide && lead.decision === null && lead.mqlAt !== null && Date.parse(lead.mqlAt) <= now().getTime() ? (
          <DecideForm leadId={lead.leadId} leadLabel={label} timeZone={tz} />
        ) : null}
      </section>
      <div className={styles.sides}>
        <section className="card" aria-labelledby="lead-touchpoints-title" data-testid="lead-touchpoints">
          <h2 id="lead-touchpoints-title">{t("lead.touchpointsTitle", { count: lead.touchpointTotal })}</h2>
          {lead.touchpoints.length === 0 ? (
            <EmptyState title={t("lead.noTouchpoints")} />
          ) : (
            <div className={styles.scroll}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">{t("lead.when")}</th>
                    <th scope="col">{t("rejections.channel")}</th>
                    <th scope="col">{t("lead.campaign")}</th>
                    <th scope="col">{t("lead.type")}</th>
                  </tr>
                </thead>
                <tbody>
                  {lead.touchpoints.map((tp) => (
                    <tr key={tp.touchpointId}>
                      <td className={styles.nowrap}>{when(tp.occurredAt)}</td>
                      <td>{channel(tp.channel)}</td>
                      <td>{tp.campaignId ?? "—"}</td>
                      <td>{tp.type ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {lead.touchpointTotal > LEAD_LIST_LIMIT ? <p className="muted">{t("lead.firstShown", { shown: LEAD_LIST_LIMIT, total: lead.touchpointTotal })}</p> : null}
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="lead-activities-title" data-testid="lead-activities">
          <h2 id="lead-activities-title">{t("lead.activitiesTitle", { count: lead.activityTotal })}</h2>
          {lead.activities.length === 0 ? (
            <EmptyState title={t("lead.noActivities")} />
          ) : (
            <div className={styles.scroll}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">{t("lead.when")}</th>
                    <th scope="col">{t("lead.type")}</th>
                    <th scope="col">{t("lead.rep")}</th>
                  </tr>
                </thead>
                <tbody>
                  {lead.activities.map((a) => (
                    <tr key={a.activityId}>
                      <td className={styles.nowrap}>{when(a.occurredAt)}</td>
                      <td>{t(`lead.activityTypes.${a.type}`)}</td>
                      <td>{a.repEmail ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {lead.activityTotal > LEAD_LIST_LIMIT ? <p className="muted">{t("lead.firstShown", { shown: LEAD_LIST_LIMIT, total: lead.activityTotal })}</p> : null}
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
