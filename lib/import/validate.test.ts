import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, type CsvItem } from "./csv";
import { fileSpec, type RowContext } from "./specs";
import { mapHeader, validateRow } from "./validate";

const UTC: RowContext = { timeZone: "UTC", currency: "USD" };

/** Validates one CSV line of `file` against a header line; returns values or `column: reason`s. */
function check(file: string, header: string, row: string, ctx: RowContext = UTC) {
  const map = mapHeader(fileSpec(file), header.split(","));
  const r = validateRow(map, row.split(","), ctx);
  return r.ok ? { values: r.values, errors: [] as string[] } : { values: null, errors: r.errors.map((e) => e.column) };
}

const LEADS =
  "lead_id,email,first_name,last_name,account_id,created_at,source_channel,campaign_id,owner_email,mql_at,sql_at,rejected_at,rejection_reason,customer_at";
const DEALS = "deal_id,name,account_id,primary_lead_id,owner_email,amount,currency,created_at,stage,closed_at,lost_reason";

describe("header mapping", () => {
  it("matches names case-insensitively after trimming, in any order, and lists unknown columns once", () => {
    const map = mapHeader(fileSpec("team_members.csv"), [" Name ", "EMAIL", "favourite colour", "Team", "extra"]);
    expect(map.indexes).toEqual([1, 0, 3, -1]);
    expect(map.unknownColumns).toEqual(["favourite colour", "extra"]);
    expect(map.missingRequired).toEqual([]);
    const r = validateRow(map, ["Rita Reyes", "Rita@Alignboard.Example", "blue", "Sales", "x"], UTC);
    expect(r).toEqual({ ok: true, values: { email: "rita@alignboard.example", name: "Rita Reyes", team: "sales", role: "rep" } });
  });

  it("reports required columns missing from the header, and repeated columns as unknown", () => {
    const map = mapHeader(fileSpec("leads.csv"), ["lead_id", "email", "Email", "source_channel"]);
    expect(map.missingRequired).toEqual(["created_at"]);
    expect(map.unknownColumns).toEqual(["Email"]);
  });
});

