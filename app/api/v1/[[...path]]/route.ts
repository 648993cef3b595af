import { errorResponse } from "@/lib/api/handler";
import { withSameOrigin } from "@/lib/security/same-origin";

/**
 * Any /api/v1 path that is not an endpoint: the API's JSON 404 (`{"error": {"code":
 * "not_found", …}}`) for every method, instead of the app's HTML not-found page. No key needed:
 * it reveals nothing but that the path does not exist. Real endpoints are more specific
 * routes, so they always win over this catch-all.
 */
function notFound(req: Request): Response {
  const path = new URL(req.url).pathname.slice(0, 200);
  return errorResponse(404, "not_found", `No such endpoint: ${path}. See /api/v1/openapi.json for the endpoints.`);
}

export const GET = notFound;
export const HEAD = notFound;
// Methods that would change data pass the CSRF guard like every such route handler.
export const POST = withSameOrigin(notFound);
export const PUT = withSameOrigin(notFound);
export const PATCH = withSameOrigin(notFound);
export const DELETE = withSameOrigin(notFound);
