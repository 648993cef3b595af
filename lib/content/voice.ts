import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contentAssets, contentFeedbackRequests, contentRatings, contentRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/authz/policy";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import {
  askSalesSchema,
  completeRequestSchema,
  createRequestSchema,
  rateAssetSchema,
  type AskSalesInput,
  type CompleteRequestInput,
  type CreateRequestInput,
  type RateAssetInput,
} from "./schemas";

/**
 * Sales' voice on content (issue 11): ratings of assets (useful, or not useful with a reason),
 * requests for content that does not exist (marketing marks one done by linking the asset that
 * answers it), and marketing's "ask sales" feedback requests on an asset. Every change is
 * audit-logged. Who may do what: a rating and a content request come from sales (and admins);
 * completing a request and asking sales is the content area's edit right (lib/authz/policy.ts).
 */

export type VoiceActor = { id: number; role: Role };

/** Sales speaks here: the sales role, and admins (who may act for anyone). */
export function canSpeakForSales(role: Role): boolean {
  return role === "sales" || role === "admin";
}

const forbidden = () => new DomainError("forbidden", "Only sales can do this.", { key: "sales_only" });
const assetNotFound = () => new DomainError("not_found", "This asset does not exist.", { key: "asset_not_found", field: "asset_id" });

async function assertAsset(db: Pick<Db, "select">, assetId: string): Promise<void> {
  const [row] = await db.select({ id: contentAssets.assetId }).from(contentAssets).where(eq(contentAssets.assetId, assetId));
  if (!row) throw assetNotFound();
}

/** Rates an asset (one rating per user and asset: a new one replaces the last). */
export async function rateAsset(db: Db, actor: VoiceActor, raw: RateAssetInput): Promise<void> {
  if (!canSpeakForSales(actor.role)) throw forbidden();
  const input = rateAssetSchema.parse(raw);
  await assertAsset(db, input.asset_id);
  const reason = input.useful ? null : input.reason;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contentRatings)
      .values({ assetId: input.asset_id, userId: actor.id, useful: input.useful, reason, comment: input.comment })
      .onConflictDoUpdate({
        target: [contentRatings.assetId, contentRatings.userId],
        set: { useful: input.useful, reason, comment: input.comment, updatedAt: sql`now()` },
      })
      .returning({ id: contentRatings.id });
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "content_rating",
      action: "rate",
      entityId: row?.id ?? input.asset_id,
      after: { asset_id: input.asset_id, useful: input.useful, reason, comment: input.comment },
    });
  });
}

/** Sales asks for content that does not exist yet. */
export async function createRequest(db: Db, actor: VoiceActor, raw: CreateRequestInput): Promise<number> {
  if (!canSpeakForSales(actor.role)) throw forbidden();
  const input = createRequestSchema.parse(raw);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contentRequests)
      .values({ funnelStage: input.funnel_stage, topic: input.topic, why: input.why, createdBy: actor.id })
      .returning({ id: contentRequests.id });
    if (!row) throw new Error("request not created");
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "content_request", action: "create", entityId: row.id, after: { ...input } });
    return row.id;
  });
}

/** Marketing marks a request done by linking the asset that answers it. */
export async function completeRequest(db: Db, actor: VoiceActor, raw: CompleteRequestInput): Promise<void> {
  if (!can(actor.role, "content", "edit")) throw new DomainError("forbidden", "You are not allowed to do this.");
  const input = completeRequestSchema.parse(raw);
  await assertAsset(db, input.asset_id);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contentRequests)
      .set({ status: "done", fulfilledAssetId: input.asset_id, doneBy: actor.id, doneAt: sql`now()` })
      .where(and(eq(contentRequests.id, input.request_id), eq(contentRequests.status, "open")))
      .returning({ id: contentRequests.id });
    if (!row) throw new DomainError("conflict", "This request is done already or does not exist.", { key: "request_closed" });
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "content_request",
      action: "done",
      entityId: row.id,
      before: { status: "open" },
      after: { status: "done", fulfilled_asset_id: input.asset_id },
    });
  });
}

/** Marketing asks sales for feedback on an asset (shown to sales on the content page). */
export async function askSales(db: Db, actor: VoiceActor, raw: AskSalesInput): Promise<number> {
  if (!can(actor.role, "content", "edit")) throw new DomainError("forbidden", "You are not allowed to do this.");
  const input = askSalesSchema.parse(raw);
  await assertAsset(db, input.asset_id);
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: contentFeedbackRequests.id })
      .from(contentFeedbackRequests)
      .where(and(eq(contentFeedbackRequests.assetId, input.asset_id), isNull(contentFeedbackRequests.closedAt)));
    if (open) return open.id;
    const [row] = await tx
      .insert(contentFeedbackRequests)
      .values({ assetId: input.asset_id, question: input.question, createdBy: actor.id })
      .returning({ id: contentFeedbackRequests.id });
    if (!row) throw new Error("feedback request not created");
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "content_feedback_request", action: "create", entityId: row.id, after: { ...input } });
    return row.id;
  });
}

export interface RatingRow {
  assetId: string;
  userName: string;
  useful: boolean;
  reason: string | null;
  comment: string;
  updatedAt: string;
}

export interface RatingSummary {
  useful: number;
  notUseful: number;
  /** Reasons of "not useful", most common first. */
  reasons: { reason: string; count: number }[];
}

