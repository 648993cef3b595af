import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { requireUser } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import {
  ATTRIBUTION_MODELS,
  canViewJourney,
  dealJourney,
  isAttributionModel,
  MODEL_MILESTONES,
  type AttributionModel,
  type DealJourney,
  type Milestone,
} from "@/lib/attribution";
import { DEFAULT_MODEL, journeyPath } from "@/lib/attribution/search-params";
import { dashboardLinkValues, dashboardSearchParamsCache, resolveDashboardState } from "@/lib/dashboard/url-state";
import { CHANNELS } from "@/lib/enums";
import { formatAsOf } from "@/lib/kpi";
import { formatDate, formatDateTime, formatMoney, NO_VALUE } from "@/lib/format";
import { hasForbiddenControl, TEXT_LIMITS } from "@/lib/limits";
import { getOrgSettings } from "@/lib/settings/settings";
import { linkTo, type LinkValues } from "@/lib/url-state/links";
import styles from "../../closed-loop.module.css";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations("closedLoop.journey");
  const { id } = await params;
  return { title: t("title", { deal: (dealIdOf(id) ?? "").slice(0, 100) }) };
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The deal id of the path segment, or null when it cannot be one (bad escapes, control characters, too long). */
function dealIdOf(segment: string): string | null {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return id === "" || id.length > TEXT_LIMITS.parameter || hasForbiddenControl(id) ? null : id;
}
const at = (iso: string) => new Date(iso).getTime();

/** Why each milestone is where it is (kpi-definitions.md §3), one sentence each. */
function milestoneReasons(j: DealJourney, date: (iso: string) => string, t: Awaited<ReturnType<typeof getTranslations<"closedLoop.journey">>>): { milestone: Milestone; text: string }[] {
  if (j.touches.length === 0) return [];
  const out: { milestone: Milestone; text: string }[] = [];
  out.push({ milestone: "first", text: t("reasons.first", { date: date(j.touches[0]!.occurredAt) }) });
  const leadRef = j.leadMqlAt ?? j.leadCreatedAt;
  // No primary lead: no lead-creation instant, so lead creation is the first touch (lib/attribution/sql.ts).
  const beforeLead = leadRef === null ? 0 : j.touches.filter((x) => at(x.occurredAt) <= at(leadRef)).length;
  if (leadRef === null) {
    out.push({ milestone: "lead_creation", text: t("reasons.lead_creation_no_primary_lead") });
  } else if (beforeLead === 0) {
    out.push({
      milestone: "lead_creation",
      text: t("reasons.lead_creation_fallback", { event: t(j.leadMqlAt ? "events.mql" : "events.created"), date: date(leadRef) }),
    });
  } else {
    out.push({
      milestone: "lead_creation",
      text: t(j.leadMqlAt ? "reasons.lead_creation_mql" : "reasons.lead_creation_created", { date: date(leadRef) }),
    });
  }
  const lc = Math.max(beforeLead, 1);
  const beforeDeal = j.touches.filter((x) => at(x.occurredAt) <= at(j.createdAt)).length;
  out.push({
    milestone: "deal_creation",
    text: t(beforeDeal < lc ? "reasons.deal_creation_fallback" : "reasons.deal_creation", { date: date(j.createdAt) }),
  });
  if (j.won && j.closedAt) out.push({ milestone: "last", text: t("reasons.last", { date: date(j.closedAt) }) });
  return out;
}

/**
 * A deal's journey (issue 12): every touchpoint of its contacts up to the close on a timeline,
 * with channel, campaign, the credit it earned under the chosen model and the milestones, each
 * explained in a sentence. Whoever may view the closed-loop report sees every deal's; sales sees
 * the journeys of its own deals (lib/attribution canViewJourney). As of the URL's `as_of`.
 */
