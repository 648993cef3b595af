import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { importFolder } from "@/lib/import";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR as TINY } from "@/lib/testing/fixtures";

/**
 * kpi_lead_facts (db/schema/kpi.ts) is a summary the KPI engine reads instead of per-MQL
 * look-ups. It must always equal what it summarises: after an import, after a re-import that
 * changes leads and moves / re-times / adds sales activities, and after deletes.
 */
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>, from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-facts-"));
  temps.push(dir);
  if (from) cpSync(from, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The facts as stored, and as computed from scratch from leads and sales_activities. */
async function storedAndExpected(sql: postgres.Sql): Promise<{ stored: unknown[]; expected: unknown[] }> {
  const cols = `lead_id, created_at::text, mql_at::text, sql_at::text, rejected_at::text, owner_email,
                source_channel::text, account_id, first_activity_at::text`;
  const stored = await sql.unsafe(`select ${cols} from kpi_lead_facts order by lead_id`);
  const expected = await sql.unsafe(
    `select ${cols} from (
       select l.lead_id, l.created_at, l.mql_at, l.sql_at, l.rejected_at, l.owner_email, l.source_channel, l.account_id,
              (select min(sa.occurred_at) from sales_activities sa
                where sa.lead_id = l.lead_id and sa.occurred_at >= l.mql_at) as first_activity_at
         from leads l where l.mql_at is not null or l.sql_at is not null) x
      order by lead_id`,
  );
  return { stored: [...stored], expected: [...expected] };
}

async function firstActivity(sql: postgres.Sql, lead: string): Promise<string | null> {
  const [r] = await sql.unsafe<{ t: string | null }[]>(
    "select first_activity_at::text as t from kpi_lead_facts where lead_id = $1",
    [lead],
  );
  return r?.t ?? null;
}

describeDb("kpi_lead_facts summary", (t) => {
  it("matches leads and sales activities after an import, a re-import with changed rows, and deletes", async () => {
    const { db, sql } = t().conn;
    await importFolder(db, TINY);
    let s = await storedAndExpected(sql);
    expect(s.stored.length).toBeGreaterThan(0);
    expect(s.stored).toEqual(s.expected);
    // SA1 (L002, 2025-01-13 10:15) is L002's first activity after its MQL (2025-01-10 16:00).
    expect(await firstActivity(sql, "L002")).toBe("2025-01-13 10:15:00+00");

    // Re-import with changed rows: L002's mql_at moves after SA1 (so SA1 no longer counts),
    // L003 becomes an MQL, SA1 moves from L002 to L003, SA2 is re-timed, SA99 is added to L002.
    const leads = readFileSync(join(TINY, "leads.csv"), "utf8")
      .replace(
        "L002,ben@contoso.example,Ben,Carter,A2,2024-12-02T10:00:00Z,webinar,C-WEB1,rita@alignboard.example,2025-01-10T16:00:00Z",
        "L002,ben@contoso.example,Ben,Carter,A2,2024-12-02T10:00:00Z,webinar,C-WEB1,rita@alignboard.example,2025-01-13T11:00:00Z",
      )
      .replace(
        "L003,cleo@contoso.example,Cleo,Diaz,A2,2024-12-15T09:00:00Z,paid_search,C-PPC1,omar@alignboard.example,,",
        "L003,cleo@contoso.example,Cleo,Diaz,A2,2024-12-15T09:00:00Z,paid_search,C-PPC1,omar@alignboard.example,2025-01-02T09:00:00Z,",
      );
    const activities = readFileSync(join(TINY, "sales_activities.csv"), "utf8")
      .replace("SA1,L002,2025-01-13T10:15:00Z", "SA1,L003,2025-01-13T10:15:00Z")
      .replace("SA2,L005,2025-01-20T14:30:00Z", "SA2,L005,2025-01-21T08:00:00Z")
      .concat("SA99,L002,2025-01-14T09:00:00Z,email,rita@alignboard.example\n");
    expect(leads).toContain("2025-01-13T11:00:00Z");
    expect(activities).toContain("SA1,L003");
    const report = await importFolder(
      db,
      folder({ "leads.csv": leads, "sales_activities.csv": activities }, TINY),
    );
    expect(report.files.find((f) => f.file === "leads.csv")?.updated).toBe(2);
    expect(report.files.find((f) => f.file === "sales_activities.csv")?.updated).toBe(2);
    s = await storedAndExpected(sql);
    expect(s.stored).toEqual(s.expected);
    expect(await firstActivity(sql, "L002")).toBe("2025-01-14 09:00:00+00");
    expect(await firstActivity(sql, "L003")).toBe("2025-01-13 10:15:00+00");

    // Deletes (no importer path deletes, but the summary must not keep stale rows).
    await sql.unsafe("delete from sales_activities where activity_id = 'SA99'");
    s = await storedAndExpected(sql);
    expect(s.stored).toEqual(s.expected);
    expect(await firstActivity(sql, "L002")).toBeNull();
    for (const table of ["content_usage", "sales_activities", "touchpoints", "deal_contacts", "lead_feedback", "deals", "leads"]) {
      await sql.unsafe(`delete from ${table}`);
    }
    expect((await storedAndExpected(sql)).stored).toEqual([]);
  });
});
