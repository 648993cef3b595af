import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, roadmapColumns, roadmapComments, roadmapItems, users } from "@/db/schema";
import type { Role } from "@/lib/enums";
import type { Health, OwningTeam } from "./constants";
import { isKpiKey, type KpiKey } from "./kpi";

/** What the board and the card page read. Dates are ISO strings (safe to hand to the client). */
export type BoardColumn = { id: number; key: string; name: string; position: number };

export type BoardCard = {
  id: number;
  columnId: number;
  position: number;
  title: string;
  description: string;
  team: OwningTeam;
  ownerUserId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  health: Health;
  kpiKey: KpiKey | null;
  kpiTarget: string | null;
  kpiBaseline: string | null;
  startedAt: string | null;
  version: number;
  updatedAt: string;
  commentCount: number;
};

export type OwnerOption = { id: number; name: string; role: Role };

export type Board = { columns: BoardColumn[]; cards: BoardCard[]; owners: OwnerOption[] };

export type CardComment = { id: number; body: string; authorName: string | null; createdAt: string };

/** One audit_log row about a card: who (a user's name, or the label of a script), what, when. */
export type HistoryEntry = {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type CardDetail = { card: BoardCard; column: BoardColumn; comments: CardComment[]; history: HistoryEntry[] };

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

const cardColumns = {
  id: roadmapItems.id,
  columnId: roadmapItems.columnId,
  position: roadmapItems.position,
  title: roadmapItems.title,
  description: roadmapItems.description,
  team: roadmapItems.team,
  ownerUserId: roadmapItems.ownerUserId,
  ownerName: users.name,
  dueOn: roadmapItems.dueOn,
  health: roadmapItems.health,
  kpiKey: roadmapItems.kpiKey,
  kpiTarget: roadmapItems.kpiTarget,
  kpiBaseline: roadmapItems.kpiBaseline,
  startedAt: roadmapItems.startedAt,
  version: roadmapItems.version,
  updatedAt: roadmapItems.updatedAt,
};

/** A card row as selected: dates still Date objects, the KPI key not yet checked. */
type CardSelect = Omit<BoardCard, "kpiKey" | "startedAt" | "updatedAt" | "commentCount"> & {
  kpiKey: string | null;
  startedAt: Date | null;
  updatedAt: Date;
};

function toCard(row: CardSelect, commentCount: number): BoardCard {
  return {
    ...row,
    kpiKey: isKpiKey(row.kpiKey) ? row.kpiKey : null,
    startedAt: iso(row.startedAt),
    updatedAt: iso(row.updatedAt) ?? "",
    commentCount,
  };
}

async function commentCounts(db: Db, ids: number[] | null): Promise<Map<number, number>> {
  const rows = await db
    .select({ itemId: roadmapComments.itemId, n: sql<number>`count(*)::int` })
    .from(roadmapComments)
    .where(ids ? inArray(roadmapComments.itemId, ids.length ? ids : [-1]) : undefined)
    .groupBy(roadmapComments.itemId);
  return new Map(rows.map((r) => [r.itemId, Number(r.n)]));
}

export async function loadColumns(db: Db): Promise<BoardColumn[]> {
  return db
    .select({ id: roadmapColumns.id, key: roadmapColumns.key, name: roadmapColumns.name, position: roadmapColumns.position })
    .from(roadmapColumns)
    .orderBy(asc(roadmapColumns.position), asc(roadmapColumns.id));
}

/** The whole board: columns in order, every card in column order, and who may own a card. */
export async function loadBoard(db: Db): Promise<Board> {
  const [columns, rows, counts, owners] = await Promise.all([
    loadColumns(db),
    db
      .select(cardColumns)
      .from(roadmapItems)
      .leftJoin(users, eq(users.id, roadmapItems.ownerUserId))
      .orderBy(asc(roadmapItems.columnId), asc(roadmapItems.position), asc(roadmapItems.id)),
    commentCounts(db, null),
    loadOwnerOptions(db),
  ]);
  return { columns, cards: rows.map((r) => toCard(r, counts.get(r.id) ?? 0)), owners };
}

/** Active users, for the owner field. */
export async function loadOwnerOptions(db: Db): Promise<OwnerOption[]> {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.name), asc(users.id));
}

/** One card as the board shows it, or null when it does not exist (any more). */
export async function loadCard(db: Db, id: number): Promise<BoardCard | null> {
  const [row] = await db
    .select(cardColumns)
    .from(roadmapItems)
    .leftJoin(users, eq(users.id, roadmapItems.ownerUserId))
    .where(eq(roadmapItems.id, id))
    .limit(1);
  if (!row) return null;
  const counts = await commentCounts(db, [id]);
  return toCard(row, counts.get(id) ?? 0);
}

/** Comments of a card, oldest first. */
export async function loadComments(db: Db, itemId: number): Promise<CardComment[]> {
  const rows = await db
    .select({ id: roadmapComments.id, body: roadmapComments.body, authorName: users.name, createdAt: roadmapComments.createdAt })
    .from(roadmapComments)
    .leftJoin(users, eq(users.id, roadmapComments.authorId))
    .where(eq(roadmapComments.itemId, itemId))
    .orderBy(asc(roadmapComments.createdAt), asc(roadmapComments.id));
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) ?? "" }));
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The card's history from the audit log, newest first. */
export async function loadHistory(db: Db, itemId: number, limit = 100): Promise<HistoryEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userName: users.name,
      label: auditLog.actorLabel,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, "roadmap_item"), eq(auditLog.entityId, String(itemId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at) ?? "",
    actor: r.userName ?? r.label ?? null,
    action: r.action,
    before: asRecord(r.before),
    after: asRecord(r.after),
  }));
}

export async function loadCardDetail(db: Db, id: number): Promise<CardDetail | null> {
  const card = await loadCard(db, id);
  if (!card) return null;
  const [columns, comments, history] = await Promise.all([loadColumns(db), loadComments(db, id), loadHistory(db, id)]);
  const column = columns.find((c) => c.id === card.columnId);
  if (!column) return null;
  return { card, column, comments, history };
}
