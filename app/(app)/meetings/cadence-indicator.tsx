import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { loadCadence } from "@/lib/meetings/queries";
import styles from "./meetings.module.css";

/**
 * The meeting cadence at a glance (the shell's header and the dashboard): days since the last
 * joint meeting against the interval, and whether both teams take turns organising. A link to
 * /meetings. Renders nothing when the database cannot be read (the page itself says why).
 */
export async function CadenceIndicator({ variant = "compact" }: { variant?: "compact" | "card" }) {
  const t = await getTranslations("workspace.cadence");
  let cadence;
  try {
    cadence = await loadCadence(await getDb(), now());
  } catch {
    return null;
  }
  const tone = cadence.status === "overdue" || cadence.status === "none" ? "badge-bad" : cadence.status === "due" ? "badge" : "badge-good";
  const days = cadence.daysSince === null ? t("never") : t("daysSince", { days: cadence.daysSince });
  const turns =
    cadence.balance.takesTurns === null ? t("turnsUnknown") : cadence.balance.takesTurns ? t("turnsYes") : t("turnsNo");
  if (variant === "compact") {
    return (
      <Link href="/meetings" className={`${styles.indicator} badge ${tone}`} data-testid="cadence-indicator" data-status={cadence.status}>
        {t("short", { days: cadence.daysSince ?? "—" })} · {t(`status.${cadence.status}`)}
      </Link>
    );
  }
  return (
    <section className="card" aria-labelledby="cadence-title" data-testid="cadence-card" data-status={cadence.status}>
      <h2 id="cadence-title">{t("title")}</h2>
      <p>
        <span className={`badge ${tone}`}>{t(`status.${cadence.status}`)}</span> {days}
        {cadence.dueOn ? ` · ${t("dueOn", { date: cadence.dueOn, interval: cadence.intervalDays })}` : null}
      </p>
      <p className="muted">
        {turns} ({t("organisers", { marketing: cadence.balance.marketing, sales: cadence.balance.sales, total: cadence.balance.total })})
      </p>
      <Link href="/meetings">{t("open")}</Link>
    </section>
  );
}
