import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contentAssetVersions, contentAssets, teamMembers } from "@/db/schema";
import { recordAudit, type AuditWriter } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import { fileSpec } from "@/lib/import/specs";
import { mapHeader, validateRow } from "@/lib/import/validate";
import { getOrgSettings } from "@/lib/settings/org-settings";
import {
  archiveAssetSchema,
  createAssetSchema,
  updateAssetSchema,
  type ArchiveAssetInput,
  type CreateAssetInput,
  type UpdateAssetInput,
} from "./schemas";

/**
 * Marketing's edits of content assets in the app (issue 11): add, edit, archive, restore. The
 * fields are checked by the importer's own rules for content_assets.csv (lib/import: the same
 * column spec, the same parsers, the same messages' meaning), so the app accepts exactly what
 * an import accepts. Every change is audit-logged in its own transaction. Edits are optimistic:
 * each carries the version it was based on and is refused as "stale" with the asset as it is
 * now when someone else changed it in between (as on the roadmap).
 */

export type Actor = { id: number };

/** An asset as its edit form shows it. */
export interface EditableAsset {
  assetId: string;
  title: string;
  type: string;
  funnelStage: string | null;
  ownerEmail: string | null;
  publishedAt: string;
  archivedAt: string | null;
  url: string | null;
  version: number;
}

export type StaleAsset = { status: "stale"; asset: EditableAsset };
export type AssetSaved = { status: "ok"; asset: EditableAsset };

const SPEC = fileSpec("content_assets.csv");
const HEADER = SPEC.columns.map((c) => c.name);
const MAP = mapHeader(SPEC, HEADER);

/** The importer's message for a cell, as a validation code of the form (content.validation.*). */
function codeOf(column: string, reason: string): string {
  if (reason === "required value is missing") return "required";
  if (reason.includes("control characters") || reason.includes("NUL")) return "control_characters";
  return `invalid_${column}`;
}

/**
 * Validates the asset's fields with the importer's rules; throws a ZodError with one issue per
 * refused field (the action wrapper shows each at its field). Returns the canonical values.
 */
export async function validateAssetFields(db: Db, fields: Record<string, string | null>): Promise<Record<string, string | null>> {
  const settings = await getOrgSettings(db);
  const record = HEADER.map((name) => fields[name] ?? "");
  const result = validateRow(MAP, record, { timeZone: settings.timeZone, currency: settings.currency });
  if (!result.ok) {
    throw new z.ZodError(
      result.errors.map((e) => ({ code: "custom" as const, path: [e.column], message: codeOf(e.column, e.reason), input: fields[e.column] })),
    );
  }
  return result.values;
}

