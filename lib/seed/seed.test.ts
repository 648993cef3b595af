import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { users } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { SEED_FILES } from "./generate";
import { DEMO_USERS, ensureDataset, seedDatabase } from "./seed";
import { summaryCoverage } from "@/lib/attribution/summary";

const NOW = new Date("2026-11-01T00:00:00Z");
let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "alignboard-seeddb-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeDb("seedDatabase", (t) => {
  it("imports the small demo dataset with zero errors and creates the demo users", async () => {
    const db = t().conn.db;
    const folder = join(root, `small-${t().kind}`);
    const messages: string[] = [];
    const summary = await seedDatabase(db, { scale: "small", seed: 42, now: NOW, folder, onProgress: (m) => messages.push(m) });
    expect(summary.import.errors).toEqual([]);
    expect(summary.import.ok).toBe(true);
    for (const f of SEED_FILES) {
      const r = summary.import.files.find((x) => x.file.replace(/\.csv$/, "") === f);
      expect(r, f).toBeDefined();
      expect(r!.rejected, f).toBe(0);
      expect(r!.inserted + r!.updated + r!.unchanged, f).toBe(summary.counts[f]);
    }
    expect(messages.some((m) => m.startsWith("generating"))).toBe(true);
    expect(messages.some((m) => m.startsWith("importing leads"))).toBe(true);

    const found = await db
      .select({ email: users.email, role: users.role, hash: users.passwordHash })
      .from(users)
      .where(inArray(users.email, DEMO_USERS.map((u) => u.email)));
    expect(found.map((u) => [u.email, u.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    for (const u of found) expect(u.hash).toBeTruthy();

    // The attribution summary holds every won deal, analyzed (lib/attribution/summary.ts, db/statistics.ts).
    const coverage = await summaryCoverage(db);
    expect(coverage.missing).toBe(0);
    expect(coverage.summarised).toBeGreaterThan(0);
    const analyzed = await db.execute<{ relname: string; reltuples: number }>(
      sql`select relname, reltuples::int as reltuples from pg_class where relname in ('attribution_paths', 'attribution_path_keys') order by relname`,
    );
    expect(analyzed.map((r) => r.relname)).toEqual(["attribution_path_keys", "attribution_paths"]);
    for (const r of analyzed) expect(r.reltuples, r.relname).toBeGreaterThan(0);

    // The deal facts (migration 0019) are filled by the import's triggers, equal their
    // definition, and are analyzed (reltuples is the row count: ANALYZE ran after the import).
    const [facts] = await t().conn.sql.unsafe<{ deals: number; facts: number; diff: number; reltuples: number; influenced: number }[]>(
      `select (select count(*) from deals)::int as deals, (select count(*) from kpi_deal_facts)::int as facts,
              (select count(*) from (select * from kpi_deal_facts_computed except all select * from kpi_deal_facts
                                     union all
                                     (select * from kpi_deal_facts except all select * from kpi_deal_facts_computed)) x)::int as diff,
              (select reltuples from pg_class where relname = 'kpi_deal_facts')::int as reltuples,
              (select count(*) from kpi_deal_facts where marketing_from is not null)::int as influenced`,
    );
    expect(facts!.deals).toBeGreaterThan(0);
    expect(facts!.facts).toBe(facts!.deals);
    expect(facts!.diff).toBe(0);
    expect(facts!.reltuples).toBe(facts!.deals);
    expect(facts!.influenced).toBeGreaterThan(0);

    // A second run reuses the CSVs and changes nothing.
    const again = await seedDatabase(db, { scale: "small", seed: 42, now: NOW, folder });
    expect(again.reused).toBe(true);
    expect(again.import.ok).toBe(true);
    for (const r of again.import.files) expect(r.inserted + r.updated, r.file).toBe(0);
    expect(again.users.every((u) => !u.created)).toBe(true);
  }, 600_000);
});

it("regenerates the CSVs when the manifest does not match", async () => {
  const folder = join(root, "manifest");
  const first = await ensureDataset({ scale: "small", seed: 5, now: NOW, folder });
  expect(first.reused).toBe(false);
  expect((await ensureDataset({ scale: "small", seed: 5, now: NOW, folder })).reused).toBe(true);
  const other = await ensureDataset({ scale: "small", seed: 5, now: new Date("2026-10-01T00:00:00Z"), folder });
  expect(other.reused).toBe(false);
  const manifest = JSON.parse(await readFile(join(folder, "manifest.json"), "utf8")) as { now: string };
  expect(manifest.now).toBe("2026-10-01T00:00:00.000Z");
});

it("refuses to overwrite a folder it did not generate", async () => {
  const folder = join(root, "foreign");
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "notes.txt"), "mine");
  await expect(ensureDataset({ scale: "small", seed: 1, now: NOW, folder })).rejects.toThrow(/refusing to overwrite/);
  expect(await readFile(join(folder, "notes.txt"), "utf8")).toBe("mine");
});
