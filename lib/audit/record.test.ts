import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { recordAudit } from "./record";

const ROOT = resolve(import.meta.dirname, "../..");
const WRITER = "lib/audit/record.ts";

/** Every source file of the project (code and SQL), as paths relative to the root. */
function sourceFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs|cjs|sql)$/.test(entry.name)) out.push(relative(ROOT, path));
  }
  return out;
}

/** Writes to audit_log: through Drizzle's table object, or in SQL. */
const WRITES = [
  /\.\s*(insert|update|delete)\(\s*auditLog\b/,
  /\b(insert\s+into|update|delete\s+from)\s+(["`]?public["`]?\.)?["`]?audit_log\b/i,
];

describe("audit_log", () => {
  it(`is written only by ${WRITER} (recordAudit)`, () => {
    const files = sourceFiles();
    expect(files).toContain(WRITER);
    const writers = files.filter((file) => {
      const text = readFileSync(join(ROOT, file), "utf8");
      return WRITES.some((re) => re.test(text));
    });
    expect(writers).toEqual([WRITER]);
  });
});

describeDb("recordAudit", (t) => {
  it("appends one row with the actor, entity, action and states", async () => {
    const db = t().conn.db;
    await db.transaction((tx) =>
      recordAudit(tx, {
        actor: { label: "test" },
        entity: "settings",
        action: "update",
        entityId: "1",
        before: { currency: "USD" },
        after: { currency: "EUR" },
      }),
    );
    await recordAudit(db, { actor: { label: "cli" }, entity: "import", action: "import", entityId: 7, after: { status: "succeeded" } });
    const rows = await db.select().from(auditLog).where(eq(auditLog.actorLabel, "test"));
    expect(rows).toEqual([
      expect.objectContaining({
        actorUserId: null,
        actorApiKeyId: null,
        actorLabel: "test",
        entity: "settings",
        action: "update",
        entityId: "1",
        before: { currency: "USD" },
        after: { currency: "EUR" },
      }),
    ]);
    const [run] = await db.select().from(auditLog).where(eq(auditLog.entity, "import"));
    expect(run).toMatchObject({ entityId: "7", before: null, after: { status: "succeeded" } });
  });
});
