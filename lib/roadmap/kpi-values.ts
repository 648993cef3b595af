import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { roadmapItems } from "@/db/schema";
import { now } from "@/lib/clock";
import { computeKpis } from "@/lib/kpi";
import { getSettings } from "@/lib/settings/settings";
import { addDays, isValidTimeZone, todayInZone } from "@/lib/time";
import type { KpiKey } from "./kpi";

/**
 * Current KPI values for roadmap cards, from the KPI engine (lib/kpi, kpi-definitions.md §2).
 * "Current" is the trailing window of KPI_WINDOW_DAYS days ending today in the organisation's
 * time zone, as of now — so a card's target is read as "per 30 days" for counts and money
 * (e.g. 100 MQLs a month) and as the rate over that window for ratios.
 */
export const KPI_WINDOW_DAYS = 30;

/** Today in the organisation's time zone; UTC's when the stored zone is not a valid one. */
function todayIn(timeZone: string, now: Date): string {
  return todayInZone(isValidTimeZone(timeZone) ? timeZone : "UTC", now);
}

/** The values of `keys` now, or null when the KPI engine cannot answer (the board then shows targets only). */
export async function loadCurrentKpiValues(
  db: Db,
  keys: readonly KpiKey[],
  at: Date = now(),
): Promise<Partial<Record<KpiKey, number | null>> | null> {
  if (keys.length === 0) return {};
  try {
    const settings = await getSettings(db);
    const to = todayIn(settings.time_zone, at);
    const result = await computeKpis(db, { from: addDays(to, -(KPI_WINDOW_DAYS - 1)), to, asOf: at });
    return Object.fromEntries(keys.map((k) => [k, result.kpis[k] ?? null]));
  } catch (err) {
    console.error("[roadmap] KPI values unavailable", err);
    return null;
  }
}

/**
 * Records the KPI's value at the moment a card started (its baseline), once: later the card
 * shows whether the KPI moved since. Best effort — a failure leaves the baseline empty.
 */
export async function captureKpiBaseline(db: Db, cardId: number): Promise<void> {
  try {
    await capture(db, cardId);
  } catch (err) {
    console.error("[roadmap] KPI baseline not recorded", err);
  }
}

async function capture(db: Db, cardId: number): Promise<void> {
  const [card] = await db
    .select({ kpiKey: roadmapItems.kpiKey, kpiBaseline: roadmapItems.kpiBaseline, startedAt: roadmapItems.startedAt })
    .from(roadmapItems)
    .where(eq(roadmapItems.id, cardId));
  if (!card?.kpiKey || card.kpiBaseline !== null || card.startedAt === null) return;
  const values = await loadCurrentKpiValues(db, [card.kpiKey as KpiKey], card.startedAt);
  const value = values?.[card.kpiKey as KpiKey];
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  await db
    .update(roadmapItems)
    .set({ kpiBaseline: String(value) })
    .where(sql`${roadmapItems.id} = ${cardId} and ${roadmapItems.kpiBaseline} is null`);
}
