import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { isEmbedded } from "@/db/client";
import { describeDb } from "@/lib/testing/describe-db";
import { formatError, importFolder, type ImportReport } from "./index";
import { fileSpec } from "./specs";
import { copyBuffer, copyField, copyLine, copyText, createStage, loadStage, mergeIfComplete } from "./stage";

/**
 * The COPY staging path of the importer (lib/import/stage.ts; issue 15 item 5). The suites run
 * on both targets: on the PostgreSQL server imports go through COPY and a staging table, on
 * PGlite through the statement path; both must store the same values and report the same
 * counts and errors. On the server each import is also repeated with `copy: false`, and the
 * two stored results must be equal.
 */

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-stage-"));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const file = (r: ImportReport, name: string) => r.files.find((f) => f.file === name)!;

describe("COPY text format", () => {
  it("escapes backslash, tab, line feed and carriage return; null is \\N; the text \\N stays text", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField("")).toBe("");
    expect(copyField("plain ünïcødé 😀")).toBe("plain ünïcødé 😀");
    expect(copyField("a\tb")).toBe("a\\tb");
    expect(copyField("a\nb\r\nc")).toBe("a\\nb\\r\\nc");
    expect(copyField("C:\\temp\\new")).toBe("C:\\\\temp\\\\new");
    expect(copyField("\\N")).toBe("\\\\N");
    expect(copyField("\\.")).toBe("\\\\.");
  });

  it("writes the line, then the columns of the spec in order, tab-separated, one row per line", () => {
    const spec = fileSpec("deal_contacts.csv");
    expect(spec.columns.map((c) => c.name)).toEqual(["deal_id", "lead_id"]);
    expect(copyText(spec, [{ line: 2, values: { deal_id: "D\t1", lead_id: null } }, { line: 7, values: { deal_id: "D2", lead_id: "L\n2" } }])).toBe(
      "2\tD\\t1\t\\N\n7\tD2\tL\\n2\n",
    );
  });
});

/** Every column of the leads written by the tests, as text, by id. */
async function leadRows(sql: postgres.Sql): Promise<Record<string, unknown>[]> {
  return sql.unsafe(
    `select lead_id, email, first_name, last_name, account_id, owner_email, source_channel::text,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as created_at,
            to_char(mql_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as mql_at, rejection_reason
       from leads order by lead_id`,
  );
}

