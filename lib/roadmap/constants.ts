/**
 * The roadmap's fixed vocabulary: the default status columns, teams, health values and limits.
 * Plain values only (client components import this module): the tuples come from lib/enums.ts,
 * never from the Drizzle schema.
 */
export { HEALTH, OWNING_TEAMS, type Health, type OwningTeam } from "@/lib/enums";

/** The status columns a new board starts with (an admin may rename, add and reorder them). */
export const DEFAULT_COLUMNS = [
  { key: "backlog", name: "Backlog" },
  { key: "planned", name: "Planned" },
  { key: "in_progress", name: "In progress" },
  { key: "done", name: "Done" },
] as const;

/** Columns whose cards have not started yet: moving a card out of them sets its started_at. */
export const NOT_STARTED_COLUMN_KEYS: readonly string[] = ["backlog", "planned"];

export const LIMITS = {
  title: 200,
  description: 5000,
  comment: 2000,
  columnName: 60,
  columns: 12,
} as const;
