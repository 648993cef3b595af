import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { NO_SOURCE_DATASET } from "@/lib/testing/no-source";
import { importFolder } from "@/lib/import";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import { clearDomain, insertDataset } from "@/lib/kpi/testing";
import { KPI_INPUTS, missingInputs, SOURCE_TABLES } from "./data-inputs";
import { computeDataStatus, loadDataStatus } from "./data-status";

describe("KPI inputs", () => {
  it("names the inputs of every KPI, from the contract's tables", () => {
    expect(Object.keys(KPI_INPUTS).sort()).toEqual([...KPI_KEYS].sort());
    for (const key of KPI_KEYS) {
      expect(KPI_INPUTS[key].length, key).toBeGreaterThan(0);
      for (const table of KPI_INPUTS[key]) expect(SOURCE_TABLES).toContain(table);
    }
  });

  it("a KPI lacks exactly its inputs without records", () => {
    const only = (...tables: string[]) => (t: string) => tables.includes(t);
    expect(missingInputs("sla_compliance", only("leads"))).toEqual(["sales_activities"]);
    expect(missingInputs("marketing_influenced_revenue", only("deals", "leads"))).toEqual(["touchpoints"]);
    expect(missingInputs("content_usage_rate", only("content_assets"))).toEqual(["content_usage"]);
    expect(missingInputs("revenue", only())).toEqual(["deals"]);
    expect(missingInputs("revenue", only("deals"))).toEqual([]);
    expect(missingInputs("customer_lifetime_value", only())).toEqual(["deals", "accounts"]);
  });
});

const iso = (v: Date | string) => new Date(v).toISOString();
const dir = mkdtempSync(join(tmpdir(), "alignboard-data-status-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDb("data status: records and last import per source", (t) => {
  beforeAll(async () => {
    await clearDomain(t().conn.db);
    await t().conn.sql.unsafe("delete from import_runs");
  });

  it("nothing imported: no source has records or an import date", async () => {
    const status = await computeDataStatus(t().conn.db);
    expect(status.map((s) => s.file)).toEqual(SOURCE_TABLES.map((s) => `${s}.csv`));
    expect(status.every((s) => !s.hasData && s.lastImportedAt === null)).toBe(true);
  });

  it("rows written without an import have records but no import date; the tables left empty have none", async () => {
    const { db } = t().conn;
    await insertDataset(db, NO_SOURCE_DATASET);
    const status = await computeDataStatus(db);
    const has = Object.fromEntries(status.map((s) => [s.table, s.hasData]));
    expect(has).toEqual({
      team_members: false, campaigns: false, accounts: true, leads: true, touchpoints: true, deals: true,
      deal_contacts: true, sales_activities: false, content_assets: true, content_usage: true,
    });
    expect(status.every((s) => s.lastImportedAt === null)).toBe(true);
    // So the SLA KPI says "no data"; revenue and the content KPIs do not.
    const hasData = (table: string) => has[table] === true;
    expect(missingInputs("sla_compliance", hasData)).toEqual(["sales_activities"]);
    expect(missingInputs("content_influenced_revenue", hasData)).toEqual([]);
    expect(missingInputs("revenue", hasData)).toEqual([]);
    await db.execute(sql`delete from content_usage`);
    const withoutUsage = await computeDataStatus(db);
    const usage = (table: string) => withoutUsage.find((s) => s.table === table)?.hasData === true;
    expect(missingInputs("content_influenced_revenue", usage)).toEqual(["content_usage"]);
    expect(missingInputs("content_usage_rate", usage)).toEqual(["content_usage"]);
    await clearDomain(db);
  });

  it("the last import of each file is its latest finished run that read a good row of it, also when nothing changed", async () => {
    const { db, sql } = t().conn;
    const first = await importFolder(db, TINY_DIR);
    expect(first.ok).toBe(true);
    const [run1] = await sql.unsafe<{ at: Date | string }[]>("select finished_at as at from import_runs where id = $1", [first.runId!]);
    const after1 = await loadDataStatus(db);
    expect(after1.every((s) => s.hasData)).toBe(true);
    expect(after1.every((s) => s.lastImportedAt === iso(run1!.at))).toBe(true);

    // deals.csv alone again: every row unchanged, so no data version moves; the date does.
    copyFileSync(join(TINY_DIR, "deals.csv"), join(dir, "deals.csv"));
    const second = await importFolder(db, dir);
    expect(second.files.find((f) => f.file === "deals.csv")).toMatchObject({ inserted: 0, updated: 0 });
    const [run2] = await sql.unsafe<{ at: Date | string }[]>("select finished_at as at from import_runs where id = $1", [second.runId!]);
    expect(iso(run2!.at) >= iso(run1!.at)).toBe(true);
    const after2 = await loadDataStatus(db);
    const at = Object.fromEntries(after2.map((s) => [s.table, s.lastImportedAt]));
    expect(at.deals).toBe(iso(run2!.at));
    expect(at.leads).toBe(iso(run1!.at));
    // Served from the cache the second time, the same answer.
    expect(await loadDataStatus(db)).toEqual(after2);
  });
});