describeDb("importer staging path", (t) => {
  beforeEach(async () => {
    const { sql } = t().conn;
    await sql.unsafe("truncate team_members, campaigns, accounts, leads, kpi_lead_facts cascade");
    await sql.unsafe("update organisation_settings set time_zone = 'UTC', currency = 'USD' where id = 1");
  });

  /** Imports `dir`; on the server a second time into emptied tables with `copy: false`, and the two must store the same. */
  async function importBothWays(dir: string, opts: { batchSize?: number } = {}): Promise<ImportReport> {
    const { db, sql } = t().conn;
    const report = await importFolder(db, dir, opts);
    if (isEmbedded(db)) return report;
    const stored = await leadRows(sql);
    const facts = await sql.unsafe("select lead_id, mql_at, sql_at from kpi_lead_facts order by lead_id");
    await sql.unsafe("truncate team_members, campaigns, accounts, leads, kpi_lead_facts cascade");
    const viaStatements = await importFolder(db, dir, { ...opts, copy: false });
    expect(viaStatements.files).toEqual(report.files);
    expect(viaStatements.errors).toEqual(report.errors);
    expect(await leadRows(sql)).toEqual(stored);
    expect(await sql.unsafe("select lead_id, mql_at, sql_at from kpi_lead_facts order by lead_id")).toEqual(facts);
    return report;
  }

  it("stores tabs, line breaks, backslashes, quotes, \\N, unicode exactly; an empty cell is null, the text NULL is text", async () => {
    const { sql } = t().conn;
    const dir = folder({
      "accounts.csv": "account_id,name\nA\\1,Back\\slash Inc\n",
      "leads.csv": [
        "lead_id,email,first_name,last_name,account_id,created_at,source_channel,mql_at,rejection_reason",
        'L1,a@x.example,"Ann\tMarie","O\'Neil\nJr",A\\1,2025-01-15T09:00:00Z,webinar,2025-01-16T09:00:00Z,"C:\\temp\\new"',
        'L2,b@x.example,\\N,"say ""hi""",,2025-01-15T09:00:00Z,webinar,,"\\."',
        'L3,c@x.example,"",NULL,,2025-01-15T09:00:00Z,webinar,,"line one\r\nline two"',
        "L4,d@x.example,Zoë 😀 東京,Ørsted,,2025-01-15T09:00:00.123456Z,webinar,,",
      ].join("\n"),
    });
    const report = await importBothWays(dir);
    expect(report.errors).toEqual([]);
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(await leadRows(sql)).toEqual([
      {
        lead_id: "L1",
        email: "a@x.example",
        first_name: "Ann\tMarie",
        last_name: "O'Neil\nJr",
        account_id: "A\\1",
        owner_email: null,
        source_channel: "webinar",
        created_at: "2025-01-15T09:00:00.000000",
        mql_at: "2025-01-16T09:00:00.000000",
        rejection_reason: "C:\\temp\\new",
      },
      {
        lead_id: "L2",
        email: "b@x.example",
        first_name: "\\N",
        last_name: 'say "hi"',
        account_id: null,
        owner_email: null,
        source_channel: "webinar",
        created_at: "2025-01-15T09:00:00.000000",
        mql_at: null,
        rejection_reason: "\\.",
      },
      {
        lead_id: "L3",
        email: "c@x.example",
        first_name: null,
        last_name: "NULL",
        account_id: null,
        owner_email: null,
        source_channel: "webinar",
        created_at: "2025-01-15T09:00:00.000000",
        mql_at: null,
        rejection_reason: "line one\r\nline two",
      },
      {
        lead_id: "L4",
        email: "d@x.example",
        first_name: "Zoë 😀 東京",
        last_name: "Ørsted",
        account_id: null,
        owner_email: null,
        source_channel: "webinar",
        created_at: "2025-01-15T09:00:00.123456",
        mql_at: null,
        rejection_reason: null,
      },
    ]);
    // The statement-level trigger kept the lead facts: the one lead with an MQL date.
    expect(await sql.unsafe("select lead_id from kpi_lead_facts")).toEqual([{ lead_id: "L1" }]);
    // Importing the same file again changes nothing: every escaped value compares equal.
    const { db } = t().conn;
    const again = await importFolder(db, dir);
    expect(file(again, "leads.csv")).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it("duplicate ids within a batch and across batches: applied in file order, the last wins, each counted as what it did", async () => {
    const { sql } = t().conn;
    const row = (id: string, name: string) => `${id},${id.toLowerCase()}@x.example,${name},2025-01-01T00:00:00Z,email`;
    const dir = folder({
      "leads.csv": [
        "lead_id,email,first_name,created_at,source_channel",
        row("L1", "one"), // batch 1
        row("L2", "two"),
        row("L1", "uno"), // same batch: flushed first, then an update
        row("L3", "three"),
        row("L1", "uno"), // unchanged repeat
        row("L2", "deux"), // across batches: an update
        row("L4", "four"),
        row("L3", "three"), // unchanged
        row("L1", "eins"), // the last one wins
      ].join("\n"),
    });
    const report = await importBothWays(dir, { batchSize: 3 });
    expect(report.errors).toEqual([]);
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 4, updated: 3, unchanged: 2, rejected: 0 });
    expect((await sql.unsafe("select lead_id, first_name from leads order by lead_id")).map((r) => `${r.lead_id}=${r.first_name}`)).toEqual([
      "L1=eins",
      "L2=deux",
      "L3=three",
      "L4=four",
    ]);
  });

  it("a rejected row in the middle of a batch: the rows around it are stored, the error names its line and field", async () => {
    const { sql } = t().conn;
    const dir = folder({
      "team_members.csv": "email,name,team\nrita@alignboard.example,Rita,sales\nbad@alignboard.example,Bad,finance\n",
      "accounts.csv": "account_id,name\nA1,Acme\n",
      "leads.csv": [
        "lead_id,email,account_id,created_at,source_channel,owner_email",
        "L1,a@x.example,A1,2025-01-01T00:00:00Z,email,rita@alignboard.example",
        "L2,b@x.example,NOPE,2025-01-01T00:00:00Z,email,",
        "L3,c@x.example,A1,2025-01-01T00:00:00Z,email,new.rep@alignboard.example",
        "L4,d@x.example,,2025-01-01T00:00:00Z,email,bad@alignboard.example",
        "L5,e@x.example,,not a date,email,",
        "L6,f@x.example,A1,2025-01-01T00:00:00Z,email,",
      ].join("\n"),
    });
    const report = await importBothWays(dir, { batchSize: 10 });
    expect(report.errors.map(formatError)).toEqual([
      'team_members.csv:3: team: unknown value "finance" (expected one of: sales, marketing)',
      'leads.csv:3: account_id: unknown account "NOPE"',
      'leads.csv:5: owner_email: team member "bad@alignboard.example" was rejected (team_members.csv:3)',
      'leads.csv:6: created_at: not an ISO 8601 timestamp: "not a date"',
    ]);
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect((await sql.unsafe("select lead_id, account_id, owner_email from leads order by lead_id")).map((r) => Object.values(r).join("|"))).toEqual([
      "L1|A1|rita@alignboard.example",
      "L3|A1|new.rep@alignboard.example",
      "L6|A1|",
    ]);
    // The unknown owner of a stored row was created; the rejected member was not.
    expect((await sql.unsafe("select email from team_members order by email")).map((r) => r.email)).toEqual([
      "new.rep@alignboard.example",
      "rita@alignboard.example",
    ]);
  });

  it("a failure in the middle of a file rolls the whole file back; earlier files stay, the run is marked failed", async () => {
    const { db, sql } = t().conn;
    // A database error the row checks cannot foresee, on the 5th of 7 rows (the third batch of 2).
    await sql.unsafe(`create or replace function test_boom() returns trigger language plpgsql as $$
      begin if new.lead_id = 'BOOM' then raise exception 'boom at %', new.lead_id; end if; return new; end $$`);
    await sql.unsafe("create trigger test_boom before insert on leads for each row execute function test_boom()");
    try {
      const rows = ["L1", "L2", "L3", "L4", "BOOM", "L6", "L7"].map((id) => `${id},${id.toLowerCase()}@x.example,2025-01-01T00:00:00Z,email`);
      const dir = folder({
        "accounts.csv": "account_id,name\nA1,Acme\n",
        "leads.csv": ["lead_id,email,created_at,source_channel", ...rows].join("\n"),
      });
      await expect(importFolder(db, dir, { batchSize: 2 })).rejects.toThrow(/^leads\.csv: boom at BOOM/);
      expect(await sql.unsafe("select count(*)::int as n from leads")).toEqual([{ n: 0 }]);
      expect(await sql.unsafe("select account_id from accounts")).toEqual([{ account_id: "A1" }]);
      const [run] = await sql.unsafe("select status from import_runs order by id desc limit 1");
      expect(run!.status).toBe("failed");
    } finally {
      await sql.unsafe("drop trigger test_boom on leads");
    }
    // The connection pool is healthy afterwards: the next import runs.
    const ok = await importFolder(db, folder({ "leads.csv": "lead_id,email,created_at,source_channel\nL1,a@x.example,2025-01-01T00:00:00Z,email\n" }));
    expect(file(ok, "leads.csv")).toMatchObject({ inserted: 1 });
  });

  it("a COPY the server rejects settles with its error and rolls the transaction back (scripts/patch-postgres.mjs fix 3)", async ({ skip }) => {
    const { db, sql } = t().conn;
    if (isEmbedded(db)) skip("the embedded server does not take COPY FROM STDIN; imports use the statement path there");
    const spec = fileSpec("leads.csv");
    const good = copyBuffer(spec, [{ line: 2, values: { lead_id: "L1", email: "a@x.example", created_at: "2025-01-01T00:00:00Z", source_channel: "email" } }]);
    await expect(
      sql.begin(async (tx) => {
        await createStage(tx, spec);
        await loadStage(tx, spec, good);
        await loadStage(tx, spec, Buffer.from("3\tL2\tnot enough columns\n"));
      }),
    ).rejects.toThrow(/missing data for column/);
    // The connection went back to the pool usable, outside any transaction.
    const rows = await sql.unsafe("select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'");
    expect(rows[0]!.n).toBe(0);
    expect(await sql.unsafe("select 1 as one")).toEqual([{ one: 1 }]);
  });

  it("mergeIfComplete merges a batch whose references all exist, and writes nothing of one that misses a reference", async ({ skip }) => {
    const { db, sql } = t().conn;
    if (isEmbedded(db)) skip("the embedded server does not take COPY FROM STDIN; imports use the statement path there");
    const spec = fileSpec("leads.csv");
    await sql.unsafe("insert into accounts (account_id, name) values ('A1', 'Acme')");
    const lead = (line: number, id: string, account: string | null) => ({
      line,
      values: { lead_id: id, email: `${id.toLowerCase()}@x.example`, account_id: account, created_at: "2025-01-01T00:00:00Z", source_channel: "email", owner_email: "o@x.example" },
    });
    const missing = await sql.begin(async (tx) => {
      await createStage(tx, spec);
      await loadStage(tx, spec, copyBuffer(spec, [lead(2, "L1", "A1"), lead(3, "L2", "A9")]));
      return mergeIfComplete(tx, spec);
    });
    // A9 and the team member are missing: nothing is written, both are listed.
    expect(missing.inserted + missing.updated).toBe(0);
    expect([...missing.missing.entries()].map(([table, ids]) => [table, [...ids]]).sort()).toEqual([
      ["accounts", ["A9"]],
      ["team_members", ["o@x.example"]],
    ]);
    expect(await sql.unsafe("select count(*)::int as n from leads")).toEqual([{ n: 0 }]);

    await sql.unsafe("insert into team_members (email, name) values ('o@x.example', 'o')");
    const merged = await sql.begin(async (tx) => {
      await createStage(tx, spec);
      await loadStage(tx, spec, copyBuffer(spec, [lead(2, "L1", "A1"), lead(3, "L2", null)]));
      const first = await mergeIfComplete(tx, spec);
      // The same batch again: every row unchanged.
      return { first, again: await mergeIfComplete(tx, spec) };
    });
    expect(merged.first).toEqual({ missing: new Map(), inserted: 2, updated: 0 });
    expect(merged.again).toEqual({ missing: new Map(), inserted: 0, updated: 0 });
    expect(await sql.unsafe("select lead_id, account_id from leads order by lead_id")).toEqual([
      { lead_id: "L1", account_id: "A1" },
      { lead_id: "L2", account_id: null },
    ]);
  });

  it("copyLine is copyText one row at a time", () => {
    const spec = fileSpec("deals.csv");
    const rows = [{ line: 2, values: { deal_id: "D\t1", lead_id: null } }, { line: 7, values: { deal_id: "D2", lead_id: "L\n2" } }];
    const names = spec.columns.map((c) => c.name);
    expect(rows.map((r) => copyLine(names, r.line, r.values)).join("")).toBe(copyText(spec, rows));
  });
});
