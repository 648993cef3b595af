import { apiRoute } from "@/lib/api/handler";
import { slaHandler } from "@/lib/sla";

/**
 * GET /api/v1/sla (docs/api.md, docs/openapi.json): `{"sales", "by_owner", "marketing"}` as
 * data-contract.md §2 and kpi-definitions.md §4 say (lib/sla/report.ts). Every role may view
 * the SLA (POLICY.sla.view); bad parameters → 400 naming the field; Cache-Control: no-store.
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute("sla", slaHandler);
