import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import { afterAll, beforeEach, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_BAD_ROWS_DIR as BAD, TINY_DIR as TINY } from "@/lib/testing/fixtures";
import { formatError, importFolder, type ImportReport } from "./index";

const TABLES = [
  "team_members",
  "campaigns",
  "accounts",
  "leads",
  "touchpoints",
  "deals",
  "deal_contacts",
  "sales_activities",
  "content_assets",
  "content_usage",
] as const;

const TINY_COUNTS = {
  team_members: 3,
  campaigns: 3,
  accounts: 6,
  leads: 11,
  touchpoints: 20,
  deals: 8,
  deal_contacts: 3,
  sales_activities: 6,
  content_assets: 4,
  content_usage: 6,
};

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp folder with the given files (content by name), optionally starting from a fixture. */
function folder(files: Record<string, string>, from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-import-"));
  temps.push(dir);
  if (from) cpSync(from, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function counts(sql: postgres.Sql): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await sql.unsafe(`select count(*)::int as n from ${t}`))[0]!.n);
  return out;
}

const file = (r: ImportReport, name: string) => r.files.find((f) => f.file === name)!;

describeDb("importer", (t) => {
  beforeEach(async () => {
    const { sql } = t().conn;
    await sql.unsafe(`truncate ${TABLES.join(", ")} cascade`);
    await sql.unsafe("update organisation_settings set time_zone = 'UTC', currency = 'USD' where id = 1");
  });

  it("imports tiny with the right counts, then a second import changes nothing, then a changed value updates", async () => {
    const { db, sql } = t().conn;
    const first = await importFolder(db, TINY);
    expect(first.errors).toEqual([]);
    expect(first.ok).toBe(true);
    expect(await counts(sql)).toEqual(TINY_COUNTS);
    for (const f of first.files) {
      expect(f, f.file).toMatchObject({ inserted: TINY_COUNTS[f.file.replace(".csv", "") as keyof typeof TINY_COUNTS], updated: 0, unchanged: 0, rejected: 0, unknownColumns: [] });
    }
    // offsets and naive timestamps (T801 is read as UTC), numeric kept exact
    const tps = await sql.unsafe<{ id: string; at: string }[]>(
      `select touchpoint_id as id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at
       from touchpoints where touchpoint_id in ('T102', 'T107', 'T801') order by 1`,
    );
    expect(tps).toEqual([
      { id: "T102", at: "2024-12-15T09:00:00" },
      { id: "T107", at: "2025-01-20T10:00:00" },
      { id: "T801", at: "2025-03-03T11:00:00" },
    ]);
    const [d4] = await sql.unsafe<{ amount: string; stage: string }[]>("select amount, stage from deals where deal_id = 'D4'");
    expect(d4).toEqual({ amount: "25000.00", stage: "closed_lost" });

    const second = await importFolder(db, TINY);
    expect(second.ok).toBe(true);
    for (const f of second.files) {
      expect(f, f.file).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
      expect(f.unchanged, f.file).toBe(TINY_COUNTS[f.file.replace(".csv", "") as keyof typeof TINY_COUNTS]);
    }

    const leads = readFileSync(join(TINY, "leads.csv"), "utf8").replace("L003,cleo@contoso.example,Cleo,", "L003,cleo@contoso.example,Cleopatra,");
    // the same instant written with another offset is not a change
    const tp = readFileSync(join(TINY, "touchpoints.csv"), "utf8").replace("2025-01-08T14:00:00Z", "2025-01-08T15:00:00+01:00");
    const changed = folder({ "leads.csv": leads, "touchpoints.csv": tp }, TINY);
    const third = await importFolder(db, changed);
    expect(file(third, "leads.csv")).toMatchObject({ inserted: 0, updated: 1, unchanged: 10 });
    expect(file(third, "touchpoints.csv")).toMatchObject({ inserted: 0, updated: 0, unchanged: 20 });
    const [l3] = await sql.unsafe("select first_name from leads where lead_id = 'L003'");
    expect(l3!.first_name).toBe("Cleopatra");

    // the run is recorded, with one audit row per run
    const runs = await sql.unsafe("select status, source from import_runs order by id");
    expect(runs.slice(-3).map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const audits = await sql.unsafe("select count(*)::int as n from audit_log where entity = 'import'");
    expect(audits[0]!.n).toBe(runs.length);
  });

  it("tiny-bad-rows: rejects exactly the expected rows, imports everything else", async () => {
    const { db, sql } = t().conn;
    const report = await importFolder(db, BAD);
    const expected = readFileSync(join(BAD, "expected-errors.txt"), "utf8").trim().split("\n");
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(expected);
    expect(report.ok).toBe(false);
    for (const e of report.errors) expect(formatError(e)).toMatch(/^[a-z_]+\.csv:\d+: [a-z_]+: \S/);
    expect(await counts(sql)).toEqual(TINY_COUNTS);
    expect(report.files.reduce((s, f) => s + f.rejected, 0)).toBe(expected.length);
    expect(await sql.unsafe("select 1 from deals where deal_id like 'D9%'")).toHaveLength(0);
    expect(await sql.unsafe("select 1 from team_members where email like 'zoe%'")).toHaveLength(0);
    const [d2] = await sql.unsafe("select currency from deals where deal_id = 'D2'");
    expect(d2!.currency).toBe("USD");
    const [run] = await sql.unsafe("select status, summary from import_runs order by id desc limit 1");
    expect(run!.status).toBe("completed_with_errors");
    expect((run!.summary as { errorCount: number }).errorCount).toBe(expected.length);
  });

  it("--strict rolls back each file with a bad row, whole, and reports its first bad row", async () => {
    const { db, sql } = t().conn;
    await importFolder(db, TINY);
    const leads =
      readFileSync(join(BAD, "leads.csv"), "utf8").replace("L003,cleo@contoso.example,Cleo,", "L003,cleo@contoso.example,Cleopatra,");
    const dir = folder({ "leads.csv": leads }, BAD);
    const report = await importFolder(db, dir, { strict: true });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      "team_members.csv:5: team",
      "campaigns.csv:5: name",
      "accounts.csv:8: customer_since",
      "leads.csv:13: mql_at",
      "touchpoints.csv:22: lead_id",
      "deals.csv:10: closed_at",
      "deal_contacts.csv:5: deal_id",
      "sales_activities.csv:8: occurred_at",
      "content_usage.csv:8: deal_id",
    ]);
    expect(report.errors[0]!.reason).toMatch(/strict/);
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rejected: 13, rolledBack: true });
    expect(file(report, "deals.csv")).toMatchObject({ rejected: 13, rolledBack: true });
    expect(file(report, "content_assets.csv")).toMatchObject({ unchanged: 4, rejected: 0 });
    expect(file(report, "content_assets.csv").rolledBack).toBeUndefined();
    const [l3] = await sql.unsafe("select first_name from leads where lead_id = 'L003'");
    expect(l3!.first_name).toBe("Cleo");
    expect(await counts(sql)).toEqual(TINY_COUNTS);
  });

  it("BOM, header case, unknown columns, auto-created team members, duplicates, organisation time zone", async () => {
    const { db, sql } = t().conn;
    await sql.unsafe("update organisation_settings set time_zone = 'America/New_York' where id = 1");
    const dir = folder({
      "team_members.csv": "\ufeffEMAIL , Name,TEAM,shoe size\nMia@Alignboard.example,Mia Novak,Marketing,44\n",
      "Leads.csv": [
        "Lead_ID,email,created_at,source_channel,owner_email,notes",
        "L1,a@x.example,2025-01-15T09:00:00,Paid Search,New.Rep@Alignboard.example,first",
        "L2,b@x.example,2025-07-15T09:00:00Z,paid-social,,",
        'L1,a@x.example,2025-01-15T09:00:00,Paid Search,new.rep@alignboard.example,"second,',
        'with a line break"',
        "L3,c@x.example,2025-01-15T09:00:00,webinar,mia@alignboard.example,",
      ].join("\n"),
    });
    const report = await importFolder(db, dir);
    expect(report.errors).toEqual([]);
    expect(file(report, "team_members.csv")).toMatchObject({ inserted: 1, unknownColumns: ["shoe size"] });
    // L1 twice with the same values: inserted once, then unchanged (last one wins)
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 3, updated: 0, unchanged: 1, unknownColumns: ["notes"] });
    const members = await sql.unsafe("select email, name, team, role from team_members order by email");
    expect(members).toEqual([
      { email: "mia@alignboard.example", name: "Mia Novak", team: "marketing", role: "rep" },
      { email: "new.rep@alignboard.example", name: "new.rep", team: null, role: "rep" },
    ]);
    const leads = await sql.unsafe(
      `select lead_id, source_channel, owner_email, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at
       from leads order by lead_id`,
    );
    expect(leads).toEqual([
      { lead_id: "L1", source_channel: "paid_search", owner_email: "new.rep@alignboard.example", at: "2025-01-15T14:00" },
      { lead_id: "L2", source_channel: "paid_social", owner_email: null, at: "2025-07-15T09:00" },
      { lead_id: "L3", source_channel: "webinar", owner_email: "mia@alignboard.example", at: "2025-01-15T14:00" },
    ]);
    const users = await sql.unsafe("select count(*)::int as n from users");
    expect(users[0]!.n).toBe(0); // team members get no login

    // a duplicate id with other values later in the file: the last one wins, counted as an update
    const dup = folder({
      "leads.csv": "lead_id,email,created_at,source_channel\nL9,old@x.example,2025-01-01T00:00:00Z,email\nL9,new@x.example,2025-01-01T00:00:00Z,email\n",
    });
    const r2 = await importFolder(db, dup);
    expect(file(r2, "leads.csv")).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    const [l9] = await sql.unsafe("select email from leads where lead_id = 'L9'");
    expect(l9!.email).toBe("new@x.example");
  });

  it("bad input is a row error with file:line: column, never a failed file (issue 8 item 7)", async () => {
    const { db, sql } = t().conn;
    const long = "x".repeat(10_001);
    const dir = folder({
      "leads.csv": [
        "lead_id,email,created_at,source_channel,first_name",
        "L1,a@x.example,2025-01-15T09:00:00Z,webinar,Ann",
        "L2,b@x.example,2025-01-15T09:00:00Z,webinar,Bo\u0000b",
        `L3,c@x.example,2025-01-15T09:00:00Z,webinar,${long}`,
        "L4,d@x.example,2025-01-15T09:00:00Z,webinar,Dee",
        'L5,e@x.example,2025-01-15T09:00:00Z,webinar,"unclosed',
        "L6,f@x.example,2025-01-15T09:00:00Z,webinar,Fay",
      ].join("\n"),
    });
    const report = await importFolder(db, dir);
    expect(report.errors.map(formatError)).toEqual([
      "leads.csv:3: first_name: must not contain a NUL character",
      "leads.csv:4: first_name: is 10,001 characters long; a cell may be at most 10,000 characters",
      "leads.csv:6: (row): unreadable CSV record: a quoted field opened on line 6 is never closed (the file ends inside it on line 7); lines 6-7 were not imported",
    ]);
    expect(file(report, "leads.csv")).toMatchObject({ inserted: 2, rejected: 3 });
    const ids = await sql.unsafe("select lead_id from leads order by lead_id");
    expect(ids.map((r) => r.lead_id)).toEqual(["L1", "L4"]);
  });

  it("a team member rejected in this run is not created by a reference to it", async () => {
    const { db, sql } = t().conn;
    const dir = folder({
      "team_members.csv": "email,name,team\nzoe@alignboard.example,Zoe Park,finance\n",
      "leads.csv": "lead_id,email,created_at,source_channel,owner_email\nL1,a@x.example,2025-01-01T00:00:00Z,email,Zoe@alignboard.example\n",
    });
    const report = await importFolder(db, dir);
    expect(report.errors.map(formatError)).toEqual([
      expect.stringMatching(/^team_members\.csv:2: team: /),
      'leads.csv:2: owner_email: team member "zoe@alignboard.example" was rejected (team_members.csv:2)',
    ]);
    expect(await counts(sql)).toMatchObject({ team_members: 0, leads: 0 });
  });

  it("a file without a required column is not applied; a missing folder fails clearly", async () => {
    const { db, sql } = t().conn;
    const dir = folder({ "accounts.csv": "account_id,industry\nA1,software\nA2,retail\n" });
    const report = await importFolder(db, dir);
    expect(report.errors.map(formatError)).toEqual(["accounts.csv:1: name: required column missing from the header: name"]);
    expect(file(report, "accounts.csv")).toMatchObject({ inserted: 0, rejected: 2, rolledBack: true });
    expect(file(report, "leads.csv")).toMatchObject({ skipped: true });
    expect((await counts(sql)).accounts).toBe(0);
    await expect(importFolder(db, join(dir, "nope"))).rejects.toThrow(/folder not found/);
  });

  it("presets apply through the whole import", async () => {
    const { db, sql } = t().conn;
    const dir = folder({
      "leads.csv": "Record ID,Email,Create Date,Original Source\n101,ana@x.example,2025-01-10 16:00,ORGANIC_SEARCH\n",
      "deals.csv":
        "Record ID,Deal Name,Associated Contact IDs,Amount,Create Date,Deal Stage,Close Date\n" +
        "9001,Big,101,1000.50,2025-01-11 10:00,closedwon,2025-02-01 10:00\n",
    });
    const report = await importFolder(db, dir, { preset: "hubspot" });
    expect(report.errors).toEqual([]);
    const [deal] = await sql.unsafe("select deal_id, primary_lead_id, stage, amount from deals");
    expect(deal).toEqual({ deal_id: "9001", primary_lead_id: "101", stage: "closed_won", amount: "1000.50" });
  });
});
