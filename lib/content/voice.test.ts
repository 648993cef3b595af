import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { users } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { DomainError } from "@/lib/errors";
import { archiveAsset, createAsset, getEditableAsset, updateAsset } from "./assets";
import { askSales, completeRequest, createRequest, listFeedbackRequests, listRatings, listRequests, rateAsset, ratingCounts, ratingSummary } from "./voice";

/** Marketing's asset edits (importer rules, versions, audit) and sales' voice (ratings, requests, ask sales). */
describeDb("content: asset edits and sales' voice", (t) => {
  let marketer = { id: 0, role: "marketing" as const };
  let seller = { id: 0, role: "sales" as const };
  const db = () => t().conn.db;
  const refusal = async (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);
  const audit = async (entity: string) =>
    (await db().execute<{ action: string }>(sql`select action from audit_log where entity = ${entity} order by id`)).map((r) => r.action);

  beforeAll(async () => {
    const rows = await db()
      .insert(users)
      .values([
        { email: "mia@x.test", name: "Mia", role: "marketing" },
        { email: "sam@x.test", name: "Sam", role: "sales" },
      ])
      .returning({ id: users.id });
    marketer = { id: rows[0]!.id, role: "marketing" };
    seller = { id: rows[1]!.id, role: "sales" };
    await createAsset(db(), marketer, {
      asset_id: "K1",
      title: "  Kickoff deck ",
      type: "Deck",
      funnel_stage: "BOFU",
      owner_email: "New.Owner@X.test",
      published_at: "2025-01-05T09:00:00Z",
      url: "",
    });
  });

  it("adds an asset with the importer's rules: values normalised, unknown owner becomes a team member, audit-logged", async () => {
    const a = await getEditableAsset(db(), "K1");
    expect(a).toMatchObject({ title: "Kickoff deck", type: "deck", funnelStage: "bofu", ownerEmail: "new.owner@x.test", publishedAt: "2025-01-05T09:00:00Z", version: 1 });
    const member = await db().execute(sql`select 1 from team_members where email = 'new.owner@x.test'`);
    expect(member.length).toBe(1);
    expect(await audit("content_asset")).toContain("create");
  });

  it("refuses what an import refuses, field by field, and an existing id", async () => {
    const e = await refusal(
      createAsset(db(), marketer, { asset_id: "K2", title: "", type: "podcast", funnel_stage: "", owner_email: "nobody", published_at: "yesterday", url: "" }),
    );
    const issues = (e as { issues: { path: string[]; message: string }[] }).issues.map((i) => [i.path[0], i.message]);
    expect(issues).toEqual([
      ["title", "required"],
      ["type", "invalid_type"],
      ["owner_email", "invalid_owner_email"],
      ["published_at", "invalid_published_at"],
    ]);
    expect(await getEditableAsset(db(), "K2")).toBeNull();
    const dup = await refusal(createAsset(db(), marketer, { asset_id: "K1", title: "x", type: "deck", published_at: "2025-01-01T00:00:00Z" }));
    expect(dup).toBeInstanceOf(DomainError);
    expect((dup as DomainError).key).toBe("asset_exists");
  });

  it("a stale edit is refused with the fresh version; archive and restore bump it too", async () => {
    const first = await updateAsset(db(), marketer, { asset_id: "K1", version: 1, title: "Kickoff deck v2", type: "deck", funnel_stage: "bofu", owner_email: "", published_at: "2025-01-05T09:00:00Z", url: "https://x.test/k1" });
    expect(first.asset).toMatchObject({ title: "Kickoff deck v2", ownerEmail: null, url: "https://x.test/k1", version: 2 });
    const stale = await refusal(updateAsset(db(), marketer, { asset_id: "K1", version: 1, title: "Lost edit", type: "deck", published_at: "2025-01-05T09:00:00Z" }));
    expect(stale).toBeInstanceOf(DomainError);
    expect((stale as DomainError).code).toBe("stale");
    expect((stale as DomainError).payload).toMatchObject({ status: "stale", asset: { title: "Kickoff deck v2", version: 2 } });
    const archived = await archiveAsset(db(), marketer, { asset_id: "K1", version: 2, archive: true });
    expect(archived.asset.archivedAt).not.toBeNull();
    expect(archived.asset.version).toBe(3);
    const restored = await archiveAsset(db(), marketer, { asset_id: "K1", version: 3, archive: false });
    expect(restored.asset).toMatchObject({ archivedAt: null, version: 4 });
    expect(await audit("content_asset")).toEqual(["create", "update", "archive", "restore"]);
  });

  it("ratings: sales only; not useful needs a reason, other needs a text; re-rating replaces", async () => {
    expect(((await refusal(rateAsset(db(), marketer, { asset_id: "K1", useful: true }))) as DomainError).key).toBe("sales_only");
    const noReason = await refusal(rateAsset(db(), seller, { asset_id: "K1", useful: false }));
    expect((noReason as { issues: { path: string[]; message: string }[] }).issues[0]).toMatchObject({ path: ["reason"], message: "reason_required" });
    const noText = await refusal(rateAsset(db(), seller, { asset_id: "K1", useful: "false", reason: "other" }));
    expect((noText as { issues: { path: string[]; message: string }[] }).issues[0]).toMatchObject({ path: ["comment"], message: "comment_required" });
    await rateAsset(db(), seller, { asset_id: "K1", useful: "false", reason: "outdated", comment: "2023 pricing" });
    await rateAsset(db(), seller, { asset_id: "K1", useful: "false", reason: "too_long", comment: "" });
    const ratings = await listRatings(db(), "K1");
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ userName: "Sam", useful: false, reason: "too_long" });
    expect(await ratingSummary(db(), "K1")).toEqual({ useful: 0, notUseful: 1, reasons: [{ reason: "too_long", count: 1 }] });
    expect(((await refusal(rateAsset(db(), seller, { asset_id: "NOPE", useful: true }))) as DomainError).key).toBe("asset_not_found");
  });

  it("content requests: sales asks, marketing links the asset once", async () => {
    const id = await createRequest(db(), seller, { funnel_stage: "mofu", topic: "ROI calculator", why: "CFOs ask" });
    expect(((await refusal(createRequest(db(), marketer, { topic: "x" }))) as DomainError).key).toBe("sales_only");
    expect(((await refusal(completeRequest(db(), seller, { request_id: id, asset_id: "K1" }))) as DomainError).code).toBe("forbidden");
    await completeRequest(db(), marketer, { request_id: id, asset_id: "K1" });
    expect(((await refusal(completeRequest(db(), marketer, { request_id: id, asset_id: "K1" }))) as DomainError).key).toBe("request_closed");
    const [row] = await listRequests(db());
    expect(row).toMatchObject({ id, status: "done", topic: "ROI calculator", fulfilledAssetId: "K1", requestedBy: "Sam" });
    expect(await audit("content_request")).toEqual(["create", "done"]);
  });

  it("ask sales: one open request per asset, visible with the ratings given since", async () => {
    const a = await askSales(db(), marketer, { asset_id: "K1", question: "Still useful?" });
    const b = await askSales(db(), marketer, { asset_id: "K1", question: "again" });
    expect(b).toBe(a);
    await rateAsset(db(), seller, { asset_id: "K1", useful: true });
    const open = await listFeedbackRequests(db());
    expect(open).toEqual([expect.objectContaining({ id: a, assetId: "K1", question: "Still useful?", askedBy: "Mia", answers: 1 })]);
    expect(((await refusal(askSales(db(), seller, { asset_id: "K1" }))) as DomainError).code).toBe("forbidden");
  });

  it("per asset: useful / not useful and the most common reasons first (ties by reason), one statement for the page's rows", async () => {
    // Six sales users rate K3; K4 gets no rating.
    const ids = await db()
      .insert(users)
      .values([1, 2, 3, 4, 5, 6].map((i) => ({ email: `rep${i}@x.test`, name: `Rep ${i}`, role: "sales" as const })))
      .returning({ id: users.id });
    for (const id of ["K3", "K4"]) {
      await createAsset(db(), marketer, { asset_id: id, title: `Asset ${id}`, type: "deck", funnel_stage: "", owner_email: "", published_at: "2025-01-05T09:00:00Z", url: "" });
    }
    const reps = ids.map((r) => ({ id: r.id, role: "sales" as const }));
    await rateAsset(db(), reps[0]!, { asset_id: "K3", useful: "false", reason: "wrong_audience" });
    await rateAsset(db(), reps[1]!, { asset_id: "K3", useful: "false", reason: "outdated" });
    await rateAsset(db(), reps[2]!, { asset_id: "K3", useful: "false", reason: "outdated" });
    await rateAsset(db(), reps[3]!, { asset_id: "K3", useful: "false", reason: "too_long" });
    await rateAsset(db(), reps[4]!, { asset_id: "K3", useful: true });
    await rateAsset(db(), reps[5]!, { asset_id: "K3", useful: "false", reason: "other", comment: "no pricing" });
    const counts = await ratingCounts(db(), ["K3", "K4"]);
    expect(counts.get("K3")).toEqual({
      useful: 1,
      notUseful: 5,
      reasons: [
        { reason: "outdated", count: 2 },
        { reason: "other", count: 1 },
        { reason: "too_long", count: 1 },
        { reason: "wrong_audience", count: 1 },
      ],
    });
    expect(counts.has("K4")).toBe(false);
    expect((await ratingCounts(db(), [])).size).toBe(0);
  });
});
