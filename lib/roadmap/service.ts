import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { roadmapColumns, roadmapComments, roadmapItems, users } from "@/db/schema";
import { recordAudit, type AuditAction, type AuditState } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/settings";
import { isValidTimeZone, todayInZone } from "@/lib/time";
import { LIMITS, NOT_STARTED_COLUMN_KEYS } from "./constants";
import { captureKpiBaseline } from "./kpi-values";
import { applyMove, arrayMove, positionUpdates, type ColumnOrder } from "./ordering";
import { canChangeTeam, canComment, canCreateCard, canEditCard, canManageColumns } from "./permissions";
import { loadCard, loadColumns, type BoardCard, type BoardColumn, type CardComment } from "./queries";
import {
  addCommentSchema,
  createCardSchema,
  createColumnSchema,
  deleteCardSchema,
  deleteColumnSchema,
  dueDateProblem,
  moveCardSchema,
  moveColumnSchema,
  renameColumnSchema,
  updateCardSchema,
  type AddCommentInput,
  type CreateCardInput,
  type CreateColumnInput,
  type DeleteCardInput,
  type DeleteColumnInput,
  type MoveCardInput,
  type MoveColumnInput,
  type RenameColumnInput,
  type UpdateCardInput,
} from "./schemas";

/**
 * Every change to the roadmap. Each function validates its input (zod), checks the roadmap's
 * rules for the acting user (permissions.ts), runs in one transaction, and writes audit_log in
 * that transaction. Refusals are DomainErrors (lib/errors.ts).
 *
 * Concurrency: a card carries `version`, bumped by every edit and move of that card. A change
 * based on another version is refused (DomainError "stale", with `{ status: "stale", card }`,
 * the fresh card, as payload), never applied over someone else's change. Moves lock the rows of the affected columns (in id order, so two
 * moves never deadlock), then the cards of those columns, and renumber positions densely, so
 * two people moving different cards at once both succeed with one consistent order.
 */

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Actor = { id: number; role: Role };

/** What a successful edit or move returns: the card as saved. */
export type CardSaved = { status: "ok"; card: BoardCard };
/** The payload of a "stale" refusal: the card as it is now. */
export type StaleCard = { status: "stale"; card: BoardCard };
/** What an edit or move action answers with: the saved card, or the fresh one when refused as stale. */
export type CardMutation = CardSaved | StaleCard;
export type CardDeleted = { status: "ok"; id: number };
/** What the delete action answers with: the id, or the fresh card when refused as stale. */
export type DeleteResult = CardDeleted | StaleCard;

export const ROADMAP_MESSAGES = {
  forbidden: "You are not allowed to do this",
  stale: "Someone else changed this card in the meantime. Your change was not saved; here is the card as it is now.",
  notFound: "This card no longer exists.",
  columnNotFound: "This column no longer exists.",
  unknownOwner: "unknown_owner",
  columnNotEmpty: "Move the cards out of this column before removing it.",
  lastColumn: "The board needs at least one column.",
  tooManyColumns: `The board can have at most ${LIMITS.columns} columns.`,
} as const;

const forbidden = () => new DomainError("forbidden", ROADMAP_MESSAGES.forbidden);
const cardNotFound = () => new DomainError("not_found", ROADMAP_MESSAGES.notFound);
const columnNotFound = (field?: string) => new DomainError("not_found", ROADMAP_MESSAGES.columnNotFound, { field });
const conflict = (key: "too_many_columns" | "last_column" | "column_not_empty", message: string) =>
  new DomainError("conflict", message, { key });

/** The refusal of a change based on a stale version, carrying the card as it is now. */
async function stale(db: Db, id: number): Promise<DomainError> {
  const payload: StaleCard = { status: "stale", card: await freshCard(db, id) };
  return new DomainError("stale", ROADMAP_MESSAGES.stale, { payload });
}

/** Thrown inside a move when the card changed column between reading and locking: try again. */
class Retry extends Error {}

type ItemRow = typeof roadmapItems.$inferSelect;

/** The fields of a card that the audit log records (and the history shows). */
const AUDITED = ["title", "description", "team", "ownerUserId", "dueOn", "health", "kpiKey", "kpiTarget"] as const;
type AuditedField = (typeof AUDITED)[number];

