import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/user";
import { describeDb } from "@/lib/testing/describe-db";

/**
 * POST /import/run: admins only, checked on the server; an upload only by whoever made it; bad
 * bodies answered 400 naming the field; a dry run streams progress and a report with errors
 * grouped by cause, and changes nothing.
 */
const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/db/client", async (original) => ({ ...(await original<object>()), getDb: async () => session.db }));

const admin: SessionUser = { id: 1, email: "admin@run.example", name: "Admin", role: "admin", locale: "en" };
const otherAdmin: SessionUser = { id: 2, email: "other@run.example", name: "Other", role: "admin", locale: "en" };
const sales: SessionUser = { id: 3, email: "sales@run.example", name: "Sales", role: "sales", locale: "en" };
const mapping = { crm: "canonical", dateOrder: "ymd", columns: {}, values: {} };

const post = async (body: unknown) => {
  const { POST } = await import("./route");
  return POST(new Request("http://localhost/import/run", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
};

describeDb("POST /import/run", (t) => {
  let uploadId: string;
  let dir: string;

  beforeAll(async () => {
    session.db = t().conn.db;
    const { createStagedUpload } = await import("../staging");
    ({ id: uploadId, dir } = await createStagedUpload(admin.id));
    writeFileSync(join(dir, "team_members.csv"), "email,name,team,role\nana@run.example,Ana,sales,rep\nnot-an-email,Bob,sales,rep\n");
  });

  afterAll(async () => {
    const { removeStagedUpload } = await import("../staging");
    await removeStagedUpload(uploadId);
  });

  it("refuses a role without import access, and anyone signed out", async () => {
    session.user = sales;
    expect((await post({ uploadId, mapping, dryRun: true })).status).toBe(403);
    session.user = null;
    expect((await post({ uploadId, mapping, dryRun: true })).status).toBe(401);
  });

  it("answers a bad body with 400 naming the field, and another admin's upload as not found", async () => {
    session.user = admin;
    const bad = await post({ uploadId: "../../etc", mapping, dryRun: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "uploadId" } });
    const noMode = await post({ uploadId, mapping });
    expect(await noMode.json()).toMatchObject({ error: { field: "dryRun" } });
    session.user = otherAdmin;
    expect((await post({ uploadId, mapping, dryRun: true })).status).toBe(404);
  });

  it("a dry run streams the report with errors grouped by cause, changes nothing and keeps the upload", async () => {
    session.user = admin;
    const res = await post({ uploadId, mapping, dryRun: true });
    expect(res.status).toBe(200);
    type Line = {
      type: string;
      report?: { errorGroups: { file: string; column: string; rows: number[]; count: number }[]; files: { inserted: number; rejected: number }[] };
    };
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as Line);
    const report = lines.find((l) => l.type === "report")?.report;
    expect(report, JSON.stringify(lines)).toBeDefined();
    // One good row (would be inserted), one bad e-mail on line 3: one group at "email".
    expect(report!.files).toMatchObject([{ inserted: 1, rejected: 1 }]);
    expect(report!.errorGroups).toMatchObject([{ file: "team_members.csv", column: "email", rows: [3], count: 1 }]);
    const [members] = (await t().conn.db.execute(sql`select count(*)::int as n from team_members`)) as unknown as { n: number }[];
    expect(members!.n).toBe(0);
    expect(existsSync(dir) && readdirSync(dir).includes("team_members.csv")).toBe(true);
  });
});
