import { defineConfig } from "drizzle-kit";

/** drizzle-kit only generates migrations (`npm run db:generate`); applying them is
 * `npm run db:migrate`, which works against the embedded database too. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