const UTC = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export async function getEditableAsset(db: Pick<Db, "execute">, assetId: string): Promise<EditableAsset | null> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.asset_id, a.title, a.type::text as type, a.funnel_stage::text as funnel_stage, a.owner_email, a.url,
           ${UTC("a.published_at")} as published_at, ${UTC("a.archived_at")} as archived_at,
           coalesce(v.version, 1)::int as version
      from content_assets a left join content_asset_versions v on v.asset_id = a.asset_id
     where a.asset_id = ${assetId}`);
  const r = rows[0];
  if (!r) return null;
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  return {
    assetId: String(r.asset_id),
    title: String(r.title),
    type: String(r.type),
    funnelStage: str(r.funnel_stage),
    ownerEmail: str(r.owner_email),
    publishedAt: String(r.published_at),
    archivedAt: str(r.archived_at),
    url: str(r.url),
    version: Number(r.version),
  };
}

const notFound = () => new DomainError("not_found", "This asset does not exist.", { key: "asset_not_found" });

async function stale(db: Db, assetId: string): Promise<DomainError> {
  const asset = await getEditableAsset(db, assetId);
  if (!asset) return notFound();
  const payload: StaleAsset = { status: "stale", asset };
  return new DomainError("stale", "Someone else changed this asset; here it is as it is now.", { payload });
}

/** An owner e-mail the app does not know becomes a team member without a login, as on import. */
async function ensureOwner(tx: AuditWriter, email: string | null): Promise<void> {
  if (!email) return;
  await tx.insert(teamMembers).values({ email, name: email }).onConflictDoNothing();
}

async function bumpVersion(tx: AuditWriter, assetId: string, actor: Actor, to: number): Promise<void> {
  await tx
    .insert(contentAssetVersions)
    .values({ assetId, version: to, updatedBy: actor.id })
    .onConflictDoUpdate({ target: contentAssetVersions.assetId, set: { version: to, updatedBy: actor.id, updatedAt: sql`now()` } });
}

const FIELDS = ["title", "type", "funnel_stage", "owner_email", "published_at", "url"] as const;

function snapshot(a: EditableAsset): Record<string, unknown> {
  return { title: a.title, type: a.type, funnel_stage: a.funnelStage, owner_email: a.ownerEmail, published_at: a.publishedAt, url: a.url };
}

/** Adds an asset (its id must be new). */
export async function createAsset(db: Db, actor: Actor, raw: CreateAssetInput): Promise<AssetSaved> {
  const input = createAssetSchema.parse(raw);
  const values = await validateAssetFields(db, { asset_id: input.asset_id, ...pick(input), archived_at: null });
  await db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: contentAssets.assetId }).from(contentAssets).where(eq(contentAssets.assetId, input.asset_id));
    if (exists) throw new DomainError("conflict", "An asset with this id exists already.", { key: "asset_exists", field: "asset_id" });
    await ensureOwner(tx, values.owner_email ?? null);
    await tx.insert(contentAssets).values({
      assetId: input.asset_id,
      title: values.title ?? "",
      type: values.type as typeof contentAssets.$inferInsert.type,
      funnelStage: (values.funnel_stage ?? null) as typeof contentAssets.$inferInsert.funnelStage,
      ownerEmail: values.owner_email ?? null,
      publishedAt: values.published_at ?? "",
      url: values.url ?? null,
    });
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "content_asset", action: "create", entityId: input.asset_id, after: { ...values } });
  });
  const asset = await getEditableAsset(db, input.asset_id);
  if (!asset) throw notFound();
  return { status: "ok", asset };
}

function pick(input: Record<(typeof FIELDS)[number], string>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, input[f]]));
}

/** Changes an asset's fields; refused ("stale") when `version` is not the asset's current one. */
export async function updateAsset(db: Db, actor: Actor, raw: UpdateAssetInput): Promise<AssetSaved> {
  const input = updateAssetSchema.parse(raw);
  const current = await getEditableAsset(db, input.asset_id);
  if (!current) throw notFound();
  const values = await validateAssetFields(db, { asset_id: input.asset_id, ...pick(input), archived_at: current.archivedAt });
  const outcome = await db.transaction(async (tx): Promise<"ok" | "stale"> => {
    const locked = await tx.execute<{ version: number | null }>(sql`
      select coalesce(v.version, 1)::int as version from content_assets a
        left join content_asset_versions v on v.asset_id = a.asset_id
       where a.asset_id = ${input.asset_id} for update of a`);
    const row = locked[0];
    if (!row) throw notFound();
    if (Number(row.version) !== input.version) return "stale";
    await ensureOwner(tx, values.owner_email ?? null);
    const before = snapshot(current);
    const next: Record<string, unknown> = { ...Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? null])) };
    const changed = FIELDS.filter((f) =>
      f === "published_at" ? Date.parse(String(before[f])) !== Date.parse(String(next[f])) : String(before[f] ?? "") !== String(next[f] ?? ""),
    );
    if (changed.length === 0) return "ok";
    await tx
      .update(contentAssets)
      .set({
        title: values.title ?? "",
        type: values.type as typeof contentAssets.$inferInsert.type,
        funnelStage: (values.funnel_stage ?? null) as typeof contentAssets.$inferInsert.funnelStage,
        ownerEmail: values.owner_email ?? null,
        publishedAt: values.published_at ?? "",
        url: values.url ?? null,
      })
      .where(eq(contentAssets.assetId, input.asset_id));
    await bumpVersion(tx, input.asset_id, actor, input.version + 1);
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "content_asset",
      action: "update",
      entityId: input.asset_id,
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, next[f]])),
    });
    return "ok";
  });
  if (outcome === "stale") throw await stale(db, input.asset_id);
  const asset = await getEditableAsset(db, input.asset_id);
  if (!asset) throw notFound();
  return { status: "ok", asset };
}

/** Archives an asset now (archived_at = now) or restores it (archived_at = null); versioned like an edit. */
export async function archiveAsset(db: Db, actor: Actor, raw: ArchiveAssetInput): Promise<AssetSaved> {
  const input = archiveAssetSchema.parse(raw);
  const at = now();
  const outcome = await db.transaction(async (tx): Promise<"ok" | "stale"> => {
    const locked = await tx.execute<{ version: number; archived_at: string | null }>(sql`
      select coalesce(v.version, 1)::int as version, a.archived_at::text as archived_at from content_assets a
        left join content_asset_versions v on v.asset_id = a.asset_id
       where a.asset_id = ${input.asset_id} for update of a`);
    const row = locked[0];
    if (!row) throw notFound();
    if (Number(row.version) !== input.version) return "stale";
    const archivedNow = row.archived_at !== null && new Date(row.archived_at) <= at;
    if (archivedNow === input.archive) return "ok";
    await tx
      .update(contentAssets)
      .set({ archivedAt: input.archive ? at.toISOString() : null })
      .where(eq(contentAssets.assetId, input.asset_id));
    await bumpVersion(tx, input.asset_id, actor, input.version + 1);
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "content_asset",
      action: input.archive ? "archive" : "restore",
      entityId: input.asset_id,
      before: { archived_at: row.archived_at },
      after: { archived_at: input.archive ? at.toISOString() : null },
    });
    return "ok";
  });
  if (outcome === "stale") throw await stale(db, input.asset_id);
  const asset = await getEditableAsset(db, input.asset_id);
  if (!asset) throw notFound();
  return { status: "ok", asset };
}
