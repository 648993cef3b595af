import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/states/states";
import { requireArea } from "@/lib/authz/guard";
import { can } from "@/lib/authz/policy";
import type { Locale } from "@/lib/enums";
import { listTerms } from "@/lib/glossary/queries";
import { searchSchema } from "@/lib/glossary/schemas";
import { syncGlossary } from "@/lib/glossary/service";
import { NewTermForm } from "./term-forms";
import { TermView } from "./term-view";
import styles from "./glossary.module.css";

export async function generateMetadata() {
  const t = await getTranslations("workspace.glossary");
  return { title: t("title") };
}

/**
 * The shared glossary: funnel stages, business terms and every KPI, each at a stable anchor
 * (/glossary#<slug>) that KPI cards, charts and roadmap KPIs link to. Search is URL state (?q=).
 */
export default async function GlossaryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("glossary");
  const t = await getTranslations("workspace.glossary");
  const locale = (await getLocale()) as Locale;
  const db = await getDb();
  await syncGlossary(db);
  const q = searchSchema.parse((await searchParams).q);
  const terms = await listTerms(db, { q });
  const editable = can(user.role, "glossary", "edit");
  const groups = (["stage", "term", "kpi"] as const).map((kind) => ({ kind, terms: terms.filter((x) => x.kind === kind) }));
  const agreedCount = terms.filter((x) => x.agreed).length;
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
      </header>
      <p className="muted">{t("intro")}</p>
      <form className={styles.search} role="search" method="get">
        <div className="field">
          <label htmlFor="glossary-q">{t("search")}</label>
          <input id="glossary-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="btn">
          {t("searchButton")}
        </button>
      </form>
      <p aria-live="polite">{t("counts", { total: terms.length, agreed: agreedCount })}</p>
      {editable ? <NewTermForm /> : null}
      {terms.length === 0 ? <EmptyState title={t("noResults")} /> : null}
      {groups
        .filter((g) => g.terms.length > 0)
        .map((g) => (
          <section key={g.kind} aria-labelledby={`group-${g.kind}`}>
            <h2 id={`group-${g.kind}`}>{t(`group.${g.kind}`)}</h2>
            <div className={styles.list}>
              {g.terms.map((term) => (
                <TermView key={term.id} term={term} user={user} locale={locale} editable={editable} />
              ))}
            </div>
          </section>
        ))}
    </section>
  );
}