describe("row validation (one rule per tiny-bad-rows row)", () => {
  it("accepts a valid lead; empty cells are null", () => {
    const r = check(
      "leads.csv",
      LEADS,
      "L003,cleo@contoso.example,Cleo,Diaz,A2,2024-12-15T09:00:00Z,paid_search,C-PPC1,omar@alignboard.example,,,,,",
    );
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ lead_id: "L003", created_at: "2024-12-15T09:00:00.000000Z", mql_at: null, sql_at: null });
  });

  it("unknown enum value → team", () => {
    expect(check("team_members.csv", "email,name,team,role", "zoe@alignboard.example,Zoe Park,finance,rep").errors).toEqual(["team"]);
  });

  it("missing required value → name", () => {
    expect(check("campaigns.csv", "campaign_id,name,channel,started_on,ended_on,cost", "C-BAD1,,email,2025-01-01,,100.00").errors).toEqual([
      "name",
    ]);
  });

  it("bad date 2025-02-30 → customer_since", () => {
    const h = "account_id,name,industry,segment,region,customer_since,churned_on";
    expect(check("accounts.csv", h, "A9,Hooli,software,smb,north_america,2025-02-30,").errors).toEqual(["customer_since"]);
    expect(check("accounts.csv", h, "A9,Hooli,software,Mid-Market,north_america,2025-02-28,").values?.segment).toBe("mid_market");
  });

  it("lead milestone earlier than created_at → that milestone", () => {
    const row = "L901,m@h.example,Mel,Early,A1,2025-02-01T09:00:00Z,webinar,,,2025-01-31T09:00:00Z,,,,";
    expect(check("leads.csv", LEADS, row).errors).toEqual(["mql_at"]);
    const cust = "L9,m@h.example,,,,2025-02-01T09:00:00Z,webinar,,,,,,,2025-01-01T00:00:00Z";
    expect(check("leads.csv", LEADS, cust).errors).toEqual(["customer_at"]);
    // the same instant is not earlier
    const same = "L9,m@h.example,,,,2025-02-01T09:00:00Z,webinar,,,2025-02-01T10:00:00+01:00,,,,";
    expect(check("leads.csv", LEADS, same).errors).toEqual([]);
  });

  it("sql_at and rejected_at both set → rejected_at", () => {
    const row =
      "L902,both@hooli.example,Bo,Th,A1,2025-02-01T09:00:00Z,email,,,2025-02-02T09:00:00Z,2025-02-03T09:00:00Z,2025-02-03T09:00:00Z,no budget,";
    expect(check("leads.csv", LEADS, row).errors).toEqual(["rejected_at"]);
  });

  it("deal closed_at rules → closed_at; stage normalisation", () => {
    const deal = (stage: string, closed: string, created = "2025-03-10T09:00:00Z") =>
      check("deals.csv", DEALS, `D9,N,A1,L004,,5000.00,USD,${created},${stage},${closed},`);
    expect(deal("closed_won", "2025-03-01T09:00:00Z").errors).toEqual(["closed_at"]); // before created_at
    expect(deal("proposal", "2025-03-20T09:00:00Z").errors).toEqual(["closed_at"]); // open with closed_at
    expect(deal("closed_won", "").errors).toEqual(["closed_at"]); // closed without closed_at
    expect(deal("Closed Won", "2025-03-20T09:00:00Z").values?.stage).toBe("closed_won");
    expect(deal("closed-won", "2025-03-20T09:00:00Z").values?.stage).toBe("closed_won");
    expect(deal("Closed Lost", "2025-03-10T09:00:00Z").values?.stage).toBe("closed_lost");
    expect(deal("Negotiation", "").errors).toEqual([]);
    expect(deal("won", "").errors).toEqual(["stage"]);
  });

  it("currency must be the organisation's, case-insensitively → currency", () => {
    const deal = (cur: string, ctx = UTC) =>
      check("deals.csv", DEALS, `D9,N,A1,L004,,5000.00,${cur},2025-02-01T09:00:00Z,qualification,,`, ctx);
    expect(deal("EUR").errors).toEqual(["currency"]);
    expect(deal("usd").values?.currency).toBe("USD");
    expect(deal("").values?.currency).toBeNull();
    expect(deal("eur", { timeZone: "UTC", currency: "EUR" }).values?.currency).toBe("EUR");
  });

  it("thousands separator in an amount → amount", () => {
    const row = `D905,Umbrella - Suite,A6,L006,,"12,000.00",USD,2025-02-01T09:00:00Z,qualification,,`;
    const map = mapHeader(fileSpec("deals.csv"), DEALS.split(","));
    const fields = ["D905", "Umbrella - Suite", "A6", "L006", "", "12,000.00", "USD", "2025-02-01T09:00:00Z", "qualification", "", ""];
    expect(row).toContain("12,000.00");
    const r = validateRow(map, fields, UTC);
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(["amount"]);
  });

  it("bad timestamp 2025-03-32 → occurred_at", () => {
    const h = "activity_id,lead_id,occurred_at,type,rep_email";
    expect(check("sales_activities.csv", h, "SA9,L002,2025-03-32T10:00:00Z,call,rita@alignboard.example").errors).toEqual(["occurred_at"]);
  });

  it("reads a timestamp without offset in a non-UTC organisation time zone", () => {
    const h = "touchpoint_id,lead_id,occurred_at,channel,campaign_id,type";
    const ny: RowContext = { timeZone: "America/New_York", currency: "USD" };
    const r = check("touchpoints.csv", h, "T801,L010,2025-03-03T11:00:00,Organic Social,,click", ny);
    expect(r.values).toMatchObject({ occurred_at: "2025-03-03T16:00:00.000000Z", channel: "organic_social" });
  });

  it("reports every bad column of a row, and a wrong field count", () => {
    expect(check("team_members.csv", "email,name,team,role", "not-an-email,,boss,chief").errors).toEqual(["email", "name", "team", "role"]);
    expect(check("team_members.csv", "email,name,team,role", "a@b.example,A").errors).toEqual(["(row)"]);
    // trailing empty cells beyond the header are tolerated
    expect(check("team_members.csv", "email,name,team,role", "a@b.example,A,sales,rep,,").errors).toEqual([]);
  });
});

describe("readCsv", () => {
  const dir = mkdtempSync(join(tmpdir(), "alignboard-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(content: string | Buffer): Promise<CsvItem[]> {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, content);
    const items: CsvItem[] = [];
    for await (const item of readCsv(path)) items.push(item);
    return items;
  }

  it("strips a BOM, so the first header is matched", async () => {
    const items = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Email,name\r\na@b.example,A\r\n")]));
    expect(items[0]).toMatchObject({ kind: "record", line: 1, fields: ["Email", "name"] });
    const map = mapHeader(fileSpec("team_members.csv"), (items[0] as { fields: string[] }).fields);
    expect(map.indexes[0]).toBe(0);
  });

  it("gives each record the physical line it starts on (quoted multi-line fields, blank lines)", async () => {
    const items = await read('id,note\n1,"two\nlines"\n\n2,plain\n3,"a\r\nb\nc"\n4,"x, ""quoted"""');
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ["record", 1],
      ["record", 2],
      ["record", 5],
      ["record", 6],
      ["record", 9],
    ]);
    expect((items[4] as { fields: string[] }).fields).toEqual(["4", 'x, "quoted"']);
    const crlf = await read('id,note\r\n1,"a\r\nb"\r\n2,c\r\n3,"d\re"\r\n4,f');
    expect(crlf.map((i) => i.line)).toEqual([1, 2, 4, 5, 7]);
  });
});
