import "server-only";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

/**
 * The one writer of audit_log ("every change made through the app": UI, API, operator
 * commands, seed and import). Services call recordAudit() inside the transaction of the change
 * it records, so the change and its audit row commit or roll back together. Nothing else
 * inserts into, updates or deletes from audit_log: lib/audit/record.test.ts greps the source
 * tree for that.
 */

/** What can be audited, and the actions recorded for each. */
export const AUDIT_ACTIONS = {
  user: ["create", "update", "set_role", "disable", "enable", "reset_password"],
  api_key: ["create", "revoke"],
  settings: ["update"],
  roadmap_item: ["create", "update", "move", "delete", "comment"],
  roadmap_column: ["create", "rename", "move", "delete"],
  import: ["import"],
  import_mapping: ["create", "update", "delete"],
  currency_rate: ["set", "delete"],
  lead_decision: ["accept", "reject"],
  content_asset: ["create", "update", "archive", "restore"],
  content_rating: ["rate"],
  content_request: ["create", "done"],
  content_feedback_request: ["create"],
  kpi_target: ["set", "clear"],
  glossary_term: ["create", "update", "approve"],
  meeting: ["create", "update", "delete", "add_action_item", "complete_action_item", "make_card"],
  team_feedback: ["create", "reply", "resolve"],
  assessment: ["create"],
} as const;
export type AuditEntity = keyof typeof AUDIT_ACTIONS;
export type AuditAction<E extends AuditEntity = AuditEntity> = (typeof AUDIT_ACTIONS)[E][number];

/** Who made the change: a signed-in user, an API key, and/or a label ("cli", "seed", an import source). */
export type AuditActor = { userId?: number | null; apiKeyId?: number | null; label?: string | null };

/** A JSON object describing the entity before or after the change (the changed fields, or a snapshot). */
export type AuditState = Record<string, unknown>;

/** One audit entry; `action` must be one of the entity's actions. */
export type AuditEntry = {
  [E in AuditEntity]: {
    actor: AuditActor;
    entity: E;
    action: AuditAction<E>;
    entityId: string | number;
    before?: AuditState | null;
    after?: AuditState | null;
  };
}[AuditEntity];

/** A database handle or an open transaction. */
export type AuditWriter = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Appends one row to audit_log, through `tx` (pass the transaction of the change itself). */
export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actor.userId ?? null,
    actorApiKeyId: entry.actor.apiKeyId ?? null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
