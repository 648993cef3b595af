import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { askSales, createRequest, rateAsset } from "@/lib/content/voice";
import { DEMO_USERS } from "./demo-users";

/**
 * Demo voice of sales on content (issue 11): the demo sales user rates the three most used
 * assets useful and two idle ones not useful (outdated, too long), asks for two missing assets,
 * and the demo marketer asks sales about one idle asset — through the same services as the app
 * (audit-logged). Runs once: nothing is added when any rating or request exists already.
 */
export async function seedContentVoice(db: Db): Promise<{ ratings: number; requests: number }> {
  const [existing] = await db.execute<{ n: number }>(sql`
    select ((select count(*) from content_ratings) + (select count(*) from content_requests))::int as n`);
  if (Number(existing?.n ?? 0) > 0) return { ratings: 0, requests: 0 };
  const userOf = async (role: "sales" | "marketing") => {
    const email = DEMO_USERS.find((u) => u.role === role)?.email;
    if (!email) return null;
    const [row] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
    return row ?? null;
  };
  const seller = await userOf("sales");
  const marketer = await userOf("marketing");
  if (!seller || !marketer) return { ratings: 0, requests: 0 };
  const ranked = await db.execute<{ asset_id: string; uses: number }>(sql`
    select a.asset_id, count(u.usage_id) filter (where u.action in ('shared', 'sent', 'presented'))::int as uses
      from content_assets a left join content_usage u on u.asset_id = a.asset_id
     where a.archived_at is null
     group by a.asset_id order by uses desc, a.asset_id`);
  const ids = ranked.map((r) => r.asset_id);
  let ratings = 0;
  for (const id of ids.slice(0, 3)) {
    await rateAsset(db, seller, { asset_id: id, useful: true, comment: "Buyers ask for this one." });
    ratings++;
  }
  const idle = ids.slice(-2);
  const reasons = [
    { reason: "outdated", comment: "Shows last year's pricing and the old logo." },
    { reason: "too_long", comment: "Nobody reads 30 pages before a first call." },
  ] as const;
  for (const [i, id] of idle.entries()) {
    await rateAsset(db, seller, { asset_id: id, useful: false, ...reasons[i]! });
    ratings++;
  }
  await createRequest(db, seller, { funnel_stage: "bofu", topic: "Comparison with the legacy tools", why: "Asked in most final calls; we answer from memory." });
  await createRequest(db, seller, { funnel_stage: "mofu", topic: "ROI calculator for finance buyers", why: "CFOs want numbers before the proposal." });
  if (idle[0]) await askSales(db, marketer, { asset_id: idle[0], question: "Nobody shared this in months: is it still useful, or should we retire it?" });
  return { ratings, requests: 2 };
}
