import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { teamFeedback, teamFeedbackMessages, teamFeedbackReads } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { teamOf } from "@/lib/workspace/teams";
import { createFeedbackSchema, feedbackIdSchema, replySchema, type CreateFeedbackInput } from "./schemas";

/**
 * Feedback between the teams: send (with evidence), reply, resolve, mark read. Each change in one
 * transaction with its audit_log row.
 *
 * Rules: a marketer writes to sales and a sales person to marketing (leadership and admin write
 * to either, as "joint"). The first reply by someone other than the author's side answers an open
 * item (status answered, first_response_at set: the response time leadership sees). The author,
 * the receiving team, leadership or admin may resolve it.
 */
export type Actor = { id: number; role: Role };

const MESSAGES = {
  notFound: "This feedback no longer exists.",
  ownTeam: "Send feedback to the other team.",
  unknownRecord: "invalid_evidence",
  forbidden: "Only the author, the receiving team or leadership can resolve this feedback.",
} as const;

const RECORD_TABLE = { lead: ["leads", "lead_id"], deal: ["deals", "deal_id"], asset: ["content_assets", "asset_id"], campaign: ["campaigns", "campaign_id"] } as const;

export async function createFeedback(db: Db, actor: Actor, raw: CreateFeedbackInput): Promise<{ id: number }> {
  const input = createFeedbackSchema.parse(raw);
  const fromTeam = teamOf(actor.role) ?? "joint";
  if (fromTeam === input.toTeam) throw new DomainError("invalid", MESSAGES.ownTeam, { field: "toTeam", key: "own_team" });
  if (input.evidenceKind !== "view") {
    const [table, column] = RECORD_TABLE[input.evidenceKind];
    const rows = await db.execute(sql`select 1 from ${sql.identifier(table)} where ${sql.identifier(column)} = ${input.evidenceRef} limit 1`);
    if ([...rows].length === 0) throw new DomainError("invalid", MESSAGES.unknownRecord, { field: "evidenceRef" });
  }
  const at = now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(teamFeedback)
      .values({ ...input, fromTeam, authorId: actor.id, createdAt: at, lastActivityAt: at })
      .returning({ id: teamFeedback.id });
    await tx.insert(teamFeedbackReads).values({ feedbackId: row!.id, userId: actor.id, readAt: at });
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "team_feedback", action: "create", entityId: row!.id, after: { ...input, fromTeam } });
    return { id: row!.id };
  });
}

export async function replyFeedback(db: Db, actor: Actor, raw: unknown): Promise<{ id: number }> {
  const input = replySchema.parse(raw);
  const at = now();
  await db.transaction(async (tx) => {
    const [f] = await tx.select().from(teamFeedback).where(eq(teamFeedback.id, input.id)).for("update");
    if (!f) throw new DomainError("not_found", MESSAGES.notFound);
    await tx.insert(teamFeedbackMessages).values({ feedbackId: f.id, authorId: actor.id, body: input.body, createdAt: at });
    const fromOtherSide = actor.id !== f.authorId && (teamOf(actor.role) ?? "joint") !== f.fromTeam;
    const answers = fromOtherSide && f.status === "open";
    await tx
      .update(teamFeedback)
      .set({ lastActivityAt: at, ...(answers ? { status: "answered", firstResponseAt: f.firstResponseAt ?? at } : {}) })
      .where(eq(teamFeedback.id, f.id));
    await tx
      .insert(teamFeedbackReads)
      .values({ feedbackId: f.id, userId: actor.id, readAt: at })
      .onConflictDoUpdate({ target: [teamFeedbackReads.feedbackId, teamFeedbackReads.userId], set: { readAt: at } });
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "team_feedback", action: "reply", entityId: f.id, after: { body: input.body, status: answers ? "answered" : f.status } });
  });
  return { id: input.id };
}

export async function resolveFeedback(db: Db, actor: Actor, raw: unknown): Promise<{ id: number }> {
  const input = feedbackIdSchema.parse(raw);
  const at = now();
  await db.transaction(async (tx) => {
    const [f] = await tx.select().from(teamFeedback).where(eq(teamFeedback.id, input.id)).for("update");
    if (!f) throw new DomainError("not_found", MESSAGES.notFound);
    const allowed = actor.id === f.authorId || teamOf(actor.role) === f.toTeam || actor.role === "leadership" || actor.role === "admin";
    if (!allowed) throw new DomainError("forbidden", MESSAGES.forbidden);
    if (f.status === "resolved") return;
    await tx.update(teamFeedback).set({ status: "resolved", resolvedAt: at, lastActivityAt: at }).where(eq(teamFeedback.id, f.id));
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "team_feedback", action: "resolve", entityId: f.id, before: { status: f.status }, after: { status: "resolved" } });
  });
  return { id: input.id };
}

/** Records that `userId` has read the thread now (not a change by the user: not audit-logged). */
export async function markRead(db: Db, feedbackId: number, userId: number): Promise<void> {
  const at = now();
  await db
    .insert(teamFeedbackReads)
    .values({ feedbackId, userId, readAt: at })
    .onConflictDoUpdate({ target: [teamFeedbackReads.feedbackId, teamFeedbackReads.userId], set: { readAt: at } });
}