function snapshot(row: ItemRow, column?: { key: string; name: string }): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(AUDITED.map((f) => [f, row[f]]));
  if (column) Object.assign(out, { column: column.key, columnName: column.name, position: row.position });
  return out;
}

/** Records a change to a card in audit_log (in the change's transaction). */
async function auditCard(
  tx: Tx,
  actor: Actor,
  action: AuditAction<"roadmap_item">,
  entityId: number,
  before: AuditState | null,
  after: AuditState | null,
): Promise<void> {
  await recordAudit(tx, { actor: { userId: actor.id }, entity: "roadmap_item", action, entityId, before, after });
}

/** Records a change to a column in audit_log (in the change's transaction). */
async function auditColumn(
  tx: Tx,
  actor: Actor,
  action: AuditAction<"roadmap_column">,
  entityId: number,
  before: AuditState | null,
  after: AuditState | null,
): Promise<void> {
  await recordAudit(tx, { actor: { userId: actor.id }, entity: "roadmap_column", action, entityId, before, after });
}

async function assertOwner(tx: Tx, ownerUserId: number | null): Promise<void> {
  if (ownerUserId === null) return;
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerUserId), eq(users.disabled, false)))
    .limit(1);
  // Like a zod issue: code "invalid", the field's message a validation key.
  if (!row) throw new DomainError("invalid", ROADMAP_MESSAGES.unknownOwner, { field: "ownerUserId" });
}

/** Locks the given columns (in id order) and returns them; throws when one is missing. */
async function lockColumns(tx: Tx, ids: number[]) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return tx
    .select({ id: roadmapColumns.id, key: roadmapColumns.key, name: roadmapColumns.name, position: roadmapColumns.position })
    .from(roadmapColumns)
    .where(inArray(roadmapColumns.id, sorted))
    .orderBy(asc(roadmapColumns.id))
    .for("update");
}

/** Locks the cards of the given columns and returns each column's order (dense or not). */
async function lockColumnCards(tx: Tx, columnIds: number[]) {
  const rows = await tx
    .select({ id: roadmapItems.id, columnId: roadmapItems.columnId, position: roadmapItems.position })
    .from(roadmapItems)
    .where(inArray(roadmapItems.columnId, columnIds))
    .orderBy(asc(roadmapItems.id))
    .for("update");
  const byOrder = [...rows].sort((a, b) => a.columnId - b.columnId || a.position - b.position || a.id - b.id);
  const orders: ColumnOrder[] = columnIds.map((columnId) => ({
    columnId,
    cardIds: byOrder.filter((r) => r.columnId === columnId).map((r) => r.id),
  }));
  const current = new Map(rows.map((r) => [r.id, { columnId: r.columnId, position: r.position }]));
  return { orders, current };
}

async function writePositions(tx: Tx, updates: { id: number; columnId: number; position: number }[], skip?: number) {
  for (const u of updates) {
    if (u.id === skip) continue;
    await tx.update(roadmapItems).set({ columnId: u.columnId, position: u.position }).where(eq(roadmapItems.id, u.id));
  }
}

async function freshCard(db: Db, id: number): Promise<BoardCard> {
  const card = await loadCard(db, id);
  if (!card) throw cardNotFound();
  return card;
}

/** Today in the organisation's time zone (UTC's when the stored zone is not a valid one). */
async function organisationToday(db: Db): Promise<string> {
  const zone = (await getSettings(db)).time_zone;
  return todayInZone(isValidTimeZone(zone) ? zone : "UTC", now());
}

/**
 * Refuses a due date in the past of the organisation's calendar, unless the card already had
 * exactly that date (an edit that leaves an old due date alone).
 */
function assertDueDate(today: string, dueOn: string | null, previous: string | null): void {
  if (dueOn === null || dueOn === previous) return;
  if (dueDateProblem(dueOn, { today, previous }) === "due_in_past") {
    throw new DomainError("invalid", "due_in_past", { field: "dueOn" });
  }
}

