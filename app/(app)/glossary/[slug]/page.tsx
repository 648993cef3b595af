import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import type { Locale } from "@/lib/enums";
import { listTerms, termHistory } from "@/lib/glossary/queries";
import { syncGlossary } from "@/lib/glossary/service";
import { TermView, termName } from "../term-view";
import styles from "../glossary.module.css";

/** One term at its own URL (/glossary/<slug>) with its history: every version and what it changed. */
export default async function TermPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requireArea("glossary");
  const { slug } = await params;
  const t = await getTranslations("workspace.glossary");
  const tt = await getTranslations("workspace.team");
  const tr = await getTranslations("common.role");
  const locale = (await getLocale()) as Locale;
  const db = await getDb();
  await syncGlossary(db);
  const term = (await listTerms(db)).find((x) => x.slug === decodeURIComponent(slug));
  if (!term) notFound();
  const history = await termHistory(db, term.id);
  const name = await termName(term);
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link href={`/glossary#${encodeURIComponent(term.slug)}`}>{t("back")}</Link>
      </p>
      <h1 id="page-title">{name}</h1>
      <TermView term={term} user={user} locale={locale} editable={can(user.role, "glossary", "edit")} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("history")}</h2>
        {history.map((v) => (
          <div key={v.version} className={styles.version}>
            <h3>
              {t("version", { version: v.version })} · {v.changedByName ?? t("system")} ·{" "}
              <time dateTime={v.changedAt}>{v.changedAt.slice(0, 10)}</time>{" "}
              <span className={`badge ${v.agreed ? "badge-good" : "badge-muted"}`}>{v.agreed ? t("agreed") : t("pending")}</span>
            </h3>
            <p className="muted">
              {v.approvals.length === 0 ? t("noApprovals") : t("approvedBy", { names: v.approvals.map((a) => `${a.name} (${tr(a.role)})`).join(", ") })}
            </p>
            {v.changes.map((c) => (
              <div key={c.field}>
                <h4>{t(`field.${c.field}`)}</h4>
                <p className={styles.diff}>
                  {c.diff.map((p, i) =>
                    p.op === "add" ? (
                      <ins key={i} className={styles.add}>
                        {c.field === "ownerTeam" ? tt(p.text.trim() as "joint") : p.text}
                      </ins>
                    ) : p.op === "del" ? (
                      <del key={i} className={styles.del}>
                        {c.field === "ownerTeam" ? tt(p.text.trim() as "joint") : p.text}
                      </del>
                    ) : (
                      <span key={i}>{p.text}</span>
                    ),
                  )}
                </p>
              </div>
            ))}
          </div>
        ))}
      </section>
    </section>
  );
}
