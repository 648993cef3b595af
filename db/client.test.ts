import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { computeKpiGroups } from "@/lib/kpi";
import { describeDb } from "@/lib/testing/describe-db";
import { connect, isEmbedded, OUTER_HANDLE_IN_TRANSACTION } from "./client";

/** The messages of an error and its causes (drizzle reports a driver error as its cause). */
function messages(err: unknown): string {
  const out: string[] = [];
  for (let e = err; e instanceof Error; e = e.cause) out.push(e.message);
  return out.join("\n");
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

it("isEmbedded is true only for connections opened with ?embedded=1", async () => {
  // postgres.js connects lazily: nothing listens on these ports and nothing is sent.
  const embedded = connect("postgres://postgres@127.0.0.1:9/postgres?embedded=1");
  const server = connect("postgres://postgres@127.0.0.1:9/postgres");
  expect(isEmbedded(embedded.db)).toBe(true);
  expect(isEmbedded(embedded)).toBe(true);
  expect(embedded.embedded).toBe(true);
  expect(isEmbedded(server.db)).toBe(false);
  expect(server.embedded).toBe(false);
  await Promise.all([embedded.close(), server.close()]);
});

describeDb("the outer handle inside a transaction", (t) => {
  it("is refused at once (on the embedded server it would wait forever), and the pool stays usable", async () => {
    const { db, sql: raw } = t().conn;
    const started = Date.now();
    const misuses: (() => Promise<unknown>)[] = [
      () => db.execute(sql`select 1`),
      () => db.select({ n: sql<number>`1` }).from(sql`(select 1) as x`),
      () => db.transaction(async (inner) => inner.execute(sql`select 1`)),
      () => raw`select 1`.then((r) => r),
      () => raw.unsafe("select 1").then((r) => r),
      () => raw.reserve(),
    ];
    for (const misuse of misuses) {
      const refused = await db
        .transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await misuse();
        })
        .then(() => null, (err: unknown) => err);
      expect(messages(refused)).toContain(OUTER_HANDLE_IN_TRANSACTION);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    // The refused transactions were rolled back; the pool answers as before.
    expect(await db.execute(sql`select 2 as n`)).toEqual([{ n: 2 }]);
  }, 10_000);

  it("lets the transaction use tx and savepoints, and other work wait for it as usual", async () => {
    const { db } = t().conn;
    await db.execute(sql`create table if not exists guard_probe (v int)`);
    await db.execute(sql`delete from guard_probe`);
    const hold = gate();
    const inside = gate();
    let afterwards: Promise<unknown> = Promise.resolve();
    const transaction = db.transaction(async (tx) => {
      await tx.execute(sql`insert into guard_probe values (1)`);
      await tx.transaction(async (sp) => sp.execute(sql`insert into guard_probe values (2)`));
      // A continuation created here that runs only after the transaction has ended is fine.
      afterwards = hold.opened.then(() => db.execute(sql`select count(*)::int as n from guard_probe`));
      inside.open();
      await new Promise((r) => setTimeout(r, 100));
    });
    await inside.opened;
    // Another caller (its own async context) is not refused: it waits on the embedded server.
    const concurrent = db.execute(sql`select 1 as n`);
    await transaction;
    expect(await concurrent).toEqual([{ n: 1 }]);
    hold.open();
    expect(await afterwards).toEqual([{ n: 2 }]);
    await db.execute(sql`drop table guard_probe`);
  }, 10_000);

  it("keeps the KPI engine's runs on several connections sharing one snapshot working", async () => {
    const { db } = t().conn;
    const params = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };
    const groups: string[] = [];
    const parallel = await computeKpiGroups(db, params, { connections: 3, onGroupTime: (g) => groups.push(g) });
    const sequential = await computeKpiGroups(db, params, { connections: 1 });
    expect(groups.sort()).toEqual(["accounts", "content", "deals", "dealsPrevYear", "leads", "sla"]);
    expect(parallel).toEqual(sequential);
  });
});
