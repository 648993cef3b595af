import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Test isolation: deletes the rows of `table` (optionally only those matching `where`), so a
 * test starts from a known state whatever ran before it. Test support only: product code writes
 * audit_log through recordAudit and never deletes from it.
 */
export async function deleteRows(db: Db, table: string, where?: SQL): Promise<void> {
  await db.execute(where ? sql`delete from ${sql.identifier(table)} where ${where}` : sql`delete from ${sql.identifier(table)}`);
}
