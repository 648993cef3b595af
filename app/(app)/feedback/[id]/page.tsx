import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import { formatDateTime } from "@/lib/format";
import { loadThread } from "@/lib/feedback/queries";
import { markRead } from "@/lib/feedback/service";
import { MAX_INT4 } from "@/lib/limits";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { teamOf } from "@/lib/workspace/teams";
import { ReplyForm } from "../forms";

/** One feedback item: its evidence (a record, or the exact report view the sender saw), the thread, reply and resolve. */
export default async function FeedbackThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("feedback");
  const { id: raw } = await params;
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_INT4) notFound();
  const t = await getTranslations("workspace.feedback");
  const tt = await getTranslations("workspace.team");
  const format = await getFormatter();
  const db = await getDb();
  const [thread, settings] = await Promise.all([loadThread(db, user, id), getOrgSettings(db)]);
  if (!thread) notFound();
  await markRead(db, thread.id, user.id);
  const canResolve =
    thread.status !== "resolved" &&
    (thread.authorId === user.id || teamOf(user.role) === thread.toTeam || user.role === "leadership" || user.role === "admin");
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link href="/feedback">{t("back")}</Link>
      </p>
      <h1 id="page-title">{thread.subject}</h1>
      <p>
        <span className="badge">{t(`status.${thread.status}`)}</span>{" "}
        <span className="muted">
          {t("fromTo", { from: tt(thread.fromTeam as "sales"), to: tt(thread.toTeam as "sales") })} · {thread.authorName ?? "—"} ·{" "}
          {formatDateTime(format, thread.createdAt, settings.timeZone)}
        </span>
      </p>
      <section className="card" aria-labelledby="evidence-title">
        <h2 id="evidence-title">{t("evidence")}</h2>
        {thread.evidenceKind === "view" ? (
          <p>
            {t("kind.view")}: <Link href={thread.evidenceRef}>{thread.evidenceRef}</Link>
          </p>
        ) : (
          <p>
            {t(`kind.${thread.evidenceKind}`)}: <code>{thread.evidenceRef}</code>
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="thread-title">
        <h2 id="thread-title">{t("thread")}</h2>
        <article>
          <p className="muted">
            {thread.authorName ?? "—"} · {formatDateTime(format, thread.createdAt, settings.timeZone)}
          </p>
          <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{thread.body}</p>
        </article>
        {thread.messages.map((m) => (
          <article key={m.id}>
            <p className="muted">
              {m.authorName ?? "—"} · {formatDateTime(format, m.createdAt, settings.timeZone)}
            </p>
            <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{m.body}</p>
          </article>
        ))}
        {can(user.role, "feedback", "edit") ? <ReplyForm feedbackId={thread.id} canResolve={canResolve} /> : null}
      </section>
    </section>
  );
}
