import "server-only";
/**
 * Manual performance check (not part of the test suite):
 *   PERF_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpi_perf npx tsx lib/kpi/perf-check.ts [--generate]
 * --generate fills the (migrated, empty) database with 1M leads, 5M touchpoints, 200k deals,
 * 1M activities; then computeKpis is timed for a 12-month period with and without filters.
 */
import { sql } from "drizzle-orm";
import { connect } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { computeKpis } from "./engine";
import { getOrgSettings as readOrgSettings } from "@/lib/settings/org-settings";
import { buildContext } from "./windows";
import { dealsGroup } from "./groups/deals";
import { leadsGroup } from "./groups/leads";
import { accountsGroup } from "./groups/accounts";
import { contentGroup } from "./groups/content";
import { salesSlaGroup } from "./groups/sla";

async function main(): Promise<void> {
  const url = process.env.PERF_DATABASE_URL;
  if (!url) throw new Error("set PERF_DATABASE_URL");
  const conn = connect(url);
  const { db } = conn;
  if (process.argv.includes("--generate")) {
    await migrateDatabase(db);
    const steps: [string, ReturnType<typeof sql>][] = [
      ["team", sql`insert into team_members (email, name, team)
        select 'rep' || g || '@example.test', 'Rep ' || g, 'sales' from generate_series(1, 50) g`],
      ["accounts", sql`insert into accounts (account_id, name, segment, customer_since, churned_on)
        select 'A' || g, 'Account ' || g, (array['smb','mid_market','enterprise'])[1 + g % 3]::segment,
               case when g % 4 <> 0 then date '2022-01-01' + (g % 1400) end,
               case when g % 9 = 0 then date '2024-01-01' + (g % 700) end
          from generate_series(1, 50000) g`],
      ["leads", sql`insert into leads (lead_id, email, account_id, created_at, source_channel, owner_email, mql_at, sql_at, rejected_at)
        select 'L' || g, 'l' || g || '@x.test', case when g % 10 < 7 then 'A' || (1 + g % 50000) end, c,
               (enum_range(null::channel))[1 + g % 12], 'rep' || (1 + g % 50) || '@example.test',
               case when g % 5 < 2 then c + ((g % 97) || ' hours')::interval end,
               case when g % 5 < 2 and g % 3 = 0 then c + ((g % 97 + 30) || ' hours')::interval end,
               case when g % 5 < 2 and g % 3 = 1 and g % 7 = 0 then c + ((g % 97 + 50) || ' hours')::interval end
          from (select g, timestamptz '2023-01-01' + (g * interval '94 seconds') as c from generate_series(1, 1000000) g) s`],
      ["touchpoints", sql`insert into touchpoints (touchpoint_id, lead_id, occurred_at, channel)
        select 'T' || g, 'L' || (1 + g % 1000000), timestamptz '2023-01-01' + ((g % 1000000) * interval '94 seconds') + ((g / 1000000) || ' days')::interval,
               (enum_range(null::channel))[1 + (g * 7) % 12]
          from generate_series(1, 5000000) g`],
      ["deals", sql`insert into deals (deal_id, name, account_id, primary_lead_id, owner_email, amount, created_at, stage, closed_at)
        select 'D' || g, 'Deal ' || g, 'A' || (1 + (g * 5) % 50000), 'L' || (g * 5), 'rep' || (1 + g % 50) || '@example.test',
               (1000 + (g % 5000) * 7.31)::numeric(12,2), c,
               (case when g % 10 < 4 then 'closed_won' when g % 10 < 7 then 'closed_lost' else 'proposal' end)::deal_stage,
               case when g % 10 < 7 then c + ((g % 120) || ' days')::interval end
          from (select g, timestamptz '2023-01-01' + (g * 5 * interval '94 seconds') + interval '2 days' as c
                  from generate_series(1, 200000) g) s`],
      ["deal_contacts", sql`insert into deal_contacts (deal_id, lead_id)
        select 'D' || g, 'L' || (g * 5 + 1) from generate_series(1, 100000) g`],
      ["activities", sql`insert into sales_activities (activity_id, lead_id, occurred_at, type)
        select 'S' || g, 'L' || (1 + g % 1000000), timestamptz '2023-01-01' + ((g % 1000000) * interval '94 seconds') + ((g % 200) || ' hours')::interval, 'call'
          from generate_series(1, 1000000) g`],
      ["assets", sql`insert into content_assets (asset_id, title, type, published_at, archived_at)
        select 'CA' || g, 'Asset ' || g, 'deck', timestamptz '2023-01-01' + (g || ' days')::interval,
               case when g % 5 = 0 then timestamptz '2024-06-01' + (g || ' days')::interval end
          from generate_series(1, 500) g`],
      ["usage", sql`insert into content_usage (usage_id, asset_id, occurred_at, action, deal_id)
        select 'U' || g, 'CA' || (1 + g % 500), timestamptz '2023-06-01' + (g * interval '5 minutes'),
               (enum_range(null::usage_action))[1 + g % 5], 'D' || (1 + g % 200000)
          from generate_series(1, 200000) g`],
      ["analyze", sql`analyze`],
    ];
    for (const [name, q] of steps) {
      const t0 = Date.now();
      await db.execute(q);
      console.log(`${name}: ${Date.now() - t0} ms`);
    }
  }
  const cases = [
    { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-01-15T00:00:00Z") },
    { from: "2025-01-01", to: "2025-12-31", asOf: new Date("2026-01-15T00:00:00Z"), segment: ["smb"], ownerEmail: ["rep7@example.test"] },
    { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z"), sourceChannel: ["webinar", "email"] },
  ];
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const c = cases[0]!;
    const settings = await readOrgSettings(tx);
    const ctx = await buildContext(tx, c, settings);
    const timed = async (name: string, f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      console.log(`  ${name}: ${(performance.now() - t0).toFixed(0)} ms`);
    };
    await timed("deals", () => dealsGroup(tx, ctx.p, ctx.filters));
    await timed("deals PY", () => dealsGroup(tx, ctx.py, ctx.filters, { revenueOnly: true }));
    await timed("leads", () => leadsGroup(tx, ctx.p, ctx.filters));
    await timed("accounts", () => accountsGroup(tx, ctx.p, ctx.w, ctx.filters));
    await timed("content", () => contentGroup(tx, ctx.p));
    await timed("sla", () => salesSlaGroup(tx, ctx.p, ctx.filters, settings.sla));
  });
  for (const c of cases) {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await computeKpis(db, c);
      console.log(`${JSON.stringify({ ...c, asOf: undefined })}: ${(performance.now() - t0).toFixed(0)} ms`,
        i === 0 ? JSON.stringify(r.kpis) : "");
    }
  }
  await conn.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