/** Creates a card at the end of a column. */
export async function createCard(db: Db, actor: Actor, raw: CreateCardInput): Promise<BoardCard> {
  const input = createCardSchema.parse(raw);
  if (!canCreateCard(actor.role, input.team)) throw forbidden();
  assertDueDate(await organisationToday(db), input.dueOn, null);
  const id = await db.transaction(async (tx) => {
    const [column] = await lockColumns(tx, [input.columnId]);
    if (!column) throw columnNotFound("columnId");
    await assertOwner(tx, input.ownerUserId);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(roadmapItems)
      .where(eq(roadmapItems.columnId, column.id));
    const [row] = await tx
      .insert(roadmapItems)
      .values({
        columnId: column.id,
        position: Number(n),
        title: input.title,
        description: input.description,
        team: input.team,
        ownerUserId: input.ownerUserId,
        dueOn: input.dueOn,
        health: input.health,
        kpiKey: input.kpiKey,
        kpiTarget: input.kpiTarget,
        startedAt: NOT_STARTED_COLUMN_KEYS.includes(column.key) ? null : sql`now()`,
        createdBy: actor.id,
      })
      .returning();
    if (!row) throw new Error("card was not created");
    await auditCard(tx, actor, "create", row.id, null, snapshot(row, column));
    return row.id;
  });
  await captureKpiBaseline(db, id);
  return freshCard(db, id);
}

/** Changes a card's fields (not its place). Refused ("stale") when `version` is not the card's current one. */
export async function updateCard(db: Db, actor: Actor, raw: UpdateCardInput): Promise<CardSaved> {
  const input = updateCardSchema.parse(raw);
  const today = await organisationToday(db);
  const outcome = await db.transaction(async (tx): Promise<"ok" | "stale"> => {
    const [row] = await tx.select().from(roadmapItems).where(eq(roadmapItems.id, input.id)).for("update");
    if (!row) throw cardNotFound();
    if (!canEditCard(actor.role, row.team)) throw forbidden();
    if (row.version !== input.version) return "stale";
    if (row.team !== input.team && !canChangeTeam(actor.role, row.team, input.team)) throw forbidden();
    if (input.ownerUserId !== row.ownerUserId) await assertOwner(tx, input.ownerUserId);
    // A past due date may stay on a card that already has it, but not be newly set.
    assertDueDate(today, input.dueOn, row.dueOn);
    const next: Record<AuditedField, unknown> = {
      title: input.title,
      description: input.description,
      team: input.team,
      ownerUserId: input.ownerUserId,
      dueOn: input.dueOn,
      health: input.health,
      kpiKey: input.kpiKey,
      kpiTarget: input.kpiTarget,
    };
    const changed = AUDITED.filter((f) => !sameValue(row[f], next[f]));
    if (changed.length === 0) return "ok";
    await tx
      .update(roadmapItems)
      .set({
        title: input.title,
        description: input.description,
        team: input.team,
        ownerUserId: input.ownerUserId,
        dueOn: input.dueOn,
        health: input.health,
        kpiKey: input.kpiKey,
        kpiTarget: input.kpiTarget,
        ...(row.kpiKey !== input.kpiKey ? { kpiBaseline: null } : {}),
        version: row.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(roadmapItems.id, row.id));
    await auditCard(
      tx,
      actor,
      "update",
      row.id,
      Object.fromEntries(changed.map((f) => [f, row[f]])),
      Object.fromEntries(changed.map((f) => [f, next[f]])),
    );
    return "ok";
  });
  if (outcome === "stale") throw await stale(db, input.id);
  await captureKpiBaseline(db, input.id);
  return { status: "ok", card: await freshCard(db, input.id) };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  // numeric columns come back as strings ("5.0" and "5" are the same target)
  if (typeof a === "string" && typeof b === "string" && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) {
    return Number(a) === Number(b);
  }
  return a === b;
}

/**
 * Moves a card to `toIndex` in `toColumnId` (its index there once moved; past the end means
 * last). Refused ("stale") when `version` is not the card's current one.
 */
export async function moveCard(db: Db, actor: Actor, raw: MoveCardInput): Promise<CardSaved> {
  const input = moveCardSchema.parse(raw);
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await db.transaction((tx) => moveOnce(tx, actor, input));
      if (outcome === "stale") throw await stale(db, input.id);
      await captureKpiBaseline(db, input.id);
      return { status: "ok", card: await freshCard(db, input.id) };
    } catch (err) {
      if (err instanceof Retry && attempt < 5) continue;
      throw err;
    }
  }
}

