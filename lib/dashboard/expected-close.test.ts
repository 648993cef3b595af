import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { importFolder, type ImportReport } from "@/lib/import";
import { buildContext } from "@/lib/kpi";
import { loadRecords } from "./records";
import { parseRecordQuery } from "./records-spec";

/**
 * deals.expected_close_on from the canonical CSV to the open-deals table (data-contract.md §1:
 * "expected_close_on (date, open deals)"; docs/import-format.md "Rules across columns").
 * Decision: the column is stored as given on every deal, open or closed — it is not an error on
 * a closed deal, and is not dropped either: a deal closed after as_of was open at as_of, and a
 * report as of then shows the expected close date it had (CRM exports keep the field after the
 * close). Reports read it only for the deals open at as_of. A deal without primary_lead_id and a
 * lead of source `unknown` import too.
 */
const dir = mkdtempSync(join(tmpdir(), "alignboard-expected-close-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEADS = `lead_id,email,created_at,source_channel
L1,l1@example.test,2025-01-02T00:00:00Z,unknown
L2,l2@example.test,2025-01-02T00:00:00Z,Paid Search
`;
const DEALS = `deal_id,name,primary_lead_id,amount,created_at,stage,closed_at,expected_close_on
O1,Open one,L1,100,2025-01-10T00:00:00Z,proposal,,2025-05-01
O2,Open without a contact,,200,2025-01-11T00:00:00Z,negotiation,,2025-04-01
O3,Open without a date,L2,300,2025-01-12T00:00:00Z,discovery,,
C1,Closed later,L2,400,2025-01-13T00:00:00Z,closed_won,2025-03-01T00:00:00Z,2025-02-15
B1,Bad date,L2,500,2025-01-14T00:00:00Z,proposal,,2025-02-30
`;

describeDb("expected close date: canonical import to the open-deals table", (t) => {
  let report: ImportReport;
  beforeAll(async () => {
    writeFileSync(join(dir, "leads.csv"), LEADS);
    writeFileSync(join(dir, "deals.csv"), DEALS);
    report = await importFolder(t().conn.db, dir);
  });

  it("stores an open deal's expected_close_on, keeps a closed deal's, rejects a bad date naming the column", async () => {
    const deals = report.files.find((f) => f.file === "deals.csv")!;
    expect([deals.inserted, deals.rejected]).toEqual([4, 1]);
    expect(report.errors.map((e) => [e.file, e.line, e.column])).toEqual([["deals.csv", 6, "expected_close_on"]]);
    const rows = await t().conn.sql.unsafe<{ deal_id: string; primary_lead_id: string | null; expected_close_on: string | null }[]>(
      "select deal_id, primary_lead_id, expected_close_on::text as expected_close_on from deals order by deal_id",
    );
    expect(rows.map((r) => [r.deal_id, r.primary_lead_id, r.expected_close_on])).toEqual([
      ["C1", "L2", "2025-02-15"],
      ["O1", "L1", "2025-05-01"],
      ["O2", null, "2025-04-01"],
      ["O3", "L2", null],
    ]);
    const leads = await t().conn.sql.unsafe<{ source_channel: string }[]>("select source_channel::text as source_channel from leads order by lead_id");
    expect(leads.map((l) => l.source_channel)).toEqual(["unknown", "paid_search"]);
  });

  it("the open deals at as_of show it, overdue when it is before as_of's date", async () => {
    const { db } = t().conn;
    const q = parseRecordQuery(new URLSearchParams({ kpi: "open_deals", sort: "deal_id" }));
    if (!q.ok) throw new Error(q.message);
    const at = async (asOf: string) => {
      const ctx = await buildContext(db, { from: "2025-01-01", to: "2025-03-31", asOf: new Date(asOf) });
      return (await loadRecords(db, ctx, q.query)).rows.map((r) => [r.deal_id, r.expected_close_on, r.overdue]);
    };
    expect(await at("2025-04-15T00:00:00Z")).toEqual([
      ["O1", "2025-05-01", false],
      ["O2", "2025-04-01", true],
      ["O3", null, null],
    ]);
    // As of 2025-02-20 C1 (closed 2025-03-01) was still open, and past its expected close of 2025-02-15.
    expect(await at("2025-02-20T00:00:00Z")).toEqual([
      ["C1", "2025-02-15", true],
      ["O1", "2025-05-01", false],
      ["O2", "2025-04-01", false],
      ["O3", null, null],
    ]);
  });
});
