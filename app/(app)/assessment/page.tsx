import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { QUESTION_SIGNALS, QUESTIONS, scoreAssessment, type QuestionKey, type Signal, type SignalStatus } from "@/lib/assessment/model";
import { currentEvidence, listAssessments } from "@/lib/assessment/service";
import { formatDate, formatPercent } from "@/lib/format";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { AssessmentForm, StepCardButton } from "./forms";
import styles from "./assessment.module.css";

export async function generateMetadata() {
  const t = await getTranslations("workspace.assessment");
  return { title: t("title") };
}

const BADGE: Record<SignalStatus, string> = { good: "badge-good", warn: "badge", bad: "badge-bad", not_measured: "badge-muted" };
/** Where to look at the data behind a signal. */
const SIGNAL_HREF: Partial<Record<Signal["key"], string>> = {
  joint_kpi_cards: "/roadmap",
  meeting_cadence: "/meetings",
  organiser_balance: "/meetings",
  agreed_mql_sql: "/glossary#sql",
  sla_compliance: "/glossary#sla_compliance",
  content_unused: "/glossary#content_unused_share",
};

/** The alignment assessment: the questionnaire with evidence beside each answer, the latest result, and the trend. */
export default async function AssessmentPage() {
  const user = await requireArea("assessment");
  const t = await getTranslations("workspace.assessment");
  const format = await getFormatter();
  const db = await getDb();
  const [signals, history, settings] = await Promise.all([currentEvidence(db), listAssessments(db), getOrgSettings(db)]);
  const byKey = new Map(signals.map((s) => [s.key, s]));
  const pct = (v: number | string | null | undefined) => formatPercent(format, typeof v === "number" ? v : null);

  const sentence = (s: Signal): string => {
    // Null details read "—" (a signal that is measured has its numbers; this is belt and braces).
    const d = Object.fromEntries(Object.entries(s.detail).map(([k, v]) => [k, v ?? "—"]));
    if (s.status === "not_measured") return t("notMeasured");
    switch (s.key) {
      case "agreed_mql_sql":
        return t("signal.agreed_mql_sql", { mql: d.mql === 1 ? t("agreedWord") : t("notAgreedWord"), sql: d.sql === 1 ? t("agreedWord") : t("notAgreedWord") });
      case "rejection_reasons":
      case "feedback_answered":
      case "won_with_path":
      case "assets_with_stage":
      case "content_unused":
      case "sla_compliance":
        return t(`signal.${s.key}`, { ...d, share: pct(s.value) });
      default:
        return t(`signal.${s.key}`, d);
    }
  };
  const evidenceFor = (q: QuestionKey) => {
    const keys = QUESTION_SIGNALS[q];
    if (keys.length === 0) {
      return (
        <p className={styles.signal}>
          <span className="badge badge-muted">{t("status.not_measured")}</span> {t("noEvidence")}
        </p>
      );
    }
    return (
      <ul aria-label={t("evidenceFor")}>
        {keys.map((k) => {
          const s = byKey.get(k);
          if (!s) return null;
          const href = SIGNAL_HREF[k];
          return (
            <li key={k} className={styles.signal} data-testid={`evidence-${k}`} data-status={s.status}>
              <span className={`badge ${BADGE[s.status]}`}>{t(`status.${s.status}`)}</span>
              <span>
                <strong>{t(`signalName.${k}`)}:</strong> {sentence(s)} {href ? <Link href={href}>{t("look")}</Link> : null}
              </span>
            </li>
          );
        })}
      </ul>
    );
  };
  const evidence = Object.fromEntries(QUESTIONS.map((q) => [q, evidenceFor(q)])) as Record<QuestionKey, React.ReactNode>;
  const latest = history[0];
  const result = latest?.evidence?.result ?? (latest ? scoreAssessment(latest.answers, []) : null);
  const editable = can(user.role, "assessment", "edit");
  const canCard = can(user.role, "roadmap", "edit");
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <p className="muted">{t("intro")}</p>
      {latest && result ? (
        <section className="card" aria-labelledby="result-title" data-testid="assessment-result">
          <h2 id="result-title">{t("latest", { date: formatDate(format, latest.createdAt, settings.timeZone) })}</h2>
          <div className={styles.result}>
            <span className={styles.score}>{format.number(result.score, { maximumFractionDigits: 1 })}</span>
            <span className="badge">{t(`level.${result.level}`)}</span>
            <span className="muted">
              {t("selfVsEvidence", {
                self: format.number(result.selfScore, { maximumFractionDigits: 1 }),
                evidence: result.evidenceScore === null ? "—" : format.number(result.evidenceScore, { maximumFractionDigits: 1 }),
              })}
            </span>
          </div>
          <h3>{t("disagreements")}</h3>
          {result.questions.some((q) => q.disagreement) ? (
            <ul>
              {result.questions
                .filter((q) => q.disagreement)
                .map((q) => (
                  <li key={q.key}>
                    {t(`questions.${q.key}`)} — {t(`disagreement.${q.disagreement}`)}
                  </li>
                ))}
            </ul>
          ) : (
            <p className="muted">{t("noDisagreements")}</p>
          )}
          <h3>{t("nextSteps")}</h3>
          <ol className={styles.steps}>
            {result.nextSteps.map((q) => (
              <li key={q}>
                <strong>{t(`steps.${q}.title`)}</strong> — {t(`steps.${q}.description`)} {canCard ? <StepCardButton question={q} /> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {history.length > 0 ? (
        <section className="card" aria-labelledby="trend-title">
          <h2 id="trend-title">{t("trend")}</h2>
          <div className={styles.tableWrap}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("col.date")}</th>
                  <th scope="col">{t("col.score")}</th>
                  <th scope="col">{t("col.level")}</th>
                  <th scope="col">{t("col.self")}</th>
                  <th scope="col">{t("col.evidence")}</th>
                  <th scope="col">{t("col.by")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((a, i) => {
                  const prev = history[i + 1];
                  const arrow = prev ? (a.score > prev.score ? "▲" : a.score < prev.score ? "▼" : "=") : "";
                  return (
                    <tr key={a.id}>
                      <td className={styles.num}>{formatDate(format, a.createdAt, settings.timeZone)}</td>
                      <td className={styles.num}>
                        {format.number(a.score, { maximumFractionDigits: 1 })} <span aria-hidden="true">{arrow}</span>
                      </td>
                      <td>{t(`level.${a.level}`)}</td>
                      <td className={styles.num}>{a.selfScore === null ? "—" : format.number(a.selfScore, { maximumFractionDigits: 1 })}</td>
                      <td className={styles.num}>{a.evidenceScore === null ? "—" : format.number(a.evidenceScore, { maximumFractionDigits: 1 })}</td>
                      <td>{a.takenByName ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <h2>{t("questionnaire")}</h2>
      <p className="muted">{t("questionnaireIntro")}</p>
      {editable ? (
        <AssessmentForm evidence={evidence} previous={latest?.answers ?? {}} />
      ) : (
        <div className={styles.form}>
          {QUESTIONS.map((q) => (
            <div key={q} className={`card ${styles.question}`}>
              <p>{t(`questions.${q}`)}</p>
              <div className={styles.evidence}>{evidence[q]}</div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