async function moveOnce(
  tx: Tx,
  actor: Actor,
  input: { id: number; version: number; toColumnId: number; toIndex: number },
): Promise<"ok" | "stale"> {
  const [peek] = await tx
    .select({ columnId: roadmapItems.columnId })
    .from(roadmapItems)
    .where(eq(roadmapItems.id, input.id));
  if (!peek) throw cardNotFound();
  const columns = await lockColumns(tx, [peek.columnId, input.toColumnId]);
  const target = columns.find((c) => c.id === input.toColumnId);
  if (!target) throw columnNotFound("toColumnId");
  const [card] = await tx.select().from(roadmapItems).where(eq(roadmapItems.id, input.id)).for("update");
  if (!card) throw cardNotFound();
  if (!canEditCard(actor.role, card.team)) throw forbidden();
  if (card.version !== input.version) return "stale";
  if (card.columnId !== peek.columnId) throw new Retry();
  const source = columns.find((c) => c.id === card.columnId);
  if (!source) throw new Retry();

  const columnIds = [...new Set([source.id, target.id])];
  const { orders, current } = await lockColumnCards(tx, columnIds);
  const next = applyMove(orders, card.id, target.id, input.toIndex);
  const updates = positionUpdates(current, next);
  const newPosition = next.find((c) => c.columnId === target.id)?.cardIds.indexOf(card.id) ?? 0;
  const moves = card.columnId !== target.id || card.position !== newPosition;
  await writePositions(tx, updates, card.id);
  if (!moves) return "ok"; // dropped where it was: nothing to record (positions made dense anyway)

  const starts = card.startedAt === null && !NOT_STARTED_COLUMN_KEYS.includes(target.key);
  await tx
    .update(roadmapItems)
    .set({
      columnId: target.id,
      position: newPosition,
      version: card.version + 1,
      updatedAt: sql`now()`,
      ...(starts ? { startedAt: sql`now()` } : {}),
    })
    .where(eq(roadmapItems.id, card.id));
  await auditCard(
    tx,
    actor,
    "move",
    card.id,
    { column: source.key, columnName: source.name, position: card.position },
    { column: target.key, columnName: target.name, position: newPosition },
  );
  return "ok";
}

/** Deletes a card (and its comments). Refused ("stale") when `version` is not the card's current one. */
export async function deleteCard(db: Db, actor: Actor, raw: DeleteCardInput): Promise<CardDeleted> {
  const input = deleteCardSchema.parse(raw);
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await db.transaction(async (tx): Promise<"ok" | "stale"> => {
        const [peek] = await tx
          .select({ columnId: roadmapItems.columnId })
          .from(roadmapItems)
          .where(eq(roadmapItems.id, input.id));
        if (!peek) throw cardNotFound();
        const [column] = await lockColumns(tx, [peek.columnId]);
        const [card] = await tx.select().from(roadmapItems).where(eq(roadmapItems.id, input.id)).for("update");
        if (!card) throw cardNotFound();
        if (!canEditCard(actor.role, card.team)) throw forbidden();
        if (card.version !== input.version) return "stale";
        if (!column || card.columnId !== column.id) throw new Retry();
        await tx.delete(roadmapItems).where(eq(roadmapItems.id, card.id));
        const { orders, current } = await lockColumnCards(tx, [column.id]);
        await writePositions(tx, positionUpdates(current, orders));
        await auditCard(tx, actor, "delete", card.id, snapshot(card, column), null);
        return "ok";
      });
      if (outcome === "stale") throw await stale(db, input.id);
      return { status: "ok", id: input.id };
    } catch (err) {
      if (err instanceof Retry && attempt < 5) continue;
      throw err;
    }
  }
}

/** Adds a comment to a card (anyone who sees the roadmap may comment on any card). */
export async function addComment(db: Db, actor: Actor, raw: AddCommentInput): Promise<CardComment> {
  const input = addCommentSchema.parse(raw);
  if (!canComment(actor.role)) throw forbidden();
  return db.transaction(async (tx) => {
    const [card] = await tx.select({ id: roadmapItems.id }).from(roadmapItems).where(eq(roadmapItems.id, input.itemId));
    if (!card) throw cardNotFound();
    const [row] = await tx.insert(roadmapComments).values({ itemId: card.id, authorId: actor.id, body: input.body }).returning();
    if (!row) throw new Error("comment was not saved");
    await auditCard(tx, actor, "comment", card.id, null, { commentId: row.id, body: row.body });
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    return { id: row.id, body: row.body, authorName: author?.name ?? null, createdAt: row.createdAt.toISOString() };
  });
}