const UTC = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** The ratings of one asset, newest first. */
export async function listRatings(db: Pick<Db, "execute">, assetId: string): Promise<RatingRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select r.asset_id, u.name as user_name, r.useful, r.reason, r.comment, ${UTC("r.updated_at")} as updated_at
      from content_ratings r join users u on u.id = r.user_id
     where r.asset_id = ${assetId}
     order by r.updated_at desc, r.id desc limit 200`);
  return rows.map((r) => ({
    assetId: String(r.asset_id),
    userName: String(r.user_name),
    useful: r.useful === true,
    reason: typeof r.reason === "string" ? r.reason : null,
    comment: String(r.comment ?? ""),
    updatedAt: String(r.updated_at),
  }));
}

/** Counts of ratings and the most common reasons: of one asset, or of the whole library (null). */
export async function ratingSummary(db: Pick<Db, "execute">, assetId: string | null): Promise<RatingSummary> {
  const where = assetId === null ? sql`true` : sql`r.asset_id = ${assetId}`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select r.useful, r.reason, count(*)::int as n from content_ratings r where ${where}
     group by r.useful, r.reason order by n desc, r.reason`);
  const out: RatingSummary = { useful: 0, notUseful: 0, reasons: [] };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.useful === true) out.useful += n;
    else {
      out.notUseful += n;
      out.reasons.push({ reason: String(r.reason), count: n });
    }
  }
  return out;
}

/** One asset's ratings: useful / not useful counts and its "not useful" reasons, most common first. */
export interface AssetRatingCounts {
  useful: number;
  notUseful: number;
  /** Reasons of the "not useful" ratings by count, descending (ties: by reason). */
  reasons: { reason: string; count: number }[];
}

/**
 * Per asset: useful / not useful counts and the most common "not useful" reasons (issue 11 item
 * 4: "marketing sees ratings per asset, the most common reasons"), for the library's rows and
 * its export, keyed by asset id. One grouped statement.
 */
export async function ratingCounts(db: Pick<Db, "execute">, assetIds: readonly string[]): Promise<Map<string, AssetRatingCounts>> {
  const out = new Map<string, AssetRatingCounts>();
  if (assetIds.length === 0) return out;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select asset_id, useful, reason, count(*)::int as n
      from content_ratings where asset_id in (${sql.join(assetIds.map((a) => sql`${a}`), sql`, `)})
     group by asset_id, useful, reason
     order by asset_id, n desc, reason`);
  for (const r of rows) {
    const id = String(r.asset_id);
    const c = out.get(id) ?? { useful: 0, notUseful: 0, reasons: [] };
    const n = Number(r.n);
    if (r.useful === true) c.useful += n;
    else {
      c.notUseful += n;
      c.reasons.push({ reason: String(r.reason), count: n });
    }
    out.set(id, c);
  }
  return out;
}

export interface ContentRequestRow {
  id: number;
  funnelStage: string | null;
  topic: string;
  why: string;
  status: "open" | "done";
  requestedBy: string | null;
  createdAt: string;
  fulfilledAssetId: string | null;
  fulfilledTitle: string | null;
}

/** Content requests: the open ones first (oldest first), then the latest done ones. */
export async function listRequests(db: Pick<Db, "execute">, opts: { limit?: number } = {}): Promise<ContentRequestRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select q.id, q.funnel_stage, q.topic, q.why, q.status, u.name as requested_by, ${UTC("q.created_at")} as created_at,
           q.fulfilled_asset_id, a.title as fulfilled_title
      from content_requests q
      left join users u on u.id = q.created_by
      left join content_assets a on a.asset_id = q.fulfilled_asset_id
     order by (q.status = 'open') desc, case when q.status = 'open' then q.created_at end asc, q.done_at desc nulls last, q.id
     limit ${opts.limit ?? 50}`);
  return rows.map((r) => ({
    id: Number(r.id),
    funnelStage: typeof r.funnel_stage === "string" ? r.funnel_stage : null,
    topic: String(r.topic),
    why: String(r.why ?? ""),
    status: r.status === "done" ? "done" : "open",
    requestedBy: typeof r.requested_by === "string" ? r.requested_by : null,
    createdAt: String(r.created_at),
    fulfilledAssetId: typeof r.fulfilled_asset_id === "string" ? r.fulfilled_asset_id : null,
    fulfilledTitle: typeof r.fulfilled_title === "string" ? r.fulfilled_title : null,
  }));
}

export interface FeedbackRequestRow {
  id: number;
  assetId: string;
  title: string;
  question: string;
  askedBy: string | null;
  createdAt: string;
  /** Ratings of the asset given since the request was made. */
  answers: number;
}

/** Open "ask sales" requests, newest first, with how many ratings came in since. */
export async function listFeedbackRequests(db: Pick<Db, "execute">, opts: { assetId?: string } = {}): Promise<FeedbackRequestRow[]> {
  const where = opts.assetId ? sql`and f.asset_id = ${opts.assetId}` : sql``;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select f.id, f.asset_id, a.title, f.question, u.name as asked_by, ${UTC("f.created_at")} as created_at,
           (select count(*)::int from content_ratings r where r.asset_id = f.asset_id and r.updated_at >= f.created_at) as answers
      from content_feedback_requests f
      join content_assets a on a.asset_id = f.asset_id
      left join users u on u.id = f.created_by
     where f.closed_at is null ${where}
     order by f.created_at desc, f.id desc limit 50`);
  return rows.map((r) => ({
    id: Number(r.id),
    assetId: String(r.asset_id),
    title: String(r.title),
    question: String(r.question ?? ""),
    askedBy: typeof r.asked_by === "string" ? r.asked_by : null,
    createdAt: String(r.created_at),
    answers: Number(r.answers),
  }));
}
