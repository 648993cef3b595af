import { resolve } from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Db } from "./client";
import { organisationSettings } from "./schema";
import { analyzeChanged, FACT_TABLES } from "./statistics";
import { refreshAttributionSummary } from "@/lib/attribution/summary";

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "db/migrations");

/**
 * Applies pending migrations (safe to run twice) and makes sure the settings row exists, fills
 * the attribution summary for the won deals it lacks (lib/attribution/summary.ts: all of them
 * after migration 0018, none on a later run). Then ANALYZEs the facts tables (db/statistics.ts):
 * a migration may have filled one from scratch.
 */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await db.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
  await refreshAttributionSummary(db);
  await analyzeChanged(db.$client, FACT_TABLES);
}
