import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { formatDate } from "@/lib/format";
import { listFeedback, responseTimes, type FeedbackBox } from "@/lib/feedback/queries";
import { EVIDENCE_KINDS, isReportView, type EvidenceKind } from "@/lib/feedback/schemas";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { otherTeam, teamOf } from "@/lib/workspace/teams";
import { NewFeedbackForm } from "./forms";

export async function generateMetadata() {
  const t = await getTranslations("workspace.feedback");
  return { title: t("title") };
}

const STATUS_BADGE = { open: "badge-bad", answered: "badge", resolved: "badge-good" } as const;

/**
 * Feedback between the teams: the inbox of the user's team (?box=inbox, the default) or what they
 * sent (?box=sent); a new item may come pre-filled from the URL (?kind=view&ref=/sla?…).
 * Leadership also sees the response times per team.
 */
export default async function FeedbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("feedback");
  const t = await getTranslations("workspace.feedback");
  const tt = await getTranslations("workspace.team");
  const format = await getFormatter();
  const sp = await searchParams;
  const box: FeedbackBox = sp.box === "sent" ? "sent" : "inbox";
  const kind = typeof sp.kind === "string" && (EVIDENCE_KINDS as readonly string[]).includes(sp.kind) ? (sp.kind as EvidenceKind) : "view";
  const ref = typeof sp.ref === "string" && sp.ref.length <= 2000 && (kind !== "view" || isReportView(sp.ref)) ? sp.ref : "";
  const db = await getDb();
  const leadership = user.role === "leadership" || user.role === "admin";
  const [items, times, settings] = await Promise.all([listFeedback(db, user, box), leadership ? responseTimes(db) : Promise.resolve([]), getOrgSettings(db)]);
  const team = teamOf(user.role);
  const teams: ("marketing" | "sales")[] = team ? [otherTeam(team)] : ["sales", "marketing"];
  const hours = (h: number | null) => (h === null ? "—" : t("hours", { hours: format.number(h, { maximumFractionDigits: 1 }) }));
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <p className="muted">{t("intro")}</p>
      {can(user.role, "feedback", "edit") ? <NewFeedbackForm teams={teams} prefill={{ kind, ref }} /> : null}
      {leadership ? (
        <section className="card" aria-labelledby="times-title">
          <h2 id="times-title">{t("responseTimes")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("col.team")}</th>
                <th scope="col">{t("col.items")}</th>
                <th scope="col">{t("col.answered")}</th>
                <th scope="col">{t("col.open")}</th>
                <th scope="col">{t("col.median")}</th>
                <th scope="col">{t("col.mean")}</th>
              </tr>
            </thead>
            <tbody>
              {times.map((r) => (
                <tr key={r.team}>
                  <td>{tt(r.team as "sales")}</td>
                  <td>{r.items}</td>
                  <td>{r.answered}</td>
                  <td>{r.open}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{hours(r.medianHours)}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{hours(r.meanHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <nav aria-label={t("boxes")} className="form-row">
        <Link href="/feedback?box=inbox" aria-current={box === "inbox" ? "page" : undefined} className="btn">
          {team ? t("inboxOf", { team: tt(team) }) : t("inboxAll")}
        </Link>
        <Link href="/feedback?box=sent" aria-current={box === "sent" ? "page" : undefined} className="btn">
          {t("sent")}
        </Link>
      </nav>
      <h2>{box === "sent" ? t("sent") : t("inbox")}</h2>
      {items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="card" style={{ listStyle: "none", display: "grid", gap: "0.5rem" }}>
          {items.map((f) => (
            <li key={f.id} data-testid={`feedback-${f.id}`}>
              {f.unread ? <span className="badge badge-bad">{t("unread")}</span> : null}{" "}
              <Link href={`/feedback/${f.id}`}>{f.subject}</Link>{" "}
              <span className={`badge ${STATUS_BADGE[f.status]}`}>{t(`status.${f.status}`)}</span>{" "}
              <span className="muted">
                {t("fromTo", { from: tt(f.fromTeam as "sales"), to: tt(f.toTeam as "sales") })} · {f.authorName ?? "—"} ·{" "}
                {formatDate(format, f.createdAt, settings.timeZone)} · {t("replies", { count: f.replies })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
