import { beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "@/lib/import";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { tablesToAnalyze } from "./statistics";

describe("tablesToAnalyze", () => {
  it("adds the facts tables a source table feeds, once, and refuses odd names", () => {
    expect(tablesToAnalyze(["sales_activities", "leads", "deals"])).toEqual([
      "attribution_path_keys",
      "attribution_paths",
      "deals",
      "kpi_deal_facts",
      "kpi_lead_facts",
      "leads",
      "sales_activities",
    ]);
    expect(tablesToAnalyze(["sales_activities"])).toEqual(["kpi_lead_facts", "sales_activities"]);
    expect(tablesToAnalyze([])).toEqual([]);
    expect(() => tablesToAnalyze(['leads"; drop table x; --'])).toThrow();
  });
});

/**
 * After an import the planner's statistics describe the new data (issue 15 item 1): ANALYZE
 * sets pg_class.reltuples to the row count (exact for tables this small); without it the
 * freshly migrated tables would still say 0 (or -1: never analyzed).
 */
describeDb("statistics after an import", (t) => {
  beforeAll(async () => {
    await importFolder(t().conn.db, TINY_DIR);
  }, 120_000);

  it("the written tables and the lead and deal facts are analyzed", async () => {
    const rows = await t().conn.sql.unsafe<{ relname: string; reltuples: number; n: number }[]>(
      `select c.relname, c.reltuples::int as reltuples,
              case c.relname when 'leads' then (select count(*) from leads)
                             when 'kpi_lead_facts' then (select count(*) from kpi_lead_facts)
                             when 'kpi_deal_facts' then (select count(*) from kpi_deal_facts)
                             when 'deals' then (select count(*) from deals) end::int as n
         from pg_class c where c.relname in ('leads', 'kpi_lead_facts', 'kpi_deal_facts', 'deals') order by 1`,
    );
    expect(rows.map((r) => r.relname)).toEqual(["deals", "kpi_deal_facts", "kpi_lead_facts", "leads"]);
    for (const r of rows) {
      expect(r.n, r.relname).toBeGreaterThan(0);
      expect(r.reltuples, r.relname).toBe(r.n);
    }
  });

  it("and vacuumed: their pages are marked all-visible (index-only scans, no hint-bit writes on first read)", async () => {
    const rows = await t().conn.sql.unsafe<{ relname: string; relpages: number; relallvisible: number }[]>(
      `select relname, relpages, relallvisible from pg_class
        where relname in ('leads', 'kpi_lead_facts', 'kpi_deal_facts', 'deals', 'touchpoints') order by 1`,
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.relpages, r.relname).toBeGreaterThan(0);
      expect(r.relallvisible, r.relname).toBe(r.relpages);
    }
  });
});
