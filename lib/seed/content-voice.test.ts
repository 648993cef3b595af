import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { listFeedbackRequests, listRequests, ratingSummary } from "@/lib/content/voice";
import { DEMO_USERS } from "./demo-users";
import { seedContentVoice } from "./content-voice";

/** The demo voice of sales: ratings, requests and one "ask sales", once. */
describeDb("seedContentVoice", (t) => {
  it("rates the most used assets useful and the idle ones not, asks for content, once", async () => {
    const db = t().conn.db;
    await db.insert(users).values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: u.role })));
    await db.execute(sql`insert into content_assets (asset_id, title, type, published_at)
      select 'S'||g, 'Asset '||g, 'deck', '2025-01-01T00:00:00Z' from generate_series(1, 6) g`);
    // S1 most used, then S2, S3; S4–S6 never.
    await db.execute(sql`insert into content_usage (usage_id, asset_id, occurred_at, action)
      select 'U'||g, 'S'||(case when g <= 3 then 1 when g <= 5 then 2 else 3 end), '2025-02-01T00:00:00Z', 'shared' from generate_series(1, 6) g`);
    expect(await seedContentVoice(db)).toEqual({ ratings: 5, requests: 2 });
    expect(await ratingSummary(db, "S1")).toMatchObject({ useful: 1, notUseful: 0 });
    expect(await ratingSummary(db, null)).toEqual({
      useful: 3,
      notUseful: 2,
      reasons: [
        { reason: "outdated", count: 1 },
        { reason: "too_long", count: 1 },
      ],
    });
    expect((await listRequests(db)).map((r) => r.status)).toEqual(["open", "open"]);
    expect((await listFeedbackRequests(db)).map((f) => f.assetId)).toEqual(["S5"]);
    expect(await seedContentVoice(db)).toEqual({ ratings: 0, requests: 0 });
  });
});
