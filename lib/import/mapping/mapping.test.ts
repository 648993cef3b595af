import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type postgres from "postgres";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { readVersions } from "@/lib/cache/versions";
import { describeDb } from "@/lib/testing/describe-db";
import { CRM_FIXTURES_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "../engine";
import { detectHeader } from "./detect";
import { analyseUpload, getMapping, importUpload, listMappings, MappingError, RateError, saveMapping, setRate, type MappingDefinition } from "./index";

const CRM = CRM_FIXTURES_DIR;
const HUBSPOT = join(CRM, "hubspot");
const SF_LOADER = join(CRM, "salesforce-dataloader");
const SF_REPORT = join(CRM, "salesforce-report");
const TABLES = ["team_members", "campaigns", "accounts", "leads", "touchpoints", "deals", "deal_contacts", "import_pending_refs", "import_id_aliases", "currency_rates"];

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function folder(files: Record<string, string | Uint8Array>, from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-crm-"));
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

const UTC = (c: string) => `to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')`;
const header = (line: string) => line.split(",").map((h) => h.replace(/"/g, ""));
const detect = (file: string, name: string) => {
  const first = readFileSync(file, "utf8").split(/\r?\n/)[0]!;
  const d = detectHeader(header(first), name);
  return d.kind === "mapped" ? `${d.mapping.crm}:${d.mapping.object}:${d.mapping.target}` : d.kind;
};

describe("detection", () => {
  it("recognises every object from its header, whatever the file name", () => {
    const cases: [string, string][] = [
      ["hubspot/hubspot-crm-exports-all-contacts-2024-06-30.csv", "hubspot:contacts:leads.csv"],
      ["hubspot/hubspot-crm-exports-all-companies-2024-06-30.csv", "hubspot:companies:accounts.csv"],
      ["hubspot/hubspot-crm-exports-all-deals-2024-06-30.csv", "hubspot:deals:deals.csv"],
      ["salesforce-dataloader/extract_User.csv", "salesforce:users:team_members.csv"],
      ["salesforce-dataloader/extract_Campaign.csv", "salesforce:campaigns:campaigns.csv"],
      ["salesforce-dataloader/extract_Account.csv", "salesforce:companies:accounts.csv"],
      ["salesforce-dataloader/extract_Lead.csv", "salesforce:contacts:leads.csv"],
      ["salesforce-dataloader/extract_Contact.csv", "salesforce:contacts:leads.csv"],
      ["salesforce-dataloader/extract_Opportunity.csv", "salesforce:deals:deals.csv"],
      ["salesforce-dataloader/extract_OpportunityContactRole.csv", "salesforce:deal_contacts:deal_contacts.csv"],
      ["salesforce-dataloader/extract_CampaignMember.csv", "salesforce:campaign_members:touchpoints.csv"],
      ["salesforce-report/report1719751299999.csv", "salesforce:deals:deals.csv"],
    ];
    for (const [file, expected] of cases) {
      expect(detect(join(CRM, file), file.split("/")[1]!), file).toBe(expected);
      expect(detect(join(CRM, file), "export (3).csv"), `${file} renamed`).toBe(expected);
    }
    const id = (h: string[], name = "x.csv") => {
      const d = detectHeader(h, name);
      return d.kind === "mapped" ? d.mapping.id : d.kind;
    };
    expect(id(["Id", "Username", "Email"])).toBe("salesforce.dataloader.user");
    expect(id(["Email", "First Name", "Last Name", "User ID", "Teams"], "users.csv")).toBe("hubspot.users");
    expect(id(["Lead ID", "First Name", "Last Name", "Email", "Lead Source", "Lead Owner", "Create Date"], "report1719751299999.csv")).toBe("salesforce.report.leads");
    expect(id(["Contact Owner", "Contact ID", "First Name", "Last Name", "Email", "Account Name", "Created Date"])).toBe("salesforce.report.contacts");
    expect(id(["Account Owner", "Account Name", "Account ID", "Industry", "Billing Country"])).toBe("salesforce.report.accounts");
    expect(id(["Campaign Name", "Campaign ID", "Type", "Start Date", "End Date", "Actual Cost"])).toBe("salesforce.report.campaigns");
    expect(detectHeader(["ID", "STAGENAME"], "x.csv")).toMatchObject({ kind: "mapped", mapping: { id: "salesforce.dataloader.opportunity" } });
    expect(detectHeader(["lead_id", "email", "created_at", "source_channel"], "whatever.csv").kind).toBe("canonical");
    expect(detectHeader(["foo", "bar"], "leads.csv").kind).toBe("none");
  });
});

describeDb("mapping layer", (t) => {
  beforeEach(async () => {
    const { sql } = t().conn;
    await sql.unsafe(`truncate ${TABLES.join(", ")} cascade`);
    await sql.unsafe("update organisation_settings set time_zone = 'UTC', currency = 'USD' where id = 1");
  });

  it("imports the HubSpot export folder: open deals keep their close date, flags decide won/lost, open pipeline is right", async () => {
    const { db, sql } = t().conn;
    const r = await importUpload(db, HUBSPOT);
    expect(r.unrecognised).toEqual([]);
    expect(r.errorGroups).toEqual([]);
    const c = await counts(sql);
    expect(c).toMatchObject({ leads: 6, accounts: 3, deals: 6, deal_contacts: 1, import_pending_refs: 1 });
    const deals = await sql.unsafe<{ deal_id: string; stage: string; amount: string; expected_close_on: string | null; primary_lead_id: string | null; created_at: string }[]>(
      `select deal_id, stage::text, amount::text, expected_close_on::text, primary_lead_id, ${UTC("created_at")} as created_at from deals order by deal_id`,
    );
    expect(deals.map((d) => [d.deal_id, d.stage, d.amount, d.expected_close_on, d.primary_lead_id])).toEqual([
      ["7001", "closed_won", "85000.00", null, "51"],
      ["7002", "closed_lost", "12000", null, "54"],
      ["7003", "discovery", "40000.00", "2024-08-30", "55"],
      ["7004", "negotiation", "25500.50", "2024-07-15", null],
      ["7005", "closed_won", "5000", null, "51"],
      ["7006", "qualification", "0", "2024-09-15", null],
    ]);
    // close before create: a warning, the deal counted as created at its close
    expect(deals[4]!.created_at).toBe("2024-01-05T00:00");
    const [sums] = await sql.unsafe<{ open: string; won: string }[]>(
      "select sum(amount) filter (where stage in ('qualification','discovery','proposal','negotiation'))::text as open, sum(amount) filter (where stage = 'closed_won')::text as won from deals",
    );
    expect(sums).toEqual({ open: "65500.50", won: "90000.00" });
    const leads = await sql.unsafe<{ lead_id: string; source_channel: string; account_id: string; mql_at: Date | null }[]>("select lead_id, source_channel::text, account_id, mql_at from leads order by lead_id");
    expect(leads.map((l) => l.source_channel)).toEqual(["organic_search", "paid_search", "unknown", "unknown", "organic_social", "email"]);
    expect(await sql.unsafe("select deal_id, lead_id from deal_contacts")).toEqual([{ deal_id: "7001", lead_id: "52" }]);
    const warn = (reason: RegExp) => r.warnings.find((w) => reason.test(w.reason));
    expect(warn(/before the create date/)).toMatchObject({ column: "Close Date", count: 1, rows: [6] });
    expect(warn(/no amount/)).toMatchObject({ column: "Amount", rows: [7] });
    expect(warn(/lead "57" is not in this upload/)).toMatchObject({ column: "Associated Contact IDs", rows: [7] });
    expect(warn(/owner not found/)).toMatchObject({ column: "Contact owner" });

    // The missing contact arrives later (here as a contract file): the kept reference resolves.
    const later = folder({ "leads.csv": "lead_id,email,created_at,source_channel\n57,gus@fabrikam.example,2024-04-20T10:00:00Z,referral\n" });
    const r2 = await importFolder(db, later);
    expect(r2.resolvedReferences).toBe(1);
    expect((await sql.unsafe("select primary_lead_id from deals where deal_id = '7006'"))[0]).toEqual({ primary_lead_id: "57" });
    expect((await counts(sql)).import_pending_refs).toBe(0);
  });

  it("the dry run changes nothing and reports what the import would do", async () => {
    const { db, sql } = t().conn;
    const before = await counts(sql);
    const versions = await readVersions(sql);
    const [runs] = await sql.unsafe<{ n: number }[]>("select count(*)::int as n from import_runs");
    const dry = await importUpload(db, HUBSPOT, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.files.find((f) => f.target === "deals.csv")).toMatchObject({ inserted: 6, rejected: 0 });
    expect(dry.files.find((f) => f.target === "leads.csv")).toMatchObject({ inserted: 6 });
    expect(await counts(sql)).toEqual(before);
    expect(await readVersions(sql)).toEqual(versions);
    expect((await sql.unsafe<{ n: number }[]>("select count(*)::int as n from import_runs"))[0]).toEqual(runs);
  });

  it("imports Salesforce Data Loader extracts: converted contacts resolve to their lead, owners from the users extract", async () => {
    const { db, sql } = t().conn;
    const r = await importUpload(db, SF_LOADER);
    expect(r.errorGroups).toEqual([]);
    expect(await counts(sql)).toMatchObject({ team_members: 2, campaigns: 2, accounts: 2, leads: 4, touchpoints: 2, deals: 3, deal_contacts: 1, import_pending_refs: 1, import_id_aliases: 1 });
    const deals = await sql.unsafe("select deal_id, stage::text as stage, primary_lead_id, owner_email, expected_close_on::text as exp from deals order by deal_id");
    expect(deals).toEqual([
      { deal_id: "0065g00000OPP0001", stage: "closed_won", primary_lead_id: "00Q5g00000LEAD001", owner_email: "ana@acme.example", exp: null },
      { deal_id: "0065g00000OPP0002", stage: "proposal", primary_lead_id: "0035g00000CONT002", owner_email: "ana@acme.example", exp: "2024-07-31" },
      { deal_id: "0065g00000OPP0003", stage: "closed_lost", primary_lead_id: null, owner_email: "ana@acme.example", exp: null },
    ]);
    expect(await sql.unsafe("select deal_id, lead_id from deal_contacts")).toEqual([{ deal_id: "0065g00000OPP0002", lead_id: "00Q5g00000LEAD001" }]);
    expect(await sql.unsafe("select touchpoint_id, lead_id, channel::text as channel from touchpoints order by 1")).toEqual([
      { touchpoint_id: "00v5g000000MEM001", lead_id: "00Q5g00000LEAD001", channel: "webinar" },
      { touchpoint_id: "00v5g000000MEM002", lead_id: "0035g00000CONT002", channel: "events" },
    ]);
    expect(await sql.unsafe("select email, team::text as team from team_members order by email")).toEqual([
      { email: "ana@acme.example", team: "sales" },
      { email: "ben@acme.example", team: "marketing" },
    ]);
    expect(r.warnings.find((w) => /converted from a lead/.test(w.reason))).toMatchObject({ file: "extract_Contact.csv", column: "Id", rows: [2] });
  });

  it("imports a Salesforce report: footers skipped, M/D/YYYY 12-hour dates, amounts with separators and symbols", async () => {
    const { db, sql } = t().conn;
    const r = await importUpload(db, SF_REPORT);
    expect(r.errors).toEqual([]);
    expect(r.files).toMatchObject([{ file: "report1719751299999.csv", inserted: 2, rejected: 0 }]);
    expect(await sql.unsafe(`select deal_id, stage::text as stage, amount::text as amount, ${UTC("created_at")} as created_at, ${UTC("closed_at")} as closed_at, expected_close_on::text as exp from deals order by 1`)).toEqual([
      { deal_id: "0065g00000OPP0101", stage: "negotiation", amount: "85000.00", created_at: "2024-03-05T14:22", closed_at: null, exp: "2024-09-30" },
      { deal_id: "0065g00000OPP0102", stage: "closed_won", amount: "1200", created_at: "2024-03-28T09:05", closed_at: "2024-04-02T00:00", exp: null },
    ]);
  });

  it("converts another currency with a set rate, rejects it naming the customer's column without one", async () => {
    const { db, sql } = t().conn;
    const dir = folder({
      "deals.csv": `"Record ID","Deal Name","Deal Stage","Amount","Amount Currency","Create Date","Close Date","Is Closed Won","Is Deal Closed?"\n"1","Euro deal","Closed Won","€ 1.000,00","EUR","2024-03-01 10:00","2024-03-20 10:00","true","true"\n"2","Dollar deal","Closed Won","1,000.00","USD","2024-03-01 10:00","2024-03-20 10:00","true","true"\n`,
    });
    const rejected = await importUpload(db, dir, { mapping: { crm: "hubspot", dateOrder: "dmy", columns: {}, values: {} } });
    expect(rejected.errorGroups).toEqual([
      expect.objectContaining({ file: "deals.csv", column: "Amount Currency", rows: [2], count: 1, reason: "currency EUR is not the organisation's USD and no exchange rate is set for it", hint: expect.stringContaining("exchange rate") }),
    ]);
    await setRate(db, { currency: "eur", rate: "1.08" }, { label: "test" });
    const converted = await importUpload(db, dir, { mapping: { crm: "hubspot", dateOrder: "dmy", columns: {}, values: {} } });
    expect(converted.errors).toEqual([]);
    expect(await sql.unsafe("select deal_id, amount::text as amount, currency from deals order by 1")).toEqual([
      { deal_id: "1", amount: "1080.00", currency: "USD" },
      { deal_id: "2", amount: "1000.00", currency: "USD" },
    ]);
    expect(converted.warnings.find((w) => /converted from EUR/.test(w.reason))).toMatchObject({ column: "Amount", rows: [2] });
  });

  it("lists unknown stages with row counts and a suggestion; the user's mapping decides; errors name the customer's column", async () => {
    const { db } = t().conn;
    const dir = folder({
      "pipeline.csv": `"Deal ID","Deal Name","Deal Stage","Amount","Create Date","Close Date"\n"1","A","Verbal yes","10","2024-03-01 10:00","2024-04-01 10:00"\n"2","B","Verbal yes","10","2024-03-01 10:00",""\n"3","C","Closed: won","10","2024-03-01 10:00","2024-03-02 10:00"\n"4","D","Closed: won","10","2024-03-01 10:00",""\n`,
    });
    const a = await analyseUpload(db, dir);
    expect(a.files).toMatchObject([{ name: "pipeline.csv", crm: "hubspot", object: "deals", target: "deals.csv", rows: 4 }]);
    expect(a.unknownValues.filter((u) => u.kind === "stage")).toEqual([
      { kind: "stage", column: "Deal Stage", value: "Verbal yes", rows: 2, suggestion: null },
      { kind: "stage", column: "Deal Stage", value: "Closed: won", rows: 2, suggestion: "closed_won" },
    ]);
    const r = await importUpload(db, dir);
    expect(r.errorGroups.map((g) => [g.column, g.rows, g.reason])).toEqual([
      ["Deal Stage", [2, 3], 'stage "Verbal yes" is not mapped to an open or closed stage'],
      ["Close Date", [5], 'a closed_won deal needs "Close Date"'],
    ]);
    const mapping: MappingDefinition = { ...a.mapping, values: { stage: { "verbal yes": "negotiation" } } };
    const dry = await importUpload(db, dir, { mapping, dryRun: true });
    expect(dry.errorGroups.map((g) => g.column)).toEqual(["Close Date"]);
  });

  it("reads XLSX sheets and zips of several files; a folder with nothing recognised is an error", async () => {
    const { db, sql } = t().conn;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Deals");
    ws.addRow(["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Is Closed Won", "Is Deal Closed?"]);
    ws.addRow(["11", "Sheet deal", "Contract Sent", 1500.5, new Date(Date.UTC(2024, 2, 1, 10, 0)), new Date(Date.UTC(2024, 5, 30)), false, false]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const zip = zipSync({
      "export/hubspot-crm-exports-all-companies-2024-06-30.csv": readFileSync(join(HUBSPOT, "hubspot-crm-exports-all-companies-2024-06-30.csv")),
      "export/book.xlsx": xlsx,
      "__MACOSX/._book.xlsx": strToU8("junk"),
    });
    const r = await importUpload(db, folder({ "hubspot.zip": zip }));
    expect(r.files.map((f) => [f.file, f.target, f.inserted])).toEqual([
      ["hubspot.zip/export/hubspot-crm-exports-all-companies-2024-06-30.csv", "accounts.csv", 3],
      ["hubspot.zip/export/book.xlsx#Deals", "deals.csv", 1],
    ]);
    expect(await sql.unsafe("select amount::text as amount, stage::text as stage, expected_close_on::text as exp from deals")).toEqual([{ amount: "1500.5", stage: "negotiation", exp: "2024-06-30" }]);
    await expect(importUpload(db, folder({ "notes.csv": "foo,bar\n1,2\n" }))).rejects.toThrow(/nothing to import.*notes\.csv: not recognised/);
  });

  it("analyses the HubSpot folder: objects, columns, a preview as stored, unknown values with row counts", async () => {
    const { db } = t().conn;
    const a = await analyseUpload(db, HUBSPOT);
    expect(a.files.map((f) => [f.name, f.crm, f.object, f.target, f.rows, f.missing])).toEqual([
      ["hubspot-crm-exports-all-companies-2024-06-30.csv", "hubspot", "companies", "accounts.csv", 3, []],
      ["hubspot-crm-exports-all-contacts-2024-06-30.csv", "hubspot", "contacts", "leads.csv", 6, []],
      ["hubspot-crm-exports-all-deals-2024-06-30.csv", "hubspot", "deals", "deals.csv", 6, []],
    ]);
    const deals = a.files[2]!;
    expect(deals.columns.find((c) => c.header === "Close Date")).toEqual({ header: "Close Date", canonical: "@close_date" });
    expect(deals.columns.find((c) => c.header === "Pipeline")).toEqual({ header: "Pipeline", canonical: null });
    expect(deals.preview[2]).toEqual({
      row: 4,
      values: expect.objectContaining({ deal_id: "7003", stage: "discovery", amount: "40000.00", expected_close_on: "2024-08-30", closed_at: null, created_at: "2024-03-06T15:00:00.000000Z", primary_lead_id: "55" }),
    });
    expect(a.unknownValues).toEqual(
      expect.arrayContaining([
        { kind: "stage", column: "Deal Stage", value: "Closed: won", rows: 2, suggestion: "closed_won" },
        { kind: "stage", column: "Deal Stage", value: "Demo Booked", rows: 1, suggestion: "discovery" },
        { kind: "owner", column: "Deal owner", value: "Jane Rivera", rows: 4, suggestion: null },
      ]),
    );
    expect(a.mapping.crm).toBe("hubspot");
  });

  it("saved mappings: versioned, audited, reused by the analysis and the import", async () => {
    const { db, sql } = t().conn;
    const definition: MappingDefinition = { crm: "hubspot", dateOrder: "mdy", columns: { deals: { pipeline: "" } }, values: { owner: { "jane rivera": "jane@northwind.example", "sam lee": "sam@northwind.example" } } };
    const saved = await saveMapping(db, { name: "HubSpot main", definition, expectedVersion: null }, { label: "test" });
    expect(saved.version).toBe(1);
    await expect(saveMapping(db, { name: "hubspot MAIN", definition, expectedVersion: null }, { label: "test" })).rejects.toBeInstanceOf(MappingError);
    const v2 = await saveMapping(db, { name: "hubspot MAIN", definition, expectedVersion: 1 }, { label: "test" });
    expect(v2).toMatchObject({ name: "HubSpot main", version: 2 });
    expect((await listMappings(db)).map((m) => m.name)).toEqual(["HubSpot main"]);
    expect((await getMapping(db, "HUBSPOT MAIN"))?.definition).toEqual(definition);
    expect((await sql.unsafe("select action from audit_log where entity = 'import_mapping' order by id")).map((r) => r.action)).toEqual(["create", "update"]);
    const a = await analyseUpload(db, HUBSPOT, { savedName: "HubSpot main" });
    expect(a.unknownValues.filter((u) => u.kind === "owner")).toEqual([]);
    const r = await importUpload(db, HUBSPOT, { mapping: v2.definition });
    expect(r.warnings.filter((w) => /owner/.test(w.reason))).toEqual([]);
    expect(await sql.unsafe("select distinct owner_email from deals order by 1")).toEqual([{ owner_email: "jane@northwind.example" }, { owner_email: "sam@northwind.example" }]);
    await expect(setRate(db, { currency: "usd", rate: "1" }, { label: "test" })).rejects.toBeInstanceOf(RateError);
    await expect(setRate(db, { currency: "EUR", rate: "0" }, { label: "test" })).rejects.toThrow(/positive/);
    await setRate(db, { currency: "EUR", rate: "1.1" }, { label: "test" });
    await expect(setRate(db, { currency: "EUR", rate: "1.2", expectedVersion: null }, { label: "test" })).rejects.toThrow(/changed by someone else/);
  });

  it("duplicated headers: the first non-empty cell fills the column", async () => {
    const { db, sql } = t().conn;
    const dir = folder({
      "deals.csv": `"Record ID","Deal Name","Deal Stage","Amount","Create Date","Associated Contact IDs","Associated Contact IDs"\n"1","A","Contract Sent","10","2024-03-01 10:00","","61"\n"2","B","Contract Sent","10","2024-03-01 10:00","62","63"\n`,
      "contacts.csv": `"Record ID","Email","Create Date"\n"61","a@x.example","2024-01-01 10:00"\n"62","b@x.example","2024-01-01 10:00"\n"63","c@x.example","2024-01-01 10:00"\n`,
    });
    const r = await importUpload(db, dir);
    expect(r.errors).toEqual([]);
    expect(await sql.unsafe("select deal_id, primary_lead_id from deals order by 1")).toEqual([
      { deal_id: "1", primary_lead_id: "61" },
      { deal_id: "2", primary_lead_id: "62" },
    ]);
  });

  it("a missing required column is named as the customer would look for it, with a hint", async () => {
    const { db } = t().conn;
    const dir = folder({ "report1719751299999.csv": `"Opportunity Name","Stage","Amount","Close Date","Created Date"\n"X","Prospecting","10","1/2/2024","1/1/2024 9:00 AM"\n` });
    const r = await importUpload(db, dir);
    expect(r.errorGroups[0]).toMatchObject({ column: "Opportunity ID", reason: expect.stringContaining('"Opportunity ID"'), hint: expect.stringContaining("add the column") });
  });
});
