import "server-only";
import { and, eq, like, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { glossaryApprovals, glossaryTerms, glossaryTermVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/enums";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import { FUNNEL_STAGE_SLUGS } from "./constants";
import { loadTerm, type GlossaryTerm } from "./queries";
import { canApprove } from "./rules";
import {
  approveTermSchema,
  createTermSchema,
  updateTermSchema,
  type ApproveTermInput,
  type CreateTermInput,
  type UpdateTermInput,
} from "./schemas";
import { starterTerms } from "./seed-terms";

/**
 * Every change to the glossary, each in one transaction with its audit_log row.
 *
 * Concurrency: a term carries `version`; an edit or approval based on another version is refused
 * (DomainError "stale" with `{ status: "stale", term }`, the term as it is now), never applied
 * over someone else's edit — the row is locked (`for update`) while the version is compared.
 */
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Actor = { id: number; role: Role };
export type TermMutation = { status: "ok"; term: GlossaryTerm } | { status: "stale"; term: GlossaryTerm };

export const GLOSSARY_MESSAGES = {
  stale: "Someone else changed this term in the meantime. Your change was not saved; here is the term as it is now.",
  notFound: "This term no longer exists.",
  cannotApprove: "Only marketing, sales or leadership can approve a definition.",
} as const;

async function fresh(db: Pick<Db, "execute">, id: number): Promise<GlossaryTerm> {
  const term = await loadTerm(db, id);
  if (!term) throw new DomainError("not_found", GLOSSARY_MESSAGES.notFound);
  return term;
}

async function stale(db: Db, id: number): Promise<DomainError> {
  return new DomainError("stale", GLOSSARY_MESSAGES.stale, { payload: { status: "stale", term: await fresh(db, id) } });
}

/** A slug from a term's name: lower-case ASCII words joined by "-". */
export function slugify(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return s === "" ? "term" : s;
}

const RESERVED = new Set<string>([...FUNNEL_STAGE_SLUGS, ...KPI_KEYS]);

async function uniqueSlug(tx: Tx, base: string): Promise<string> {
  const rows = await tx
    .select({ slug: glossaryTerms.slug })
    .from(glossaryTerms)
    .where(or(eq(glossaryTerms.slug, base), like(glossaryTerms.slug, `${base}-%`)));
  const taken = new Set([...rows.map((r) => r.slug), ...RESERVED]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The writer's approval of the version they wrote, when they speak for a side. */
async function approveOwn(tx: Tx, actor: Actor, termId: number, version: number): Promise<void> {
  if (!canApprove(actor.role)) return;
  await tx.insert(glossaryApprovals).values({ termId, version, userId: actor.id, role: actor.role, createdAt: now() }).onConflictDoNothing();
}

/** A new business term (version 1, approved by its writer's side). */
export async function createTerm(db: Db, actor: Actor, raw: CreateTermInput): Promise<GlossaryTerm> {
  const input = createTermSchema.parse(raw);
  const id = await db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, slugify(input.term));
    const [row] = await tx
      .insert(glossaryTerms)
      .values({ slug, kind: "term", ...input, version: 1, updatedBy: actor.id, updatedAt: now() })
      .returning({ id: glossaryTerms.id });
    const termId = row!.id;
    await tx.insert(glossaryTermVersions).values({ termId, version: 1, ...input, changedBy: actor.id, changedAt: now() });
    await approveOwn(tx, actor, termId, 1);
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "glossary_term", action: "create", entityId: termId, after: { slug, ...input, version: 1 } });
    return termId;
  });
  return fresh(db, id);
}

/**
 * An edit: a new version (when anything changed), approved only by its writer's side — the
 * approvals of the previous version do not carry over. A KPI term keeps its catalogue name.
 */
