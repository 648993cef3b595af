"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { formatDate, formatDateTime, formatDay } from "@/lib/format";
import type { BoardCard, BoardColumn } from "@/lib/roadmap/queries";
import styles from "../board.module.css";
import { HealthBadge, KpiLine, TeamBadge, columnLabel } from "../ui";

/** A card's facts as a definition list; the description is plain text (never HTML). */
export function CardFacts({
  card,
  column,
  currency,
  current,
}: {
  card: BoardCard;
  column: BoardColumn;
  currency: string;
  current: number | null | undefined;
}) {
  const t = useTranslations("roadmap");
  const glossary = useTranslations("workspace.glossary");
  const format = useFormatter();
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t("detail.details")}</h2>
      <dl className={styles.facts}>
        <dt>{t("detail.column")}</dt>
        <dd>{columnLabel(t, column)}</dd>
        <dt>{t("card.team")}</dt>
        <dd>
          <TeamBadge team={card.team} />
        </dd>
        <dt>{t("card.health")}</dt>
        <dd>
          <HealthBadge health={card.health} />
        </dd>
        <dt>{t("card.owner")}</dt>
        <dd>{card.ownerName ?? t("card.noOwner")}</dd>
        <dt>{t("card.due")}</dt>
        <dd>{card.dueOn ? formatDay(format, card.dueOn) : t("card.noDue")}</dd>
        <dt>{t("card.kpi")}</dt>
        <dd>
          {card.kpiKey ? <KpiLine card={card} currency={currency} current={current} detailed /> : t("form.noKpi")}
          {/* Every roadmap KPI links to its term in the glossary (issue 13). */}
          {card.kpiKey ? <Link href={`/glossary#${encodeURIComponent(card.kpiKey)}`}> {glossary("inGlossary")}</Link> : null}
        </dd>
        {card.startedAt ? (
          <>
            <dt>{t("card.startedLabel")}</dt>
            <dd>{formatDate(format, card.startedAt)}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t("detail.description")}</h3>
      {card.description ? <p className={styles.plain}>{card.description}</p> : <p className="muted">{t("detail.noDescription")}</p>}
      <p className="muted">
        {t("detail.version", {
          version: card.version,
          date: formatDateTime(format, card.updatedAt),
        })}
      </p>
    </section>
  );
}
