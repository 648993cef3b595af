import { expect, it } from "vitest";
import { importRuns } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { listRecentImportRuns, STALE_IMPORT_ERROR } from "./runs";
import { sql } from "drizzle-orm";

describeDb("import runs list", (t) => {
  it("lists the latest runs first, at most `limit` of them", async () => {
    const db = t().conn.db;
    expect(await listRecentImportRuns(db)).toEqual([]);
    for (let day = 1; day <= 12; day++) {
      await db.insert(importRuns).values({
        source: day % 2 ? "cli" : "upload",
        status: "succeeded",
        startedAt: new Date(Date.UTC(2025, 0, day)),
      });
    }
    const runs = await listRecentImportRuns(db);
    expect(runs).toHaveLength(10);
    expect(runs[0]).toMatchObject({ source: "upload", status: "succeeded", startedAt: new Date(Date.UTC(2025, 0, 12)) });
    expect(runs.map((r) => r.startedAt.getUTCDate())).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(await listRecentImportRuns(db, 2)).toHaveLength(2);
  });

  it("marks a running import whose heartbeat stopped (its process is gone) as failed, and leaves a live one running (issue 8 item 8)", async () => {
    const db = t().conn.db;
    await db.delete(importRuns);
    const [gone] = await db
      .insert(importRuns)
      .values({ source: "upload", status: "running", startedAt: new Date(Date.now() - 3_600_000) })
      .returning({ id: importRuns.id });
    await db.execute(sql`update import_runs set heartbeat_at = now() - interval '10 minutes' where id = ${gone!.id}`);
    const [alive] = await db.insert(importRuns).values({ source: "cli", status: "running" }).returning({ id: importRuns.id });
    const runs = await listRecentImportRuns(db);
    expect(runs.find((r) => r.id === gone!.id)?.status).toBe("failed");
    expect(runs.find((r) => r.id === alive!.id)?.status).toBe("running");
    const [row] = await db.execute<{ error: string; finished: boolean }>(
      sql`select summary->>'error' as error, finished_at is not null as finished from import_runs where id = ${gone!.id}`,
    );
    expect(row).toEqual({ error: STALE_IMPORT_ERROR, finished: true });
  });
});
