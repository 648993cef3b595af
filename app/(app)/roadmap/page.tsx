import { getTranslations } from "next-intl/server";
import { now } from "@/lib/clock";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import { KPI_KEYS } from "@/lib/roadmap/kpi";
import { loadCurrentKpiValues } from "@/lib/roadmap/kpi-values";
import { canManageColumns, editableTeams } from "@/lib/roadmap/permissions";
import { loadBoard } from "@/lib/roadmap/queries";
import { getSettings } from "@/lib/settings/settings";
import { todayInZone } from "@/lib/time";
import { localiseStarterCard } from "@/lib/roadmap/starter";
import { RoadmapBoard } from "./board";
import { NewCardForm } from "./card-form";
import { ColumnManager } from "./column-manager";

export async function generateMetadata() {
  const t = await getTranslations("roadmap");
  return { title: t("title") };
}

/** The common roadmap board: every role sees it; who may change what is decided per card. */
export default async function RoadmapPage() {
  const user = await requireArea("roadmap");
  const t = await getTranslations("roadmap");
  const db = await getDb();
  const [board, settings, kpiCurrent] = await Promise.all([
    loadBoard(db),
    getSettings(db),
    loadCurrentKpiValues(db, KPI_KEYS),
  ]);
  const teams = editableTeams(user.role);
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("title")}</h1>
        <NewCardForm columns={board.columns} owners={board.owners} teams={teams} />
      </header>
      <p className="muted">{t("intro")}</p>
      {canManageColumns(user.role) ? <ColumnManager columns={board.columns} /> : null}
      <RoadmapBoard
        // Unedited starter cards read in the reader's language (lib/roadmap/starter.ts).
        board={{ ...board, cards: board.cards.map((c) => localiseStarterCard(c, (k) => t(k))) }}
        editableTeams={teams}
        currency={settings.currency}
        kpiCurrent={kpiCurrent}
        today={todayInZone(settings.time_zone, now())}
      />
    </section>
  );
}
