import { apiRoute } from "@/lib/api/handler";
import { contentUsageHandler } from "@/lib/content/report";

/**
 * GET /api/v1/content-usage (data-contract.md §2, docs/openapi.json): the active assets of the
 * period with their customer-facing uses, influenced deals and revenue (lib/content). Bearer API
 * key with a role that may view the content area; bad parameters → 400 naming the field.
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute("content", contentUsageHandler);
