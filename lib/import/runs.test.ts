import { expect, it } from "vitest";
import { importRuns } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { listRecentImportRuns } from "./runs";

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
});
