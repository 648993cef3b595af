import { migrateDatabase } from "@/db/migrate";
import { runCli } from "@/lib/cli/run";

/** `npm run db:migrate`: applies pending migrations; safe to run twice. */
await runCli(async ({ db }) => {
  await migrateDatabase(db);
  console.log("database is up to date");
});
