import { resolve } from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Db } from "./client";
import { organisationSettings } from "./schema";
import { analyzeChanged, FACT_TABLES } from "./statistics";

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "db/migrations");

/**
 * Applies pending migrations (safe to run twice) and makes sure the settings row exists. Then
 * ANALYZEs the facts tables (db/statistics.ts): a migration may have filled one from scratch.
 */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await db.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
  await analyzeChanged(db.$client, FACT_TABLES);
}
