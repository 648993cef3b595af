import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, roadmapColumns, roadmapItems, users } from "@/db/schema";
import type { Role } from "@/lib/enums";
import { runActionAs, type ActionState, type ServerAction } from "@/lib/actions/action";
import type { SessionUser } from "@/lib/auth/user";
import { describeDb } from "@/lib/testing/describe-db";
import { applyMove, isDense, type ColumnOrder } from "@/lib/roadmap/ordering";
import { loadBoard, loadHistory, type BoardCard, type BoardColumn } from "@/lib/roadmap/queries";
import { seedRoadmap, STARTER_CARDS } from "@/lib/roadmap/seed";
import type { CardMutation, DeleteResult } from "@/lib/roadmap/service";
import * as actions from "./actions";

// Outside a Next.js request there is no cache to revalidate; record the calls instead.
const { revalidatePath } = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath }));

const h = {
  createCard: actions.createCardAction,
  updateCard: actions.updateCardAction,
  moveCard: actions.moveCardAction,
  deleteCard: actions.deleteCardAction,
  addComment: actions.addCommentAction,
  createColumn: actions.createColumnAction,
  renameColumn: actions.renameColumnAction,
  moveColumn: actions.moveColumnAction,
  deleteColumn: actions.deleteColumnAction,
};
type Name = keyof typeof h;
const TODAY = new Date("2025-03-10T12:00:00Z");

