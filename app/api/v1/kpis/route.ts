import { apiRoute } from "@/lib/api/handler";
import { kpisHandler } from "@/lib/kpi";

/**
 * GET /api/v1/kpis (docs/api.md, docs/openapi.json): `{"period": {"from", "to", "as_of"}, "kpis": {...}}`
 * with every KPI of docs/metrics.md (lib/kpi). Bearer API key (any role may view the
 * dashboard); bad parameters → 400 `{"error": {"code": "invalid_parameter", "message",
 * "field"}}`; Cache-Control: no-store (apiRoute).
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute("dashboard", kpisHandler);
