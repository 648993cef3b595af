import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { RETRY_AFTER_SECONDS } from "@/db/unavailable";
import { jsonResponse } from "./handler";

/**
 * GET /api/v1/health: public (no API key needed; an Authorization header, valid or not, is
 * ignored), reveals nothing but whether the database answers `select 1` within the timeout.
 */
export async function healthResponse(getDb: () => Promise<Db>, timeoutMs = 5_000): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const db = await getDb();
      await db.execute(sql`select 1`);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database health check timed out")), timeoutMs);
    });
    await Promise.race([probe, timeout]);
    return jsonResponse({ status: "ok", database: "reachable" });
  } catch (err) {
    console.error("[health] database unreachable:", err instanceof Error ? err.message : err);
    return jsonResponse({ status: "error", database: "unreachable" }, 503, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  } finally {
    if (timer) clearTimeout(timer);
  }
}
