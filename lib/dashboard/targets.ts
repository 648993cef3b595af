import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { kpiTargets } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { KPI_KEYS, type KpiKey } from "@/lib/kpi/definitions";
import { TARGET_DIRECTIONS, type KpiTargetSetting, type TargetDirection } from "./target-rules";

/**
 * The stored per-KPI targets (table kpi_targets, db/schema/targets.ts): read for the dashboard,
 * set and removed by leadership and admins through the dashboard's target dialog (the server
 * actions in app/(app)/dashboard/actions.ts check the policy, `dashboard` / `edit`). Every change
 * is audited (entity `kpi_target`) in the transaction of the change; a change based on a stale
 * version is refused with the target as it is now. The rules (units, defaults, on track) are in
 * ./target-rules.ts.
 */

export const TARGET_MESSAGES = {
  stale: "Someone else changed this target in the meantime. Your change was not saved; here is the target as it is now.",
} as const;

/** The payload of a stale refusal: the target as it is now (null when it was removed). */
export type StaleTarget = { status: "stale"; current: KpiTargetSetting | null };
export type TargetSaved = { status: "ok"; target: KpiTargetSetting | null };

type Row = typeof kpiTargets.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const isKpiKey = (v: string): v is KpiKey => (KPI_KEYS as readonly string[]).includes(v);
const isDirection = (v: string): v is TargetDirection => (TARGET_DIRECTIONS as readonly string[]).includes(v);

function toSetting(row: Row): KpiTargetSetting | null {
  if (!isKpiKey(row.kpiKey) || !isDirection(row.direction)) return null;
  return { kpiKey: row.kpiKey, target: Number(row.target), direction: row.direction, source: "stored", version: row.version };
}

/** Every stored target (rows of unknown KPI keys are ignored). */
export async function loadStoredTargets(db: Db | Tx): Promise<KpiTargetSetting[]> {
  const rows = await db.select().from(kpiTargets);
  return rows.map(toSetting).filter((s): s is KpiTargetSetting => s !== null);
}

async function current(tx: Tx, key: KpiKey): Promise<Row | undefined> {
  const [row] = await tx.select().from(kpiTargets).where(eq(kpiTargets.kpiKey, key)).for("update");
  return row;
}

function stale(row: Row | undefined): DomainError {
  const payload: StaleTarget = { status: "stale", current: row ? toSetting(row) : null };
  return new DomainError("stale", TARGET_MESSAGES.stale, { payload });
}

const audited = (row: Row | undefined) => (row ? { target: row.target, direction: row.direction, version: row.version } : null);

/**
 * Sets a KPI's target. `version` is the one the user edited: 0 when there was no stored target
 * (then a row that appeared meanwhile is a stale edit), else the row's version.
 */
export async function setKpiTarget(
  db: Db,
  actor: AuditActor,
  input: { kpiKey: KpiKey; target: number; direction: TargetDirection; version: number },
): Promise<TargetSaved> {
  return db.transaction(async (tx) => {
    // Serialises the first insert of a key as well as later updates.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('alignboard.kpi_target'), hashtext(${input.kpiKey}))`);
    const before = await current(tx, input.kpiKey);
    if ((before?.version ?? 0) !== input.version) throw stale(before);
    const values = { target: String(input.target), direction: input.direction, updatedBy: actor.userId ?? null };
    const [after] = before
      ? await tx
          .update(kpiTargets)
          .set({ ...values, version: before.version + 1, updatedAt: sql`now()` })
          .where(and(eq(kpiTargets.kpiKey, input.kpiKey), eq(kpiTargets.version, before.version)))
          .returning()
      : await tx
          .insert(kpiTargets)
          .values({ kpiKey: input.kpiKey, ...values })
          .returning();
    if (!after) throw stale(before);
    await recordAudit(tx, { actor, entity: "kpi_target", action: "set", entityId: input.kpiKey, before: audited(before), after: audited(after) });
    return { status: "ok", target: toSetting(after) };
  });
}

/** Removes a KPI's stored target (the default, if any, applies again). */
export async function clearKpiTarget(db: Db, actor: AuditActor, input: { kpiKey: KpiKey; version: number }): Promise<TargetSaved> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('alignboard.kpi_target'), hashtext(${input.kpiKey}))`);
    const before = await current(tx, input.kpiKey);
    if (!before || before.version !== input.version) throw stale(before);
    await tx.delete(kpiTargets).where(eq(kpiTargets.kpiKey, input.kpiKey));
    await recordAudit(tx, { actor, entity: "kpi_target", action: "clear", entityId: input.kpiKey, before: audited(before), after: null });
    return { status: "ok", target: null };
  });
}
