import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ROLES, type Role } from "@/lib/enums";

/**
 * API keys for the read API (docs/api.md). A key is `ab_live_` + 32 random bytes in
 * base64url; only its SHA-256 (hex) is stored, with the first 8 characters after `ab_live_`
 * as a prefix to recognise it in lists. The key itself is shown once, at creation.
 */
export const API_KEY_PREFIX = "ab_live_";
const KEY_PATTERN = /^ab_live_[A-Za-z0-9_-]{43}$/;
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyIdentity = { id: number; name: string; role: Role };
export type Actor = { userId?: number | null; label?: string | null };

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(200, { message: "must be at most 200 characters" }),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
});

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export async function createApiKey(
  db: Db,
  input: { name: string; role: Role | string; createdBy?: number | null },
  actor: Actor = {},
): Promise<{ id: number; key: string; prefix: string }> {
  const data = apiKeyInputSchema.parse({ name: input.name, role: input.role });
  const secret = randomBytes(32).toString("base64url");
  const key = `${API_KEY_PREFIX}${secret}`;
  const prefix = secret.slice(0, 8);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name: data.name, role: data.role, prefix, keyHash: hashApiKey(key), createdBy: input.createdBy ?? null })
      .returning();
    if (!row) throw new Error("API key was not saved");
    await recordAudit(tx, {
      actor: { userId: actor.userId ?? input.createdBy ?? null, label: actor.label },
      action: "create",
      entity: "api_key",
      entityId: row.id,
      before: null,
      after: { id: row.id, name: row.name, role: row.role, prefix: row.prefix },
    });
    return { id: row.id, key, prefix };
  });
}

/** The active key's identity, or null for a malformed, unknown or revoked key. */
export async function verifyApiKey(db: Db, key: string, now: Date = new Date()): Promise<ApiKeyIdentity | null> {
  const candidate = key.trim();
  if (!KEY_PATTERN.test(candidate)) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(candidate)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { id: row.id, name: row.name, role: row.role };
}

export type RevokeResult = "revoked" | "already_revoked" | "not_found";

export async function revokeApiKey(db: Db, id: number, actor: Actor = {}): Promise<RevokeResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).for("update");
    if (!before) return "not_found";
    if (before.revokedAt) return "already_revoked";
    const [after] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiKeys.id, id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: "revoke",
      entity: "api_key",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: after?.revokedAt ?? null },
    });
    return "revoked";
  });
}

export type ApiKeyListItem = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Every key, newest first (never the hash). */
export async function listApiKeys(db: Db): Promise<ApiKeyListItem[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
