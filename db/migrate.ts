import { resolve } from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Db } from "./client";
import { organisationSettings } from "./schema";

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "db/migrations");

/** Applies pending migrations (safe to run twice) and makes sure the settings row exists. */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  await db.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
}
