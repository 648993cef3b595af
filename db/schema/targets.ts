import { sql } from "drizzle-orm";
import { check, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./app";

/**
 * Per-KPI targets set by leadership (and admin) from the dashboard (lib/dashboard/targets.ts):
 * one row per KPI key of lib/kpi/definitions.ts. `target` is in the KPI's stored unit (a share
 * 0..1, money, a count, days); for KPIs that add up over time (lib/dashboard/target-rules.ts,
 * `targetBasis`) it is a monthly target, scaled to the period on the dashboard. `direction`:
 * `at_least` (on track when the value reaches the target) or `at_most`. `version` is the
 * optimistic-concurrency counter: a stale edit is refused.
 */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    kpiKey: text("kpi_key").primaryKey(),
    target: numeric("target").notNull(),
    direction: text("direction").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("kpi_targets_direction_check", sql`${t.direction} in ('at_least', 'at_most')`)],
);
