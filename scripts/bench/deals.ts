import { PgDialect } from "drizzle-orm/pg-core";
import type { Connection } from "@/db/client";
import { buildContext, dealsGroupSql, type DealRows, type DealsGroupOptions, type KpiParams } from "@/lib/kpi";
import { getOrgSettings } from "@/lib/settings/settings";
import { filterCases } from "./filters";

/**
 * The deals group alone (issue 15 item 2): `npm run bench -- --only deals`. For the benchmark's
 * period (P, with and without the monthly sums the dashboard asks for, and PY's revenue) and for
 * every filter case of the KPI benchmark, times the deals group's statement over kpi_deal_facts
 * and the same statement over `deals` with the from-scratch predicates (what the engine ran
 * before the facts), median of `runs` warm runs each, in one read-only snapshot — and checks
 * that both give the same row, cell for cell. Returns true when any differs.
 */

const dialect = new PgDialect();

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

interface Case {
  name: string;
  params: KpiParams;
  window: "p" | "py";
  opts: DealsGroupOptions;
}

export async function benchDeals(
  conn: Connection,
  params: KpiParams,
  runs: number,
  summary: string[][],
  log: (line?: string) => void,
): Promise<boolean> {
  const settings = await getOrgSettings(conn.db);
  const tz = settings.timeZone;
  const cases: Case[] = [
    { name: "P (KPIs)", params, window: "p", opts: {} },
    { name: "P with monthly sums (dashboard)", params, window: "p", opts: { monthTimeZone: tz } },
    { name: "PY revenue", params, window: "py", opts: { revenueOnly: true } },
    ...(await filterCases(conn, params, tz)).map((c): Case => ({ name: c.name, params: c.params, window: "p", opts: {} })),
  ];
  log("\n== deals group: kpi_deal_facts vs the from-scratch statement over deals (median of warm runs)");
  const rows: string[][] = [["case", "from scratch (before)", "facts (after)", "speed-up", "same row"]];
  let differs = false;
  const totals = { before: 0, after: 0 };
  for (const c of cases) {
    const ctx = await buildContext(conn.db, c.params, settings);
    const win = c.window === "p" ? ctx.p : ctx.py;
    const statement = (rowsFrom: DealRows) => {
      const q = dialect.sqlToQuery(dealsGroupSql(win, ctx.filters, { ...c.opts, rows: rowsFrom }));
      return { text: q.sql, params: q.params as (string | number)[] };
    };
    const times: Record<DealRows, number[]> = { deals: [], facts: [] };
    const results: Partial<Record<DealRows, string>> = {};
    await conn.sql.begin("isolation level repeatable read read only", async (tx) => {
      await tx.unsafe("set local jit = off");
      for (let i = 0; i < runs + 1; i++) {
        for (const r of ["deals", "facts"] as const) {
          const s = statement(r);
          const t0 = performance.now();
          const out = await tx.unsafe(s.text, s.params);
          const took = performance.now() - t0;
          if (i > 0) times[r].push(took); // the first run of each warms the cache
          results[r] = JSON.stringify(out);
        }
      }
    });
    const before = median(times.deals);
    const after = median(times.facts);
    totals.before += before;
    totals.after += after;
    const same = results.deals === results.facts;
    differs ||= !same;
    rows.push([c.name, ms(before), ms(after), `${(before / after).toFixed(1)}×`, same ? "yes" : "NO"]);
  }
  rows.push(["Σ", ms(totals.before), ms(totals.after), `${(totals.before / totals.after).toFixed(1)}×`, ""]);
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) log(r.map((cell, i) => cell.padEnd(width[i]!)).join("  "));
  summary.push(["deals group, Σ of the cases (facts)", ms(totals.after), `from scratch: ${ms(totals.before)}`, differs ? "FAIL" : "PASS"]);
  return differs;
}