export default async function JourneyPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const t = await getTranslations("closedLoop.journey");
  const tl = await getTranslations("closedLoop");
  const td = await getTranslations("dashboard");
  const format = await getFormatter();
  const db = await getDb();
  const settings = await getOrgSettings(db);
  const { id } = await params;
  const dealId = dealIdOf(id);
  const sp = await searchParams;
  const model: AttributionModel = isAttributionModel(one(sp.model)) ? (one(sp.model) as AttributionModel) : DEFAULT_MODEL;
  const parsed = resolveDashboardState(await dashboardSearchParamsCache.parse(searchParams), { timeZone: settings.timeZone, now: now() });
  const asOf = parsed.ok ? parsed.state.params.asOf : now();
  const journey = dealId === null ? null : await dealJourney(db, dealId, formatAsOf(asOf));
  if (!journey) notFound();
  if (!canViewJourney(user, journey.ownerEmail)) forbidden();

  const keep: LinkValues = parsed.ok ? dashboardLinkValues(parsed.state, { pinAsOf: true }) : {};
  const money = (v: number | null) => formatMoney(format, v, { currency: settings.currency, precision: "cents" });
  const date = (iso: string) => formatDate(format, iso, settings.timeZone);
  const channel = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? tl(`channels.${c}`) : c);
  const shown = new Set(MODEL_MILESTONES[model]);
  const reasons = milestoneReasons(journey, date, t);
  const stageLabel = td.has(`stages.${journey.stage}`) ? td(`stages.${journey.stage}`) : journey.stage;

  return (
    <section aria-labelledby="page-title" data-model={model}>
      <header className="page-header">
        <h1 id="page-title">{t("title", { deal: journey.name })}</h1>
      </header>
      {can(user.role, "closed_loop", "view") ? (
        <p>
          <Link href={linkTo("/closed-loop", { ...keep, model })}>{t("back")}</Link>
        </p>
      ) : null}
      <p data-testid="deal-summary" data-amount={journey.amount}>
        {t("summary", { amount: money(journey.amount), stage: stageLabel, created: date(journey.createdAt) })}
        {journey.won && journey.closedAt ? `, ${t("closedOn", { closed: date(journey.closedAt) })}` : ""}.{" "}
        {t("account", { account: journey.accountName ?? NO_VALUE })} · {t("owner", { owner: journey.ownerEmail ?? NO_VALUE })}
      </p>
      {journey.won ? null : <p className="muted">{t("notWon")}</p>}
      <nav aria-label={tl("modelSwitcher")}>
        <ul className={styles.switcher}>
          {ATTRIBUTION_MODELS.map((m) => (
            <li key={m}>
              <Link
                href={linkTo(journeyPath(journey.dealId), { ...keep, model: m })}
                aria-current={m === model ? "page" : undefined}
                data-testid={`model-${m}`}
              >
                {tl(`models.${m}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className={`muted ${styles.modelHelp}`}>
        <strong>{tl(`models.${model}`)}:</strong> {tl(`modelHelp.${model}`)}
      </p>

      {reasons.length > 0 ? (
        <div className="card">
          <h2>{t("why")}</h2>
          <ul className={styles.reasons} data-testid="milestone-reasons">
            {reasons.map((r) => (
              <li key={r.milestone}>
                <strong>{t(`milestones.${r.milestone}`)}</strong> — {r.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="card">
        <h2>{t("timeline")}</h2>
        <p className={styles.desc}>{t("timelineDesc", { model: tl(`models.${model}`) })}</p>
        {journey.touches.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <ol className={styles.timeline} data-testid="journey">
            {journey.touches.map((x) => (
              <li key={x.touchpointId} className={`${styles.touch} ${x.milestones.length > 0 ? styles.milestone : ""}`} data-touch={x.touchpointId}>
                <div className={styles.touchHead}>
                  <time dateTime={x.occurredAt}>{formatDateTime(format, x.occurredAt, settings.timeZone)}</time>
                  <strong>{channel(x.channel)}</strong>
                  {x.type ? <span className="muted">{x.type}</span> : null}
                  {journey.won ? (
                    <span className={styles.credit} data-testid="credit" data-value={x.credit[model]}>
                      {t("credit", { value: money(x.credit[model]) })}
                    </span>
                  ) : null}
                </div>
                <div className="muted">
                  {x.campaignId ? t("campaign", { campaign: `${x.campaignName ?? x.campaignId} (${x.campaignId})` }) : t("noCampaign")} ·{" "}
                  {t("lead", { lead: x.leadId })}
                </div>
                {x.milestones.length > 0 ? (
                  <div className={styles.badges}>
                    {x.milestones.map((m) => (
                      <span key={m} className={`badge ${shown.has(m) ? "" : "badge-muted"}`}>
                        {t(`milestones.${m}`)}
                      </span>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
