import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { roadmapColumns, roadmapItems, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { addDays, dateInZone } from "@/lib/time";
import { DEFAULT_COLUMNS, type Health, type OwningTeam } from "./constants";
import type { KpiKey } from "./kpi";
import { STARTER_TEXTS } from "./starter";

/**
 * The starter roadmap: the default columns and one card per step of the alignment journey
 * (shared goals → shared definitions → SLA → integrated data → joint reviews), each linked to
 * the KPI it should move, with owners on both sides.
 */
type StarterCard = {
  column: (typeof DEFAULT_COLUMNS)[number]["key"];
  title: string;
  description: string;
  team: OwningTeam;
  owner: Role;
  dueInDays: number;
  health: Health;
  kpiKey: KpiKey;
  kpiTarget: string;
};

export const STARTER_CARDS: readonly StarterCard[] = [
  {
    column: "done",
    title: STARTER_TEXTS.shared_goal.title,
    description: STARTER_TEXTS.shared_goal.description,
    team: "joint",
    owner: "leadership",
    dueInDays: -14,
    health: "on_track",
    kpiKey: "marketing_sourced_share",
    kpiTarget: "0.4",
  },
  {
    column: "in_progress",
    title: STARTER_TEXTS.shared_definitions.title,
    description: STARTER_TEXTS.shared_definitions.description,
    team: "joint",
    owner: "marketing",
    dueInDays: 14,
    health: "on_track",
    kpiKey: "mql_to_sql_rate",
    kpiTarget: "0.3",
  },
  {
    column: "in_progress",
    title: STARTER_TEXTS.sla_sales.title,
    description: STARTER_TEXTS.sla_sales.description,
    team: "sales",
    owner: "sales",
    dueInDays: 21,
    health: "at_risk",
    kpiKey: "sla_compliance",
    kpiTarget: "0.9",
  },
  {
    column: "planned",
    title: STARTER_TEXTS.sla_marketing.title,
    description: STARTER_TEXTS.sla_marketing.description,
    team: "marketing",
    owner: "marketing",
    dueInDays: 30,
    health: "on_track",
    kpiKey: "mqls",
    kpiTarget: "100",
  },
  {
    column: "planned",
    title: STARTER_TEXTS.closed_loop.title,
    description: STARTER_TEXTS.closed_loop.description,
    team: "joint",
    owner: "sales",
    dueInDays: 45,
    health: "on_track",
    kpiKey: "lead_rejection_rate",
    kpiTarget: "0.15",
  },
  {
    column: "backlog",
    title: STARTER_TEXTS.joint_review.title,
    description: STARTER_TEXTS.joint_review.description,
    team: "joint",
    owner: "leadership",
    dueInDays: 60,
    health: "on_track",
    kpiKey: "win_rate",
    kpiTarget: "0.25",
  },
  {
    column: "backlog",
    title: STARTER_TEXTS.content_use.title,
    description: STARTER_TEXTS.content_use.description,
    team: "marketing",
    owner: "marketing",
    dueInDays: 75,
    health: "on_track",
    kpiKey: "content_usage_rate",
    kpiTarget: "0.6",
  },
];

/** The UTC date `days` after `today` (the starter cards' due dates). */
function dueDate(today: Date, days: number): string {
  return addDays(dateInZone(today, "UTC"), days);
}

/**
 * Idempotent: creates the default columns that are missing (by key), and the starter cards
 * only when the board has no card at all (so cards a team deleted or edited never come back).
 * Owners are the first active user of the card's role, when there is one. Each card's creation
 * is recorded in audit_log with the label "seed".
 */
export async function seedRoadmap(
  db: Db,
  opts: { today?: Date } = {},
): Promise<{ columnsCreated: number; cardsCreated: number }> {
  const today = opts.today ?? now();
  return db.transaction(async (tx) => {
    // One seeder at a time; the advisory lock is released at commit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('alignboard.seedRoadmap'))`);
    const existing = await tx.select().from(roadmapColumns).orderBy(asc(roadmapColumns.position));
    const keys = new Set(existing.map((c) => c.key));
    let next = existing.reduce((m, c) => Math.max(m, c.position + 1), 0);
    const missing = DEFAULT_COLUMNS.filter((c) => !keys.has(c.key));
    if (missing.length > 0) {
      await tx
        .insert(roadmapColumns)
        .values(missing.map((c) => ({ key: c.key, name: c.name, position: next++ })))
        .onConflictDoNothing({ target: roadmapColumns.key });
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(roadmapItems);
    if (Number(n) > 0) return { columnsCreated: missing.length, cardsCreated: 0 };

    const columns = await tx.select().from(roadmapColumns);
    const columnByKey = new Map(columns.map((c) => [c.key, c]));
    const ownerByRole = new Map<Role, number>();
    for (const role of ["leadership", "marketing", "sales"] as const) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, role), eq(users.disabled, false)))
        .orderBy(asc(users.id))
        .limit(1);
      if (u) ownerByRole.set(role, u.id);
    }
    const positions = new Map<number, number>();
    for (const card of STARTER_CARDS) {
      const column = columnByKey.get(card.column);
      if (!column) continue;
      const position = positions.get(column.id) ?? 0;
      positions.set(column.id, position + 1);
      const [row] = await tx
        .insert(roadmapItems)
        .values({
          columnId: column.id,
          position,
          title: card.title,
          description: card.description,
          team: card.team,
          ownerUserId: ownerByRole.get(card.owner) ?? null,
          dueOn: dueDate(today, card.dueInDays),
          health: card.health,
          kpiKey: card.kpiKey,
          kpiTarget: card.kpiTarget,
          startedAt: card.column === "backlog" || card.column === "planned" ? null : today,
        })
        .returning();
      if (!row) continue;
      await recordAudit(tx, {
        actor: { label: "seed" },
        action: "create",
        entity: "roadmap_item",
        entityId: row.id,
        before: null,
        after: {
          title: row.title,
          team: row.team,
          ownerUserId: row.ownerUserId,
          dueOn: row.dueOn,
          health: row.health,
          kpiKey: row.kpiKey,
          kpiTarget: row.kpiTarget,
          column: column.key,
          columnName: column.name,
          position: row.position,
        },
      });
    }
    return { columnsCreated: missing.length, cardsCreated: STARTER_CARDS.length };
  });
}
