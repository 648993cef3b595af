import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, glossaryTerms, users } from "@/db/schema";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import { describeDb } from "@/lib/testing/describe-db";
import { agreedSlugs, listTerms, termHistory } from "./queries";
import { approveTerm, createTerm, syncGlossary, updateTerm, type Actor } from "./service";

describeDb("glossary", (t) => {
  let db: Db;
  const people = {} as Record<Role | "marketing2", Actor>;

  beforeAll(async () => {
    db = t().conn.db;
    for (const [key, role] of [["admin", "admin"], ["leadership", "leadership"], ["marketing", "marketing"], ["marketing2", "marketing"], ["sales", "sales"]] as const) {
      const [row] = await db.insert(users).values({ email: `${key}@g.example`, name: `The ${key}`, role }).returning();
      people[key] = { id: row!.id, role };
    }
  });

  it("pre-fills every KPI and the five funnel stages once (idempotent)", async () => {
    const first = await syncGlossary(db);
    expect(first).toBe(KPI_KEYS.length + 5);
    expect(await syncGlossary(db)).toBe(0);
    const all = await listTerms(db);
    expect(all.filter((x) => x.kind === "kpi").map((x) => x.slug).sort()).toEqual([...KPI_KEYS].sort());
    expect(all.filter((x) => x.kind === "stage").map((x) => x.slug)).toEqual(["lead", "mql", "sql", "opportunity", "customer"]);
    expect(all.every((x) => !x.agreed && x.version === 1)).toBe(true);
  });

  it("one team alone cannot agree a term; the other side's approval agrees it; an edit resets it", async () => {
    const term = await createTerm(db, people.marketing, { term: "Ideal customer profile", definition: "Mid-market SaaS.", ownerTeam: "marketing", examples: "", links: "https://example.com/icp\n/dashboard", criteria: "" });
    expect(term.slug).toBe("ideal-customer-profile");
    expect(term.approvals.map((a) => a.role)).toEqual(["marketing"]);
    expect(term.agreed).toBe(false);
    const same = await approveTerm(db, people.marketing2, { id: term.id, version: 1 });
    expect(same.term.agreed).toBe(false); // two marketers are still one team
    const agreed = await approveTerm(db, people.sales, { id: term.id, version: 1 });
    expect(agreed.term.agreed).toBe(true);

    const edited = await updateTerm(db, people.sales, { id: term.id, version: 1, term: "Ideal customer profile", definition: "Mid-market and enterprise SaaS.", ownerTeam: "marketing", examples: "", links: "", criteria: "" });
    expect(edited.term.version).toBe(2);
    expect(edited.term.agreed).toBe(false);
    expect(edited.term.approvals.map((a) => a.role)).toEqual(["sales"]);
    const lead = await approveTerm(db, people.leadership, { id: term.id, version: 2 });
    expect(lead.term.agreed).toBe(true);

    const history = await termHistory(db, term.id);
    expect(history.map((v) => [v.version, v.agreed])).toEqual([[2, true], [1, true]]);
    expect(history[0]!.changes.map((c) => c.field)).toEqual(["definition", "links"]);
    expect(history[0]!.changes[0]!.diff).toEqual([
      { op: "same", text: "Mid-market " },
      { op: "add", text: "and enterprise " },
      { op: "same", text: "SaaS." },
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, "glossary_term"));
    expect(audit.map((a) => a.action)).toEqual(["create", "approve", "approve", "update", "approve"]);
  });

  it("refuses a stale edit or approval with the term as it is now", async () => {
    const term = await createTerm(db, people.sales, { term: "Churn", definition: "Lost customer.", ownerTeam: "sales", examples: "", links: "", criteria: "" });
    await updateTerm(db, people.marketing, { id: term.id, version: 1, term: "Churn", definition: "A customer who left.", ownerTeam: "joint", examples: "", links: "", criteria: "" });
    for (const attempt of [
      () => updateTerm(db, people.sales, { id: term.id, version: 1, term: "Churn", definition: "Mine.", ownerTeam: "sales", examples: "", links: "", criteria: "" }),
      () => approveTerm(db, people.sales, { id: term.id, version: 1 }),
    ]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      const payload = (err as DomainError).payload as { status: string; term: { version: number; definition: string } };
      expect(payload.status).toBe("stale");
      expect(payload.term).toMatchObject({ version: 2, definition: "A customer who left." });
    }
    const [row] = await db.select().from(glossaryTerms).where(eq(glossaryTerms.id, term.id));
    expect(row!.definition).toBe("A customer who left.");
  });

  it("admin cannot approve; a KPI term keeps its name; search finds by definition", async () => {
    const [sql] = (await listTerms(db)).filter((x) => x.slug === "sql");
    await expect(approveTerm(db, people.admin, { id: sql!.id, version: 1 })).rejects.toThrow(/Only marketing/);
    const [revenue] = (await listTerms(db)).filter((x) => x.slug === "revenue");
    const res = await updateTerm(db, people.sales, { id: revenue!.id, version: 1, term: "Renamed", definition: "Booked revenue.", ownerTeam: "sales", examples: "", links: "", criteria: "" });
    expect(res.term.term).toBe(revenue!.term);
    expect((await listTerms(db, { q: "booked REV" })).map((x) => x.slug)).toEqual(["revenue"]);
    expect((await listTerms(db, { q: "100%_" })).length).toBe(0);
    expect(await agreedSlugs(db, ["sql", "ideal-customer-profile", "nope"])).toEqual({ sql: false, "ideal-customer-profile": true, nope: false });
  });

  it("refuses links that are not http(s) or app paths", async () => {
    await expect(
      createTerm(db, people.sales, { term: "X", definition: "Y", ownerTeam: "sales", examples: "", links: "javascript:alert(1)", criteria: "" }),
    ).rejects.toThrow(/invalid_link/);
  });
});
