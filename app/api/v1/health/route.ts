import { connection } from "next/server";
import { getHealthDb } from "@/db/client";
import { healthResponse } from "@/lib/api/health";

/** Public liveness + database check; no API key required (see lib/api/health.ts). */
export async function GET(): Promise<Response> {
  await connection();
  return healthResponse(getHealthDb);
}
