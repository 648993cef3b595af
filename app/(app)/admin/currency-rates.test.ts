import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { runActionAs, type ActionState, type ServerAction } from "@/lib/actions/action";
import type { SessionUser } from "@/lib/auth/user";
import { describeDb } from "@/lib/testing/describe-db";
import { setCurrencyRateAction } from "./actions";

const { revalidatePath } = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath }));

type Saved = { currency: string; rate: string; version: number };

describeDb("admin: exchange rates for the import (issue 14 item 3)", (t) => {
  let db: Db;
  let admin: SessionUser;
  let other: SessionUser;
  let sales: SessionUser;
  const save = (user: SessionUser, input: Record<string, string>): Promise<ActionState<Saved>> =>
    runActionAs(setCurrencyRateAction as unknown as ServerAction<Record<string, string>, Saved>, user, db, input);
  const audit = async () =>
    (await db.execute(sql`select action, entity_id, actor_user_id, before, after from audit_log where entity = 'currency_rate' order by id`)) as unknown as {
      action: string;
      entity_id: string;
      actor_user_id: number;
      before: { rate: string; version: number } | null;
      after: { rate: string; version: number };
    }[];

  beforeAll(async () => {
    db = t().conn.db;
    const make = async (email: string, role: "admin" | "sales"): Promise<SessionUser> => {
      const [row] = await db.insert(users).values({ email, name: email, role }).returning();
      return { id: row!.id, email, name: email, role, locale: "en" };
    };
    admin = await make("admin@rates.example", "admin");
    other = await make("other-admin@rates.example", "admin");
    sales = await make("sales@rates.example", "sales");
  });
  beforeEach(async () => {
    for (const table of ["audit_log", "currency_rates", "organisation_settings"]) await db.execute(sql`delete from ${sql.identifier(table)}`);
    await db.execute(sql`insert into organisation_settings (id, currency) values (1, 'USD')`);
  });

  it("an admin adds a rate (code upper-cased), then updates it at the version shown; both audited with before and after", async () => {
    const added = await save(admin, { currency: "eur", rate: "1.0825", version: "" });
    expect(added).toEqual({ ok: true, data: { currency: "EUR", rate: "1.0825", version: 1 } });
    const updated = await save(admin, { currency: "EUR", rate: "1.1", version: "1" });
    expect(updated).toEqual({ ok: true, data: { currency: "EUR", rate: "1.1", version: 2 } });
    const rows = await audit();
    expect(rows.map((r) => [r.action, r.entity_id, r.actor_user_id])).toEqual([
      ["set", "EUR", admin.id],
      ["set", "EUR", admin.id],
    ]);
    expect(rows[1]?.before).toEqual({ rate: "1.0825", version: 1 });
    expect(rows[1]?.after).toEqual({ rate: "1.1", version: 2 });
  });

  it("a rate another admin changed meanwhile is refused, not overwritten (also when both add the same currency)", async () => {
    await save(admin, { currency: "GBP", rate: "1.27", version: "" });
    expect((await save(other, { currency: "GBP", rate: "1.30", version: "1" })).ok).toBe(true);
    const stale = await save(admin, { currency: "GBP", rate: "1.25", version: "1" });
    expect(stale).toMatchObject({ ok: false, code: "stale_rate" });
    const twice = await save(admin, { currency: "GBP", rate: "1.25", version: "" });
    expect(twice).toMatchObject({ ok: false, code: "stale_rate" });
    const [row] = (await db.execute(sql`select rate::text as rate, version from currency_rates where currency = 'GBP'`)) as unknown as { rate: string; version: number }[];
    expect(row).toEqual({ rate: "1.30", version: 2 });
  });

  it("bad input is refused at its field; the reporting currency needs no rate; only admins may set rates", async () => {
    expect(await save(admin, { currency: "EU", rate: "1", version: "" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { currency: [expect.any(String)] } });
    expect(await save(admin, { currency: "EUR", rate: "0", version: "" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { rate: [expect.any(String)] } });
    expect(await save(admin, { currency: "EUR", rate: "1,08", version: "" })).toMatchObject({ ok: false, fieldErrors: { rate: [expect.any(String)] } });
    expect(await save(admin, { currency: "usd", rate: "1", version: "" })).toMatchObject({ ok: false, code: "reporting_currency", fieldErrors: { currency: [expect.any(String)] } });
    expect(await save(sales, { currency: "EUR", rate: "1.08", version: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await audit()).toEqual([]);
  });
});
