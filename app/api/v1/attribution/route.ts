import { apiRoute } from "@/lib/api/handler";
import { attributionHandler } from "@/lib/attribution";

/**
 * GET /api/v1/attribution?model=&group_by= (docs/api.md, docs/openapi.json): credited revenue
 * of the deals won in P per channel or campaign under one of the seven models of
 * lib/attribution. Roles that may view the closed-loop report; 400 naming the field for a bad
 * parameter.
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute("closed_loop", attributionHandler);
