import { apiRoute } from "@/lib/api/handler";
import { closedLoopHandler } from "@/lib/attribution";

/**
 * GET /api/v1/closed-loop (docs/api.md, docs/openapi.json): customers by marketing source and
 * conversion assists per channel for the deals won in P (lib/attribution).
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute("closed_loop", closedLoopHandler);