// ---- Columns (admin) ----

async function lockAllColumns(tx: Tx): Promise<BoardColumn[]> {
  const rows = await tx
    .select({ id: roadmapColumns.id, key: roadmapColumns.key, name: roadmapColumns.name, position: roadmapColumns.position })
    .from(roadmapColumns)
    .orderBy(asc(roadmapColumns.id))
    .for("update");
  return rows.sort((a, b) => a.position - b.position || a.id - b.id);
}

async function renumberColumns(tx: Tx, ordered: BoardColumn[]): Promise<void> {
  for (const [position, column] of ordered.entries()) {
    if (column.position !== position) {
      await tx.update(roadmapColumns).set({ position }).where(eq(roadmapColumns.id, column.id));
    }
  }
}

/** A column key from its name: lower-case ASCII words joined by "_", unique among `taken`. */
export function columnKeyFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "column";
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

export async function createColumn(db: Db, actor: Actor, raw: CreateColumnInput): Promise<BoardColumn[]> {
  const input = createColumnSchema.parse(raw);
  if (!canManageColumns(actor.role)) throw forbidden();
  await db.transaction(async (tx) => {
    const columns = await lockAllColumns(tx);
    if (columns.length >= LIMITS.columns) throw conflict("too_many_columns", ROADMAP_MESSAGES.tooManyColumns);
    const taken = new Set((await tx.select({ key: roadmapColumns.key }).from(roadmapColumns)).map((r) => r.key));
    const [row] = await tx
      .insert(roadmapColumns)
      .values({ key: columnKeyFor(input.name, taken), name: input.name, position: columns.length })
      .returning();
    if (!row) throw new Error("column was not created");
    await auditColumn(tx, actor, "create", row.id, null, { key: row.key, name: row.name, position: row.position });
  });
  return loadColumns(db);
}

export async function renameColumn(db: Db, actor: Actor, raw: RenameColumnInput): Promise<BoardColumn[]> {
  const input = renameColumnSchema.parse(raw);
  if (!canManageColumns(actor.role)) throw forbidden();
  await db.transaction(async (tx) => {
    const [column] = await lockColumns(tx, [input.id]);
    if (!column) throw columnNotFound();
    if (column.name === input.name) return;
    await tx.update(roadmapColumns).set({ name: input.name }).where(eq(roadmapColumns.id, column.id));
    await auditColumn(tx, actor, "rename", column.id, { name: column.name }, { name: input.name });
  });
  return loadColumns(db);
}

export async function moveColumn(db: Db, actor: Actor, raw: MoveColumnInput): Promise<BoardColumn[]> {
  const input = moveColumnSchema.parse(raw);
  if (!canManageColumns(actor.role)) throw forbidden();
  await db.transaction(async (tx) => {
    const columns = await lockAllColumns(tx);
    const from = columns.findIndex((c) => c.id === input.id);
    if (from < 0) throw columnNotFound();
    const reordered = arrayMove(columns, from, input.toIndex);
    const to = reordered.findIndex((c) => c.id === input.id);
    if (to === from) return;
    await renumberColumns(tx, reordered);
    await auditColumn(tx, actor, "move", input.id, { position: from }, { position: to });
  });
  return loadColumns(db);
}

/** Removes an empty column (the board keeps at least one). */
export async function deleteColumn(db: Db, actor: Actor, raw: DeleteColumnInput): Promise<BoardColumn[]> {
  const input = deleteColumnSchema.parse(raw);
  if (!canManageColumns(actor.role)) throw forbidden();
  await db.transaction(async (tx) => {
    const columns = await lockAllColumns(tx);
    const column = columns.find((c) => c.id === input.id);
    if (!column) throw columnNotFound();
    if (columns.length <= 1) throw conflict("last_column", ROADMAP_MESSAGES.lastColumn);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(roadmapItems)
      .where(eq(roadmapItems.columnId, column.id));
    if (Number(n) > 0) throw conflict("column_not_empty", ROADMAP_MESSAGES.columnNotEmpty);
    await tx.delete(roadmapColumns).where(eq(roadmapColumns.id, column.id));
    await renumberColumns(
      tx,
      columns.filter((c) => c.id !== column.id),
    );
    await auditColumn(tx, actor, "delete", column.id, { key: column.key, name: column.name }, null);
  });
  return loadColumns(db);
}