describeDb("roadmap", (t) => {
  const people = {} as Record<Role, SessionUser>;
  let db: Db;

  /** Runs a roadmap server action exactly as the app does (wrapper: policy, zod, service, error mapping). */
  async function run<R = unknown>(name: Name, user: SessionUser, input: Record<string, unknown>): Promise<ActionState<R>> {
    return runActionAs(h[name] as unknown as ServerAction<Record<string, unknown>, R>, user, db, input);
  }
  const move = async (user: SessionUser, input: { id: number; version: number; toColumnId: number; toIndex: number }) =>
    run<CardMutation>("moveCard", user, input);

  async function columnIds(): Promise<Record<string, number>> {
    const rows = await db.select().from(roadmapColumns);
    return Object.fromEntries(rows.map((r) => [r.key, r.id]));
  }
  async function orders(): Promise<ColumnOrder[]> {
    const cols = await db.select().from(roadmapColumns).orderBy(asc(roadmapColumns.position));
    const items = await db.select().from(roadmapItems).orderBy(asc(roadmapItems.position), asc(roadmapItems.id));
    return cols.map((c) => ({ columnId: c.id, cardIds: items.filter((i) => i.columnId === c.id).map((i) => i.id) }));
  }
  async function assertDense() {
    const items = await db.select().from(roadmapItems);
    const byColumn = new Map<number, number[]>();
    for (const i of items) byColumn.set(i.columnId, [...(byColumn.get(i.columnId) ?? []), i.position]);
    for (const [col, positions] of byColumn) expect(isDense(positions), `column ${col}: ${positions.join(",")}`).toBe(true);
  }
  async function card(id: number) {
    const [row] = await db.select().from(roadmapItems).where(eq(roadmapItems.id, id));
    if (!row) throw new Error(`no card ${id}`);
    return row;
  }
  async function newCard(user: SessionUser, columnId: number, title: string, team = "joint"): Promise<BoardCard> {
    const res = await run<BoardCard>("createCard", user, { columnId, title, team });
    expect(res.error, JSON.stringify(res)).toBeUndefined();
    return res.data!;
  }

  beforeAll(async () => {
    db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      const [row] = await db
        .insert(users)
        .values({ email: `${role}@test.example`, name: `The ${role} user`, role })
        .returning();
      people[role] = { id: row!.id, email: row!.email, name: row!.name, role, locale: "en" };
    }
  });

  /** No columns, cards, comments or audit rows (the users above stay). */
  const emptyRoadmap = async () => {
    for (const table of ["roadmap_comments", "roadmap_items", "roadmap_columns", "audit_log"]) {
      await db.execute(sql`delete from ${sql.identifier(table)}`);
    }
  };

  // Every test starts from the starter roadmap alone, so each can run on its own.
  beforeEach(async () => {
    await emptyRoadmap();
    await seedRoadmap(db, { today: TODAY });
  });

  it("seeds a starter roadmap once (idempotent), following the alignment stages", async () => {
    await emptyRoadmap();
    const first = await seedRoadmap(db, { today: TODAY });
    expect(first).toEqual({ columnsCreated: 4, cardsCreated: STARTER_CARDS.length });
    const again = await seedRoadmap(db);
    expect(again).toEqual({ columnsCreated: 0, cardsCreated: 0 });
    const board = await loadBoard(db);
    expect(board.columns.map((c) => c.key)).toEqual(["backlog", "planned", "in_progress", "done"]);
    expect(board.cards).toHaveLength(STARTER_CARDS.length);
    for (const stage of ["Stage 1", "Stage 2", "Stage 3", "Stage 4", "Stage 5"]) {
      expect(board.cards.some((c) => c.description.startsWith(stage))).toBe(true);
    }
    expect(board.cards.every((c) => c.kpiKey && c.kpiTarget)).toBe(true);
    expect(board.cards.find((c) => c.team === "joint")?.ownerName).toBeTruthy();
    await assertDense();
    const history = await loadHistory(db, board.cards[0]!.id);
    expect(history[0]).toMatchObject({ action: "create", actor: "seed" });
  });

  it("creates cards with validation, authorization and an audit row", async () => {
    const cols = await columnIds();
    const created = await newCard(people.marketing, cols.backlog!, "  Joint webinar  ");
    expect(created).toMatchObject({ title: "Joint webinar", team: "joint", version: 1, startedAt: null });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id)));
    expect(row).toMatchObject({ action: "create", entity: "roadmap_item", actorUserId: people.marketing.id });

    const refused = await run("createCard", people.sales, { columnId: cols.backlog, title: "x", team: "marketing" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });

    const invalid = await run("createCard", people.sales, {
      columnId: cols.backlog,
      title: "",
      team: "sales",
      dueOn: "2025-02-30",
      kpiTarget: "12",
    });
    expect(invalid.ok).toBe(false);
    expect(invalid.code).toBe("invalid");
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["dueOn", "kpiKey", "title"]);

    const badKpi = await run("createCard", people.sales, { columnId: cols.backlog, title: "x", team: "sales", kpiKey: "vibes" });
    expect(badKpi.fieldErrors?.kpiKey).toBeDefined();

    const inProgress = await newCard(people.leadership, cols.in_progress!, "Started at once", "sales");
    expect(inProgress.startedAt).not.toBeNull();
  });

  it("stores descriptions as plain text (no HTML is interpreted; it is shown as text)", async () => {
    const cols = await columnIds();
    const res = await run<BoardCard>("createCard", people.sales, {
      columnId: cols.planned,
      title: "<img src=x onerror=alert(1)>",
      description: "line 1\r\n<script>alert(1)</script>\n",
      team: "sales",
    });
    expect(res.ok).toBe(true);
    const stored = await card(res.data!.id);
    expect(stored.description).toBe("line 1\n<script>alert(1)</script>");
  });

  it("two people moving different cards at once in the same column both succeed, densely ordered", async () => {
    const cols = await columnIds();
    await newCard(people.sales, cols.planned!, "A third planned card", "sales"); // the starter roadmap plans two
    for (let round = 0; round < 5; round++) {
      const before = await orders();
      const planned = before.find((o) => o.columnId === cols.planned)!.cardIds;
      expect(planned.length).toBeGreaterThanOrEqual(3);
      const a = await card(planned[0]!);
      const b = await card(planned[planned.length - 1]!);
      const moveA = { id: a.id, version: a.version, toColumnId: cols.planned!, toIndex: planned.length - 1 };
      const moveB = { id: b.id, version: b.version, toColumnId: cols.planned!, toIndex: 0 };
      const [ra, rb] = await Promise.all([move(people.leadership, moveA), move(people.admin, moveB)]);
      expect(ra.ok, JSON.stringify(ra)).toBe(true);
      expect(rb.ok, JSON.stringify(rb)).toBe(true);
      await assertDense();
      const after = await orders();
      const aThenB = applyMove(applyMove(before, a.id, moveA.toColumnId, moveA.toIndex), b.id, moveB.toColumnId, moveB.toIndex);
      const bThenA = applyMove(applyMove(before, b.id, moveB.toColumnId, moveB.toIndex), a.id, moveA.toColumnId, moveA.toIndex);
      expect([aThenB, bThenA]).toContainEqual(after);
      expect((await card(a.id)).version).toBe(a.version + 1);
      expect((await card(b.id)).version).toBe(b.version + 1);
    }
  });

  it("parallel moves of different cards between different columns all succeed with a consistent order", async () => {
    const cols = await columnIds();
    const keys = ["backlog", "planned", "in_progress", "done"] as const;
    const everyone = [people.admin, people.leadership];
    for (let round = 0; round < 3; round++) {
      const before = await orders();
      const all = before.flatMap((o) => o.cardIds);
      const picked = all.filter((_, i) => i % 2 === round % 2).slice(0, 6);
      const moves = await Promise.all(
        picked.map(async (id, i) => {
          const c = await card(id);
          // always another column than the card's own, so every move really moves
          let k = (i + round) % keys.length;
          if (cols[keys[k]!] === c.columnId) k = (k + 1) % keys.length;
          return { id, version: c.version, toColumnId: cols[keys[k]!]!, toIndex: i % 3 };
        }),
      );
      const results = await Promise.all(moves.map((m, i) => move(everyone[i % 2]!, m)));
      for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
      await assertDense();
      const after = await orders();
      expect(after.flatMap((o) => o.cardIds).sort()).toEqual([...all].sort());
      for (const m of moves) {
        const c = await card(m.id);
        expect(c.columnId).toBe(m.toColumnId);
        expect(c.version).toBe(m.version + 1);
      }
    }
  });

  it("records the KPI's value when a card starts (baseline), from the KPI engine", async () => {
    const cols = await columnIds();
    const res = await run<BoardCard>("createCard", people.marketing, {
      columnId: cols.planned,
      title: "More MQLs",
      team: "marketing",
      kpiKey: "mqls",
      kpiTarget: "100",
    });
    expect(res.data).toMatchObject({ kpiBaseline: null, startedAt: null });
    const moved = await move(people.marketing, { id: res.data!.id, version: 1, toColumnId: cols.in_progress!, toIndex: 0 });
    expect(moved.data?.card.startedAt).not.toBeNull();
    expect(moved.data?.card.kpiBaseline).toBe("0"); // no leads in this database: 0 MQLs
  });

  it("refuses a move based on a stale version with a clear message and the fresh card", async () => {
    const cols = await columnIds();
    const c = await newCard(people.sales, cols.backlog!, "Stale test");
    const first = await move(people.sales, { id: c.id, version: c.version, toColumnId: cols.planned!, toIndex: 0 });
    expect(first.ok).toBe(true);
    const stale = await move(people.marketing, { id: c.id, version: c.version, toColumnId: cols.done!, toIndex: 0 });
    expect(stale.ok).toBe(false);
    expect(stale.code).toBe("stale");
    expect(stale.error).toMatch(/someone else changed this card/i);
    expect(stale.data?.card).toMatchObject({ id: c.id, columnId: cols.planned, version: c.version + 1, position: 0 });
    expect((await card(c.id)).columnId).toBe(cols.planned);
  });

  it("of two people moving the same card from the same version, exactly one wins", async () => {
    const cols = await columnIds();
    const c = await newCard(people.marketing, cols.backlog!, "Race");
    const results = await Promise.all([
      move(people.marketing, { id: c.id, version: 1, toColumnId: cols.done!, toIndex: 0 }),
      move(people.sales, { id: c.id, version: 1, toColumnId: cols.in_progress!, toIndex: 0 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser.code).toBe("stale");
    const now = await card(c.id);
    expect(loser.data?.card).toMatchObject({ id: c.id, version: 2, columnId: now.columnId });
    await assertDense();
  });

  it("refuses a stale edit (no silent overwrite) and records edits in the card's history", async () => {
    const cols = await columnIds();
    const c = await newCard(people.marketing, cols.backlog!, "Edit me");
    const base = { id: c.id, team: "joint", title: "Edit me", health: "on_track" };
    // A due date in the future: a new past one is refused (see schemas.test.ts).
    const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const ok = await run<CardMutation>("updateCard", people.marketing, {
      ...base,
      version: 1,
      health: "at_risk",
      kpiKey: "mqls",
      kpiTarget: "120",
      ownerUserId: String(people.sales.id),
      dueOn: due,
    });
    expect(ok).toMatchObject({ ok: true, data: { status: "ok", card: { version: 2 } } });
    const stale = await run<CardMutation>("updateCard", people.sales, { ...base, version: 1, title: "Overwrite" });
    expect(stale).toMatchObject({ ok: false, code: "stale", data: { card: { title: "Edit me", health: "at_risk", version: 2 } } });
    expect((await card(c.id)).title).toBe("Edit me");

    // Unchanged values do not bump the version.
    const same = await run<CardMutation>("updateCard", people.sales, {
      ...base,
      version: 2,
      health: "at_risk",
      kpiKey: "mqls",
      kpiTarget: "120.0",
      ownerUserId: people.sales.id,
      dueOn: due,
    });
    expect(same.data?.card.version).toBe(2);

    await run("addComment", people.leadership, { itemId: c.id, body: "Looks good\nship it" });
    const history = await loadHistory(db, c.id);
    expect(history.map((e) => e.action)).toEqual(["comment", "update", "create"]);
    expect(history[1]).toMatchObject({
      actor: "The marketing user",
      before: { health: "on_track", kpiKey: null },
      after: { health: "at_risk", kpiKey: "mqls", kpiTarget: "120", ownerUserId: people.sales.id },
    });
  });

  it("keeps a past due date a card already has, but refuses a new past one, with the field's message", async () => {
    const cols = await columnIds();
    const c = await newCard(people.marketing, cols.backlog!, "Late card");
    await db.update(roadmapItems).set({ dueOn: "2024-01-10" }).where(eq(roadmapItems.id, c.id));
    const base = { id: c.id, team: "joint", title: "Late card, renamed", health: "on_track" };
    const kept = await run<CardMutation>("updateCard", people.marketing, { ...base, version: 1, dueOn: "2024-01-10" });
    expect(kept).toMatchObject({ ok: true, data: { card: { dueOn: "2024-01-10", title: "Late card, renamed" } } });
    const moved = await run<CardMutation>("updateCard", people.marketing, { ...base, version: 2, dueOn: "2024-02-01" });
    expect(moved).toMatchObject({ ok: false, code: "invalid", fieldErrors: { dueOn: ["due_in_past"] } });
    const early = await run<CardMutation>("updateCard", people.marketing, { ...base, version: 2, dueOn: "1999-12-31" });
    expect(early).toMatchObject({ ok: false, code: "invalid", fieldErrors: { dueOn: ["due_too_early"] } });
    const created = await run("createCard", people.marketing, { columnId: cols.backlog, title: "Past", team: "joint", dueOn: "2024-01-10" });
    expect(created).toMatchObject({ ok: false, code: "invalid", fieldErrors: { dueOn: ["due_in_past"] } });
    const target = await run("createCard", people.marketing, {
      columnId: cols.backlog,
      title: "Bad target",
      team: "joint",
      kpiKey: "win_rate",
      kpiTarget: "-5",
      kpiTargetScale: "percent",
    });
    expect(target).toMatchObject({ ok: false, code: "invalid", fieldErrors: { kpiTarget: ["kpi_target_percent_range"] } });
    const long = await run("addComment", people.sales, { itemId: c.id, body: "x".repeat(30_000) });
    expect(long).toMatchObject({ ok: false, code: "invalid", fieldErrors: { body: ["comment_too_long"] } });
  });

  it("enforces team rules on edits, moves and deletes; anyone comments anywhere", async () => {
    const cols = await columnIds();
    const mk = await newCard(people.marketing, cols.backlog!, "Marketing only", "marketing");
    const asSales = await move(people.sales, { id: mk.id, version: 1, toColumnId: cols.done!, toIndex: 0 });
    expect(asSales).toMatchObject({ ok: false, code: "forbidden" });
    const edit = await run("updateCard", people.sales, { id: mk.id, version: 1, title: "x", team: "marketing" });
    expect(edit).toMatchObject({ ok: false, code: "forbidden" });
    const handOver = await run("updateCard", people.marketing, { id: mk.id, version: 1, title: "x", team: "sales" });
    expect(handOver).toMatchObject({ ok: false, code: "forbidden" });
    const del = await run("deleteCard", people.sales, { id: mk.id, version: 1 });
    expect(del).toMatchObject({ ok: false, code: "forbidden" });
    const comment = await run("addComment", people.sales, { itemId: mk.id, body: "We can help" });
    expect(comment).toMatchObject({ ok: true, data: { body: "We can help", authorName: "The sales user" } });
    const empty = await run("addComment", people.sales, { itemId: mk.id, body: "   " });
    expect(empty).toMatchObject({ ok: false, code: "invalid" });

    const leaderMove = await move(people.leadership, { id: mk.id, version: 1, toColumnId: cols.done!, toIndex: 0 });
    expect(leaderMove.ok).toBe(true);
    const staleDelete = await run<DeleteResult>("deleteCard", people.marketing, { id: mk.id, version: 1 });
    expect(staleDelete).toMatchObject({ ok: false, code: "stale" });
    const deleted = await run("deleteCard", people.marketing, { id: mk.id, version: 2 });
    expect(deleted).toMatchObject({ ok: true, data: { status: "ok", id: mk.id } });
    await assertDense();
    const gone = await move(people.admin, { id: mk.id, version: 2, toColumnId: cols.done!, toIndex: 0 });
    expect(gone).toMatchObject({ ok: false, code: "not_found" });
  });

  it("lets only an admin rename, add, reorder and remove columns", async () => {
    const cols = await columnIds();
    expect(await run("renameColumn", people.leadership, { id: cols.done, name: "Shipped" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const renamed = await run("renameColumn", people.admin, { id: cols.done, name: "Shipped" });
    expect(renamed.ok).toBe(true);
    const added = await run<BoardColumn[]>("createColumn", people.admin, { name: "In review" });
    expect(added.data?.map((c) => c.key)).toEqual(["backlog", "planned", "in_progress", "done", "in_review"]);
    const reordered = await run<BoardColumn[]>("moveColumn", people.admin, { id: added.data![4]!.id, toIndex: 3 });
    expect(reordered.data?.map((c) => [c.key, c.position])).toEqual([
      ["backlog", 0],
      ["planned", 1],
      ["in_progress", 2],
      ["in_review", 3],
      ["done", 4],
    ]);
    expect(reordered.data?.find((c) => c.key === "done")?.name).toBe("Shipped");
    const notEmpty = await run("deleteColumn", people.admin, { id: cols.backlog });
    expect(notEmpty).toMatchObject({ ok: false, code: "column_not_empty" });
    const removed = await run<BoardColumn[]>("deleteColumn", people.admin, { id: added.data![4]!.id });
    expect(removed.data?.map((c) => c.position)).toEqual([0, 1, 2, 3]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entity, "roadmap_column"));
    expect(audits.map((a) => a.action).sort()).toEqual(["create", "delete", "move", "rename"]);
  });

  it("revalidates the roadmap pages after a change, not after a refusal", async () => {
    const cols = await columnIds();
    revalidatePath.mockClear();
    const refused = await run("createCard", people.sales, { columnId: cols.backlog, title: "x", team: "marketing" });
    expect(refused.code).toBe("forbidden");
    expect(revalidatePath).not.toHaveBeenCalled();
    await newCard(people.sales, cols.backlog!, "Revalidated");
    expect(revalidatePath).toHaveBeenCalledWith("/roadmap", "layout");
  });
});
