import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { OwningTeam, Role } from "@/lib/enums";
import { escapeLike } from "@/lib/dashboard/records-spec";
import type { GlossaryKind } from "./constants";
import { diffWords, type DiffPart } from "./diff";
import { approvedSides, isAgreed } from "./rules";

/** A term as the glossary page shows it: its current version, who approved that version, agreed or not. */
export type GlossaryTerm = {
  id: number;
  slug: string;
  kind: GlossaryKind;
  term: string;
  definition: string;
  kpiKey: string | null;
  ownerTeam: OwningTeam;
  examples: string;
  links: string;
  criteria: string;
  position: number;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
  approvals: { userId: number; name: string; role: Role }[];
  agreed: boolean;
};

type Row = Omit<GlossaryTerm, "approvals" | "agreed" | "updatedAt"> & {
  updatedAt: string | Date;
  approvals: { userId: number; name: string; role: Role }[] | string;
};

function decode(row: Row): GlossaryTerm {
  const approvals = typeof row.approvals === "string" ? (JSON.parse(row.approvals) as GlossaryTerm["approvals"]) : row.approvals;
  return {
    ...row,
    id: Number(row.id),
    position: Number(row.position),
    version: Number(row.version),
    updatedAt: new Date(row.updatedAt).toISOString(),
    approvals,
    agreed: isAgreed(approvals.map((a) => a.role)),
  };
}

function termsQuery(where: ReturnType<typeof sql>) {
  return sql`
    select t.id, t.slug, t.kind, t.term, t.definition, t.kpi_key as "kpiKey", t.owner_team as "ownerTeam",
           t.examples, t.links, t.criteria, t.position, t.version, t.updated_at as "updatedAt",
           ub.name as "updatedByName",
           coalesce((select json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'role', a.role) order by a.created_at)
                       from glossary_approvals a join users u on u.id = a.user_id
                      where a.term_id = t.id and a.version = t.version), '[]'::json) as approvals
      from glossary_terms t
      left join users ub on ub.id = t.updated_by
     where ${where}
     order by case t.kind when 'stage' then 0 when 'term' then 1 else 2 end, t.position, lower(t.term), t.id`;
}

/** Every term (or those matching `q` in their name, definition, examples or criteria). */
export async function listTerms(db: Db, opts: { q?: string } = {}): Promise<GlossaryTerm[]> {
  const q = opts.q?.trim() ?? "";
  const where =
    q === ""
      ? sql`true`
      : sql`(t.term ilike ${`%${escapeLike(q)}%`} or t.definition ilike ${`%${escapeLike(q)}%`}
             or t.examples ilike ${`%${escapeLike(q)}%`} or t.criteria ilike ${`%${escapeLike(q)}%`}
             or t.slug ilike ${`%${escapeLike(q)}%`})`;
  const rows = await db.execute<Row>(termsQuery(where));
  return [...rows].map(decode);
}

export async function loadTerm(db: Pick<Db, "execute">, id: number): Promise<GlossaryTerm | null> {
  const rows = await db.execute<Row>(termsQuery(sql`t.id = ${id}`));
  const row = [...rows][0];
  return row ? decode(row) : null;
}

/** Whether each of the given slugs is an agreed term now (missing slugs: false). */
export async function agreedSlugs(db: Db, slugs: readonly string[]): Promise<Record<string, boolean>> {
  const rows = await db.execute<Row>(termsQuery(sql`t.slug in (${sql.join(slugs.map((s) => sql`${s}`), sql`, `)})`));
  const out: Record<string, boolean> = Object.fromEntries(slugs.map((s) => [s, false]));
  for (const row of rows) out[row.slug] = decode(row).agreed;
  return out;
}

/** One version of a term in its history, with what it changed against the version before. */
export type TermVersion = {
  version: number;
  term: string;
  changedAt: string;
  changedByName: string | null;
  approvals: { name: string; role: Role }[];
  agreed: boolean;
  sides: string[];
  changes: { field: "term" | "definition" | "ownerTeam" | "examples" | "links" | "criteria"; diff: DiffPart[] }[];
};

type VersionRow = {
  version: number;
  term: string;
  definition: string;
  ownerTeam: string;
  examples: string;
  links: string;
  criteria: string;
  changedAt: string | Date;
  changedByName: string | null;
  approvals: { name: string; role: Role }[] | string;
};

const FIELDS = ["term", "definition", "ownerTeam", "examples", "links", "criteria"] as const;

/** A term's versions, newest first, each with its per-field diff against the one before. */
export async function termHistory(db: Db, termId: number): Promise<TermVersion[]> {
  const rows = await db.execute<VersionRow>(sql`
    select v.version, v.term, v.definition, v.owner_team as "ownerTeam", v.examples, v.links, v.criteria,
           v.changed_at as "changedAt", u.name as "changedByName",
           coalesce((select json_agg(json_build_object('name', au.name, 'role', a.role) order by a.created_at)
                       from glossary_approvals a join users au on au.id = a.user_id
                      where a.term_id = v.term_id and a.version = v.version), '[]'::json) as approvals
      from glossary_term_versions v
      left join users u on u.id = v.changed_by
     where v.term_id = ${termId}
     order by v.version asc`);
  const list = [...rows];
  const out: TermVersion[] = list.map((row, i) => {
    const prev = i > 0 ? list[i - 1]! : null;
    const approvals = typeof row.approvals === "string" ? (JSON.parse(row.approvals) as { name: string; role: Role }[]) : row.approvals;
    const changes = FIELDS.filter((f) => (prev ? String(prev[f]) !== String(row[f]) : String(row[f]) !== "")).map((f) => ({
      field: f,
      diff: diffWords(prev ? String(prev[f]) : "", String(row[f])),
    }));
    const roles = approvals.map((a) => a.role);
    return {
      version: Number(row.version),
      term: row.term,
      changedAt: new Date(row.changedAt).toISOString(),
      changedByName: row.changedByName,
      approvals,
      agreed: isAgreed(roles),
      sides: approvedSides(roles),
      changes,
    };
  });
  return out.reverse();
}
