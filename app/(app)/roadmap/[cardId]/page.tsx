import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { formatDateTime, formatDay } from "@/lib/format";
import { DEFAULT_COLUMNS } from "@/lib/roadmap/constants";
import { isKpiKey } from "@/lib/roadmap/kpi";
import { loadCurrentKpiValues } from "@/lib/roadmap/kpi-values";
import { canEditCard, editableTeams } from "@/lib/roadmap/permissions";
import { loadCardDetail, loadColumns, loadOwnerOptions, type HistoryEntry } from "@/lib/roadmap/queries";
import { getSettings } from "@/lib/settings/settings";
import styles from "../board.module.css";
import { CardEditor } from "./card-editor";
import { CardFacts } from "./card-facts";
import { CommentForm } from "./comment-form";
import { localiseStarterCard } from "@/lib/roadmap/starter";

export async function generateMetadata({ params }: { params: Promise<{ cardId: string }> }) {
  const t = await getTranslations("roadmap");
  const id = Number((await params).cardId);
  if (!Number.isSafeInteger(id) || id <= 0) return { title: t("title") };
  const detail = await loadCardDetail(await getDb(), id);
  return { title: detail ? `${localiseStarterCard(detail.card, (k) => t(k)).title} · ${t("title")}` : t("title") };
}

/** One card: its details (editable by those allowed), comments, and history from the audit log. */
export default async function RoadmapCardPage({ params }: { params: Promise<{ cardId: string }> }) {
  const user = await requireArea("roadmap");
  const id = Number((await params).cardId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const t = await getTranslations("roadmap");
  const kpiText = await getTranslations("kpi");
  const format = await getFormatter();
  const db = await getDb();
  const detail = await loadCardDetail(db, id);
  if (!detail) notFound();
  const [columns, owners, settings, kpiValues] = await Promise.all([
    loadColumns(db),
    loadOwnerOptions(db),
    getSettings(db),
    detail.card.kpiKey ? loadCurrentKpiValues(db, [detail.card.kpiKey]) : Promise.resolve(null),
  ]);
  const { card, comments, history } = detail;
  // An unedited starter card reads in the reader's language; the editor gets the stored text.
  const shown = localiseStarterCard(card, (k) => t(k));
  const editable = canEditCard(user.role, card.team);
  const current = card.kpiKey && kpiValues ? (kpiValues[card.kpiKey] ?? null) : undefined;

  const ownerNames = new Map(owners.map((o) => [o.id, o.name]));
  const columnName = (key: unknown, name: unknown): string => {
    const standard = DEFAULT_COLUMNS.find((c) => c.key === key);
    if (standard && standard.name === name) return t(`columns.${standard.key}`);
    return typeof name === "string" ? name : String(key ?? "?");
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return t("history.empty");
    if (field === "team" && typeof v === "string") return t.has(`team.${v}`) ? t(`team.${v}`) : v;
    if (field === "health" && typeof v === "string") return t.has(`health.${v}`) ? t(`health.${v}`) : v;
    if (field === "kpiKey" && isKpiKey(v)) return kpiText(`${v}.name`);
    if (field === "ownerUserId" && typeof v === "number") return ownerNames.get(v) ?? `#${v}`;
    if (field === "dueOn" && typeof v === "string") return formatDay(format, v);
    return String(v);
  };
  const describe = (e: HistoryEntry) => {
    const actor = e.actor ?? t("history.someone");
    switch (e.action) {
      case "create":
        return t("history.create", { actor, column: columnName(e.after?.column, e.after?.columnName) });
      case "move":
        return t("history.move", {
          actor,
          from: columnName(e.before?.column, e.before?.columnName),
          to: columnName(e.after?.column, e.after?.columnName),
        });
      case "update":
        return t("history.update", { actor });
      case "comment":
        return t("history.comment", { actor });
      case "delete":
        return t("history.delete", { actor });
      default:
        return t("history.unknownAction", { actor, action: e.action });
    }
  };
  const changes = (e: HistoryEntry): string[] => {
    if (e.action !== "update" || !e.after) return [];
    return Object.keys(e.after).map((field) => {
      const label = t.has(`history.fields.${field}`) ? t(`history.fields.${field}`) : field;
      if (field === "description") return `${label}: ${t("history.changedDescription")}`;
      return t("history.change", { field: label, from: value(field, e.before?.[field]), to: value(field, e.after?.[field]) });
    });
  };

  return (
    <section aria-labelledby="page-title">
      <p>
        <Link href="/roadmap">← {t("detail.back")}</Link>
      </p>
      <header className="page-header">
        <h1 id="page-title">{shown.title}</h1>
      </header>
      <div className={styles.detailGrid}>
        <div>
          <CardFacts
            card={shown}
            column={detail.column}
            currency={settings.currency}
            current={current}
          />
          {editable ? (
            <CardEditor
              card={card}
              columns={columns}
              owners={owners}
              teams={editableTeams(user.role)}
            />
          ) : (
            <p className="card muted">{t("detail.cannotEdit", { team: t(`team.${card.team}`) })}</p>
          )}
        </div>
        <div>
          <section className="card" aria-labelledby="comments-title">
            <h2 id="comments-title">{t("comments.title")}</h2>
            {comments.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
            {comments.map((c) => (
              <article key={c.id} className={styles.comment}>
                <p className={styles.commentMeta}>
                  {t("comments.by", {
                    name: c.authorName ?? t("comments.unknownAuthor"),
                    date: formatDateTime(format, c.createdAt),
                  })}
                </p>
                <p className={styles.plain}>{c.body}</p>
              </article>
            ))}
            <CommentForm itemId={card.id} />
          </section>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t("history.title")}</h2>
            {history.length === 0 ? (
              <p className="muted">{t("history.none")}</p>
            ) : (
              <ol className={styles.timeline}>
                {history.map((e) => {
                  const lines = changes(e);
                  return (
                    <li key={e.id}>
                      <time dateTime={e.at}>{formatDateTime(format, e.at)}</time>
                      {describe(e)}
                      {lines.length > 0 ? (
                        <ul className={styles.changes}>
                          {lines.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
