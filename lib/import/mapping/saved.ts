import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { MappingDefinition } from "./contract";

/**
 * Saved import mappings (issue 14 item 5; import_mappings): one per name (case-insensitive) for
 * this organisation, reused by the next analysis (`savedName`) and by `npm run import --
 * --mapping NAME`. Saving is versioned (a stale `expectedVersion` is refused) and audited.
 */
export interface SavedMapping {
  id: number;
  name: string;
  crm: string;
  definition: MappingDefinition;
  version: number;
  updatedAt: string;
}

export class MappingError extends Error {
  constructor(
    message: string,
    readonly field: "name" | "definition" | "version",
  ) {
    super(message);
  }
}

const record = z.record(z.string(), z.string());
/** The shape a definition must have (stored JSON and form input alike). */
export const mappingDefinitionSchema = z.object({
  crm: z.enum(["hubspot", "salesforce", "canonical"]),
  dateOrder: z.enum(["mdy", "dmy", "ymd"]),
  columns: z.record(z.string(), record),
  values: z.object({ stage: record.optional(), source: record.optional(), owner: record.optional() }),
});

type Row = { id: number; name: string; crm: string; definition: unknown; version: number; updated_at: Date };
const toSaved = (r: Row): SavedMapping => ({
  id: r.id,
  name: r.name,
  crm: r.crm,
  definition: mappingDefinitionSchema.parse(r.definition) as MappingDefinition,
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Every saved mapping, most recently changed first. */
export async function listMappings(db: Db): Promise<SavedMapping[]> {
  const rows = await db.$client.unsafe<Row[]>("select id, name, crm, definition, version, updated_at from import_mappings order by updated_at desc, id desc");
  return rows.map(toSaved);
}

/** One saved mapping by name (case-insensitive), or null. */
export async function getMapping(db: Pick<Db, "$client">, name: string): Promise<SavedMapping | null> {
  const [row] = await db.$client.unsafe<Row[]>("select id, name, crm, definition, version, updated_at from import_mappings where lower(name) = lower($1)", [name.trim()]);
  return row ? toSaved(row) : null;
}

/**
 * Creates or updates the mapping `name`. `expectedVersion`: the version the editor loaded (null:
 * it must be new; undefined: no check). Returns the stored mapping.
 */
export async function saveMapping(
  db: Db,
  input: { name: string; definition: MappingDefinition; expectedVersion?: number | null },
  actor: { userId?: number | null; label?: string },
): Promise<SavedMapping> {
  const name = input.name.trim();
  if (name === "" || name.length > 100) throw new MappingError("name: give the mapping a name of 1 to 100 characters", "name");
  const parsed = mappingDefinitionSchema.safeParse(input.definition);
  if (!parsed.success) throw new MappingError(`definition: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`, "definition");
  const definition = JSON.stringify(parsed.data);
  return db.transaction(async (tx) => {
    const [before] = (await tx.execute(sql`select id, version, definition from import_mappings where lower(name) = lower(${name}) for update`)) as unknown as {
      id: number;
      version: number;
      definition: unknown;
    }[];
    if (input.expectedVersion !== undefined && (before?.version ?? null) !== input.expectedVersion) {
      throw new MappingError(`the mapping "${name}" was changed by someone else meanwhile (version ${before?.version ?? "none"}); reload it and try again`, "version");
    }
    const uid = actor.userId ?? null;
    const [row] = (await tx.execute(
      before
        ? sql`update import_mappings set crm = ${parsed.data.crm}, definition = ${definition}::jsonb, version = version + 1, updated_by = ${uid}, updated_at = now()
              where id = ${before.id} returning id, name, crm, definition, version, updated_at`
        : sql`insert into import_mappings (name, crm, definition, created_by, updated_by) values (${name}, ${parsed.data.crm}, ${definition}::jsonb, ${uid}, ${uid})
              returning id, name, crm, definition, version, updated_at`,
    )) as unknown as Row[];
    await recordAudit(tx, {
      actor: { userId: uid, label: actor.label ?? null },
      entity: "import_mapping",
      action: before ? "update" : "create",
      entityId: row!.id,
      ...(before ? { before: { version: before.version, definition: before.definition } } : {}),
      after: { name, version: row!.version, definition: parsed.data },
    });
    return toSaved(row!);
  });
}
