import { jsonResponse } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document of the read API (lib/api/openapi.ts).
 * Public like /api/v1/health (no API key), JSON with Cache-Control: no-store like every
 * /api/v1 answer. The proxy's matcher skips /api/, so nothing else runs before it.
 */
export function GET(): Response {
  return jsonResponse(openApiDocument());
}