export async function updateTerm(db: Db, actor: Actor, raw: UpdateTermInput): Promise<TermMutation> {
  const input = updateTermSchema.parse(raw);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(glossaryTerms).where(eq(glossaryTerms.id, input.id)).for("update");
    if (!row) throw new DomainError("not_found", GLOSSARY_MESSAGES.notFound);
    if (row.version !== input.version) return "stale" as const;
    const next = {
      term: row.kind === "kpi" ? row.term : input.term,
      definition: input.definition,
      ownerTeam: input.ownerTeam,
      examples: input.examples,
      links: input.links,
      criteria: input.criteria,
    };
    const before = { term: row.term, definition: row.definition, ownerTeam: row.ownerTeam, examples: row.examples, links: row.links, criteria: row.criteria };
    if ((Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === before[k])) return "unchanged" as const;
    const version = row.version + 1;
    await tx
      .update(glossaryTerms)
      .set({ ...next, version, updatedBy: actor.id, updatedAt: now() })
      .where(eq(glossaryTerms.id, row.id));
    await tx.insert(glossaryTermVersions).values({ termId: row.id, version, ...next, changedBy: actor.id, changedAt: now() });
    await approveOwn(tx, actor, row.id, version);
    await recordAudit(tx, {
      actor: { userId: actor.id },
      entity: "glossary_term",
      action: "update",
      entityId: row.id,
      before: { ...before, version: row.version },
      after: { ...next, version },
    });
    return "ok" as const;
  });
  if (outcome === "stale") throw await stale(db, input.id);
  return { status: "ok", term: await fresh(db, input.id) };
}

/** Approves the current version (the one the approver saw: `version`). */
export async function approveTerm(db: Db, actor: Actor, raw: ApproveTermInput): Promise<TermMutation> {
  const input = approveTermSchema.parse(raw);
  if (!canApprove(actor.role)) throw new DomainError("forbidden", GLOSSARY_MESSAGES.cannotApprove, { key: "cannot_approve" });
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(glossaryTerms).where(eq(glossaryTerms.id, input.id)).for("update");
    if (!row) throw new DomainError("not_found", GLOSSARY_MESSAGES.notFound);
    if (row.version !== input.version) return "stale" as const;
    const inserted = await tx
      .insert(glossaryApprovals)
      .values({ termId: row.id, version: row.version, userId: actor.id, role: actor.role, createdAt: now() })
      .onConflictDoNothing()
      .returning({ id: glossaryApprovals.id });
    if (inserted.length > 0) {
      await recordAudit(tx, {
        actor: { userId: actor.id },
        entity: "glossary_term",
        action: "approve",
        entityId: row.id,
        after: { version: row.version, role: actor.role },
      });
    }
    return "ok" as const;
  });
  if (outcome === "stale") throw await stale(db, input.id);
  return { status: "ok", term: await fresh(db, input.id) };
}

/**
 * Writes the starter terms (funnel stages, one per KPI) that are missing, by slug; never touches
 * an existing term, so it is idempotent and safe on every page load. Returns how many it added.
 */
export async function syncGlossary(db: Db): Promise<number> {
  const starters = starterTerms();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(glossaryTerms)
      .values(starters.map((s) => ({ ...s, version: 1, updatedAt: now() })))
      .onConflictDoNothing({ target: glossaryTerms.slug })
      .returning();
    if (inserted.length > 0) {
      await tx.insert(glossaryTermVersions).values(
        inserted.map((t) => ({
          termId: t.id,
          version: 1,
          term: t.term,
          definition: t.definition,
          ownerTeam: t.ownerTeam,
          examples: t.examples,
          links: t.links,
          criteria: t.criteria,
          changedAt: t.updatedAt,
        })),
      );
    }
    return inserted.length;
  });
}

/** The id of the term with `slug`, if any. */
export async function termIdBySlug(db: Db, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: glossaryTerms.id }).from(glossaryTerms).where(and(eq(glossaryTerms.slug, slug))).limit(1);
  return row?.id ?? null;
}
