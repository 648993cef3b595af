import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKETING_CHANNELS, type Channel } from "@/lib/enums";
import { SEED_FILES, defaultSeedNow, generateDataset } from "./generate";
import { addBusinessHours } from "./time";

const NOW = new Date("2026-11-01T00:00:00Z");
let root = "";

async function hashes(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of SEED_FILES) out[f] = createHash("sha256").update(await readFile(join(folder, `${f}.csv`))).digest("hex");
  return out;
}

type Row = Record<string, string>;
async function read(folder: string, file: string): Promise<Row[]> {
  return parse(await readFile(join(folder, `${file}.csv`), "utf8"), { columns: true }) as Row[];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "alignboard-seed-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generateDataset: determinism", () => {
  it("gives byte-identical files for the same seed and different ones for another seed", async () => {
    const a = await generateDataset(join(root, "a"), { scale: "small", seed: 42, now: NOW });
    await generateDataset(join(root, "b"), { scale: "small", seed: 42, now: NOW });
    await generateDataset(join(root, "c"), { scale: "small", seed: 43, now: NOW });
    const [ha, hb, hc] = await Promise.all([hashes(join(root, "a")), hashes(join(root, "b")), hashes(join(root, "c"))]);
    expect(hb).toEqual(ha);
    expect(hc.leads).not.toBe(ha.leads);
    expect(hc.deals).not.toBe(ha.deals);
    expect(a.counts.leads).toBe(2000);
    expect(a.now).toBe(NOW.toISOString());
  });

  it("defaults now to midnight UTC of the current day", () => {
    expect(defaultSeedNow(new Date("2026-11-27T03:48:00Z")).toISOString()).toBe("2026-11-27T00:00:00.000Z");
    expect(defaultSeedNow(new Date("2026-01-01T00:00:00Z")).toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("generateDataset: the small dataset keeps the contract and tells a story", () => {
  const data: Record<string, Row[]> = {};
  let counts: Record<string, number> = {};
  beforeAll(async () => {
    const folder = join(root, "inv");
    counts = (await generateDataset(folder, { scale: "small", seed: 7, now: NOW })).counts;
    for (const f of SEED_FILES) data[f] = await read(folder, f);
  });
  const t = (s: string | undefined) => (s ? Date.parse(s) : Number.NaN);
  const nowMs = NOW.getTime();

  it("has the intended sizes", () => {
    for (const f of SEED_FILES) expect(data[f]!.length).toBe(counts[f]);
    expect(counts.team_members).toBeGreaterThanOrEqual(15);
    expect(counts.team_members).toBeLessThanOrEqual(25);
    expect(counts.campaigns).toBeGreaterThanOrEqual(20);
    expect(counts.campaigns).toBeLessThanOrEqual(40);
    expect(counts.accounts).toBe(300);
    expect(counts.leads).toBe(2000);
    expect(counts.touchpoints).toBeGreaterThan(8000);
    expect(counts.touchpoints).toBeLessThan(12000);
    expect(counts.deals).toBeGreaterThan(300);
    expect(counts.deals).toBeLessThan(520);
    expect(counts.content_assets).toBe(60);
  });

  it("keeps every row rule of data-contract.md §1", () => {
    const leads = data.leads!;
    for (const l of leads) {
      const created = t(l.created_at);
      expect(created).toBeLessThanOrEqual(nowMs);
      for (const k of ["mql_at", "sql_at", "rejected_at", "customer_at"]) {
        if (l[k]) {
          expect(t(l[k]), `${l.lead_id} ${k}`).toBeGreaterThanOrEqual(created);
          expect(t(l[k])).toBeLessThanOrEqual(nowMs);
        }
      }
      expect(l.sql_at !== "" && l.rejected_at !== "", `${l.lead_id} sql and rejected`).toBe(false);
      if (l.rejection_reason) expect(l.rejected_at).not.toBe("");
      if (l.mql_at) expect(t(l.mql_at)).toBeGreaterThan(created);
    }
    for (const d of data.deals!) {
      const closed = d.stage === "closed_won" || d.stage === "closed_lost";
      expect(d.closed_at !== "", d.deal_id).toBe(closed);
      if (closed) expect(t(d.closed_at)).toBeGreaterThanOrEqual(t(d.created_at));
      expect(["", "USD"]).toContain(d.currency);
      expect(d.amount).toMatch(/^\d+\.\d{2}$/);
      if (d.stage === "closed_lost") expect(d.lost_reason).not.toBe("");
    }
    for (const a of data.accounts!) {
      if (a.churned_on) expect(a.customer_since !== undefined && a.customer_since !== "" && a.churned_on > a.customer_since).toBe(true);
    }
  });

  it("resolves every reference and has unique ids", () => {
    const ids = (file: string, col: string) => {
      const values = data[file]!.map((r) => r[col]!);
      expect(new Set(values).size, `${file}.${col} unique`).toBe(values.length);
      return new Set(values);
    };
    const team = ids("team_members", "email");
    const campaigns = ids("campaigns", "campaign_id");
    const accounts = ids("accounts", "account_id");
    const leads = ids("leads", "lead_id");
    ids("touchpoints", "touchpoint_id");
    const deals = ids("deals", "deal_id");
    ids("sales_activities", "activity_id");
    const assets = ids("content_assets", "asset_id");
    ids("content_usage", "usage_id");
    const ref = (set: Set<string>, v: string | undefined, what: string) => {
      if (v) expect(set.has(v), `${what} ${v}`).toBe(true);
    };
    for (const l of data.leads!) {
      ref(accounts, l.account_id, "account");
      ref(campaigns, l.campaign_id, "campaign");
      ref(team, l.owner_email, "owner");
    }
    for (const x of data.touchpoints!) {
      ref(leads, x.lead_id, "lead");
      ref(campaigns, x.campaign_id, "campaign");
    }
    for (const d of data.deals!) {
      ref(accounts, d.account_id, "account");
      ref(leads, d.primary_lead_id, "lead");
      ref(team, d.owner_email, "owner");
    }
    const pairs = new Set<string>();
    for (const c of data.deal_contacts!) {
      ref(deals, c.deal_id, "deal");
      ref(leads, c.lead_id, "lead");
      pairs.add(`${c.deal_id}/${c.lead_id}`);
    }
    expect(pairs.size).toBe(data.deal_contacts!.length);
    for (const a of data.sales_activities!) {
      ref(leads, a.lead_id, "lead");
      ref(team, a.rep_email, "rep");
    }
    for (const a of data.content_assets!) ref(team, a.owner_email, "owner");
    for (const u of data.content_usage!) {
      ref(assets, u.asset_id, "asset");
      ref(deals, u.deal_id, "deal");
      ref(leads, u.lead_id, "lead");
      ref(team, u.user_email, "user");
    }
  });

  it("makes customers of the accounts of won deals, from the first won deal on", () => {
    const firstWon = new Map<string, string>();
    for (const d of data.deals!) {
      if (d.stage !== "closed_won" || !d.account_id) continue;
      const day = d.closed_at!.slice(0, 10);
      const prev = firstWon.get(d.account_id);
      if (!prev || day < prev) firstWon.set(d.account_id, day);
    }
    for (const a of data.accounts!) expect(a.customer_since, a.account_id).toBe(firstWon.get(a.account_id!) ?? "");
    expect(data.accounts!.filter((a) => a.churned_on).length).toBeGreaterThan(0);
    const customerAt = new Map(data.leads!.map((l) => [l.lead_id, l.customer_at]));
    for (const d of data.deals!) if (d.stage === "closed_won") expect(customerAt.get(d.primary_lead_id!)).toBe(d.closed_at);
  });

  it("has a believable funnel", () => {
    const leads = data.leads!;
    const mqls = leads.filter((l) => l.mql_at);
    expect(mqls.length / leads.length).toBeGreaterThan(0.38);
    expect(mqls.length / leads.length).toBeLessThan(0.55);
    expect(mqls.filter((l) => l.sql_at).length).toBeGreaterThan(0);
    expect(mqls.filter((l) => l.rejected_at).length).toBeGreaterThan(0);
    const weekendMqls = mqls.filter((l) => [0, 6].includes(new Date(l.mql_at!).getUTCDay()));
    expect(weekendMqls.length).toBeGreaterThan(0);
    expect(weekendMqls.length / mqls.length).toBeLessThan(0.25);
    const channels = new Set(leads.map((l) => l.source_channel));
    expect(channels.size).toBe(12);
    const marketing = leads.filter((l) => MARKETING_CHANNELS.includes(l.source_channel as Channel)).length;
    expect(marketing / leads.length).toBeGreaterThan(0.7);
    const stages = new Map<string, number>();
    for (const d of data.deals!) stages.set(d.stage!, (stages.get(d.stage!) ?? 0) + 1);
    const won = stages.get("closed_won") ?? 0;
    const lost = stages.get("closed_lost") ?? 0;
    expect(won / (won + lost)).toBeGreaterThan(0.22);
    expect(won / (won + lost)).toBeLessThan(0.4);
    expect(data.deals!.length - won - lost).toBeGreaterThan(0); // some open pipeline
    // Weekly seasonality: fewer leads created at weekends.
    const weekendLeads = leads.filter((l) => [0, 6].includes(new Date(l.created_at!).getUTCDay())).length;
    expect(weekendLeads / leads.length).toBeLessThan(0.15);
  });

  it("has fast, slow and missing first responses to MQLs", () => {
    const first = new Map<string, number>();
    for (const a of data.sales_activities!) {
      const at = t(a.occurred_at);
      const prev = first.get(a.lead_id!);
      if (prev === undefined || at < prev) first.set(a.lead_id!, at);
    }
    let within = 0;
    let late = 0;
    let none = 0;
    for (const l of data.leads!) {
      if (!l.mql_at) continue;
      const mql = t(l.mql_at);
      const due = addBusinessHours(mql, 4);
      const act = first.get(l.lead_id!);
      if (act === undefined) none++;
      else if (act <= due) within++;
      else late++;
    }
    const total = within + late + none;
    expect(within / total).toBeGreaterThan(0.5);
    expect(late).toBeGreaterThan(0.05 * total);
    expect(none).toBeGreaterThan(0);
  });

  it("uses content by a power law: the top 20% of assets carry most usages", () => {
    const uses = new Map<string, number>();
    for (const u of data.content_usage!) uses.set(u.asset_id!, (uses.get(u.asset_id!) ?? 0) + 1);
    const perAsset = data.content_assets!.map((a) => uses.get(a.asset_id!) ?? 0).sort((x, y) => y - x);
    const top = perAsset.slice(0, Math.ceil(perAsset.length / 5)).reduce((s, x) => s + x, 0);
    expect(top / data.content_usage!.length).toBeGreaterThanOrEqual(0.6);
    const median = perAsset[Math.floor(perAsset.length / 2)]!;
    expect(median).toBeLessThan(data.content_usage!.length / perAsset.length / 2);
    const actions = new Map<string, number>();
    for (const u of data.content_usage!) actions.set(u.action!, (actions.get(u.action!) ?? 0) + 1);
    expect(actions.get("viewed")!).toBeGreaterThan(actions.get("presented")!);
    expect(data.content_usage!.some((u) => u.deal_id)).toBe(true);
    expect(data.content_usage!.some((u) => u.lead_id && !u.deal_id)).toBe(true);
    expect(data.content_assets!.some((a) => a.archived_at)).toBe(true);
    const types = new Set(data.content_assets!.map((a) => a.type));
    expect(types.size).toBe(8);
  });
});
