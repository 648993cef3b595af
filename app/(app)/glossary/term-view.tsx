import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale, Role } from "@/lib/enums";
import { KPI_DEFINITIONS, type KpiKey } from "@/lib/kpi/definitions";
import { parseLinks } from "@/lib/glossary/schemas";
import type { GlossaryTerm } from "@/lib/glossary/queries";
import { canApprove } from "@/lib/glossary/rules";
import { TermActions } from "./term-forms";
import styles from "./glossary.module.css";

/** A term's display name: a KPI's from the KPI catalogue in the reader's language, else as written. */
export async function termName(term: Pick<GlossaryTerm, "kind" | "kpiKey" | "term">): Promise<string> {
  if (term.kind !== "kpi" || !term.kpiKey) return term.term;
  const k = await getTranslations("kpi");
  return k.has(`${term.kpiKey}.name`) ? k(`${term.kpiKey}.name`) : term.term;
}

/** One term on the glossary page: anchored at its slug (/glossary#<slug>). */
export async function TermView({ term, user, locale, editable }: { term: GlossaryTerm; user: { id: number; role: Role }; locale: Locale; editable: boolean }) {
  const t = await getTranslations("workspace.glossary");
  const tt = await getTranslations("workspace.team");
  const tr = await getTranslations("common.role");
  const name = await termName(term);
  const rule = term.kpiKey && term.kpiKey in KPI_DEFINITIONS ? KPI_DEFINITIONS[term.kpiKey as KpiKey][locale] : null;
  const links = parseLinks(term.links);
  return (
    <article id={term.slug} className={`card ${styles.term}`} aria-labelledby={`term-${term.slug}`} data-term={term.slug} data-agreed={term.agreed}>
      <div className={styles.head}>
        <h3 id={`term-${term.slug}`}>
          <Link href={`/glossary/${encodeURIComponent(term.slug)}`}>{name}</Link>
        </h3>
        <div className={styles.badges}>
          <span className={`badge ${term.agreed ? "badge-good" : "badge-muted"}`} data-testid={`term-status-${term.slug}`}>
            {term.agreed ? t("agreed") : t("pending")}
          </span>
          <span className="badge badge-muted">{t("owner", { team: tt(term.ownerTeam) })}</span>
          <span className="badge badge-muted">{t("version", { version: term.version })}</span>
        </div>
      </div>
      <p className={styles.text}>{term.definition}</p>
      {rule ? (
        <p className={styles.rule}>
          <span className="muted">{t("rule")} </span>
          {rule}
        </p>
      ) : null}
      {term.criteria ? (
        <>
          <h4>{t("field.criteria")}</h4>
          <p className={styles.text}>{term.criteria}</p>
        </>
      ) : null}
      {term.examples ? (
        <>
          <h4>{t("field.examples")}</h4>
          <p className={styles.text}>{term.examples}</p>
        </>
      ) : null}
      {links.length > 0 ? (
        <ul className={styles.links} aria-label={t("field.links")}>
          {links.map((l) => (
            <li key={l}>
              <a href={l} rel="noopener noreferrer">
                {l}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p className={`muted ${styles.meta}`}>
        {term.approvals.length === 0
          ? t("noApprovals")
          : t("approvedBy", { names: term.approvals.map((a) => `${a.name} (${tr(a.role)})`).join(", ") })}
      </p>
      {editable ? (
        <TermActions term={term} canApprove={canApprove(user.role)} alreadyApproved={term.approvals.some((a) => a.userId === user.id)} />
      ) : null}
    </article>
  );
}
