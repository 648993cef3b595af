import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS } from "@/lib/attribution/models";
import { CHANNELS, SEGMENTS } from "@/lib/enums";
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey, type KpiUnit } from "@/lib/kpi/definitions";
import { kpiName, kpiNullReason } from "@/lib/docs/kpi-names";
import type { JsonObject } from "./json";

/**
 * The JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of the read API's bodies, for
 * lib/api/openapi.ts. The KPI properties are generated from KPI_KEYS and KPI_DEFINITIONS, so
 * a KPI added to the engine appears here with its definition, and tests validate real
 * responses against these schemas.
 */

/** Schema extensions this document uses (OpenAPI allows `x-` keywords in a schema). */
export const SCHEMA_EXTENSIONS = ["x-unit", "x-higher-is-better"] as const;

/** The codes `{"error": {"code"}}` takes (lib/api/handler.ts). */
export const ERROR_CODES = ["invalid_parameter", "unauthorized", "forbidden", "internal_error"] as const;

const UNIT_TEXT: Readonly<Record<KpiUnit, string>> = {
  money: "Money in the reporting currency, at most 2 decimals.",
  count: "A count.",
  ratio: "A fraction (0.25 = 25 %), never a percentage.",
  days: "Days, fractional (exact durations).",
  money_per_day: "Money per day, at most 2 decimals.",
};

function kpiSchema(key: KpiKey): JsonObject {
  const def = KPI_DEFINITIONS[key];
  const empty = kpiNullReason(key);
  return {
    title: kpiName(key),
    description: [def.en, UNIT_TEXT[def.unit], empty ? `null when: ${empty}` : null].filter(Boolean).join(" "),
    type: [def.unit === "count" ? "integer" : "number", "null"],
    "x-unit": def.unit,
    "x-higher-is-better": def.higherIsBetter,
  };
}

/** components.schemas of the OpenAPI document. */
const count: JsonObject = { type: "integer", minimum: 0 };
const ratio: JsonObject = { type: ["number", "null"], minimum: 0, maximum: 1 };

export function openApiSchemas(): JsonObject {
  return {
    Error: {
      type: "object",
      description: "Every error answer: 400, 401, 403, 500.",
      required: ["error"],
      additionalProperties: false,
      properties: {
        error: {
          type: "object",
          required: ["code", "message", "field"],
          additionalProperties: false,
          properties: {
            code: { type: "string", enum: [...ERROR_CODES], description: "Stable, machine-readable." },
            message: { type: "string", description: "For people; the wording may change." },
            field: {
              type: ["string", "null"],
              description: "The query parameter at fault (400), else null.",
            },
          },
        },
      },
    },
    Health: {
      type: "object",
      required: ["status", "database"],
      additionalProperties: false,
      oneOf: [
        { properties: { status: { const: "ok" }, database: { const: "reachable" } } },
        { properties: { status: { const: "error" }, database: { const: "unreachable" } } },
      ],
      properties: {
        status: { type: "string", enum: ["ok", "error"] },
        database: { type: "string", enum: ["reachable", "unreachable"] },
      },
    },
    Period: {
      type: "object",
      required: ["from", "to", "as_of"],
      additionalProperties: false,
      properties: {
        from: { type: "string", format: "date", description: "First day of the period, as asked." },
        to: { type: "string", format: "date", description: "Last day of the period (inclusive), as asked." },
        as_of: {
          type: "string",
          format: "date-time",
          description: "The moment the report was taken at, in UTC with `Z` (milliseconds only when not zero).",
        },
      },
    },
    Kpis: {
      type: "object",
      description: "Every KPI, keyed by its name, in this order. null = undefined for the period (e.g. a ratio over zero), never 0.",
      required: [...KPI_KEYS],
      additionalProperties: false,
      properties: Object.fromEntries(KPI_KEYS.map((key) => [key, kpiSchema(key)])),
    },
    KpiReport: {
      type: "object",
      required: ["period", "kpis"],
      additionalProperties: false,
      properties: { period: { $ref: "#/components/schemas/Period" }, kpis: { $ref: "#/components/schemas/Kpis" } },
    },
    SlaReport: {
      type: "object",
      description: "The SLA of kpi-definitions.md §4 (docs/metrics.md). Ratios are fractions in 0..1; null when nothing to divide by.",
      required: ["sales", "by_owner", "marketing"],
      additionalProperties: false,
      properties: {
        sales: {
          type: "object",
          description: "The sales response to the MQLs with mql_at in the period (after the filters). compliance = met / (met + breached).",
          required: ["mqls", "met", "breached", "pending", "at_risk", "compliance"],
          additionalProperties: false,
          properties: {
            mqls: count,
            met: count,
            breached: count,
            pending: count,
            at_risk: { ...count, description: "The pending MQLs with at least 75% of the response window's business time used up." },
            compliance: ratio,
          },
        },
        by_owner: {
          type: "array",
          description: "One row per lead owner (lower-case e-mail; null for leads without one), by MQLs descending, then e-mail, null last.",
          items: {
            type: "object",
            required: ["owner_email", "mqls", "met", "breached", "pending", "compliance"],
            additionalProperties: false,
            properties: {
              owner_email: { type: ["string", "null"] },
              mqls: count,
              met: count,
              breached: count,
              pending: count,
              compliance: ratio,
            },
          },
        },
        marketing: {
          type: "object",
          description: "Months wholly inside the period that ended by as_of, chronological; not narrowed by the filters.",
          required: ["months", "compliance"],
          additionalProperties: false,
          properties: {
            months: {
              type: "array",
              items: {
                type: "object",
                required: ["month", "target", "delivered", "met"],
                additionalProperties: false,
                properties: {
                  month: { type: "string", pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$" },
                  target: count,
                  delivered: count,
                  met: { type: "boolean", description: "delivered ≥ target" },
                },
              },
            },
            compliance: { ...ratio, description: "months met / months counted; null when no month is counted." },
          },
        },
      },
    },
    AttributionReport: {
      type: "object",
      required: ["model", "group_by", "total_revenue", "rows"],
      additionalProperties: false,
      properties: {
        model: { type: "string", enum: [...ATTRIBUTION_MODELS] },
        group_by: { type: "string", enum: [...ATTRIBUTION_GROUP_BYS] },
        total_revenue: { type: "number", description: "Σ amount of the deals won in the period. Money, at most 2 decimals." },
        rows: {
          type: "array",
          items: {
            type: "object",
            required: ["key", "revenue", "deals", "share"],
            additionalProperties: false,
            properties: {
              key: { type: "string", description: "A channel, a campaign id, `(none)` or `(no touchpoints)`." },
              revenue: { type: "number", description: "Credited revenue. Money, at most 2 decimals." },
              deals: { type: "integer", description: "Deals giving the key a share above 0." },
              share: { type: ["number", "null"], description: "revenue / total_revenue; null when total_revenue is 0." },
            },
          },
        },
      },
    },
    ClosedLoopReport: {
      type: "object",
      required: ["by_source", "assists"],
      additionalProperties: false,
      properties: {
        by_source: {
          type: "array",
          items: {
            type: "object",
            required: ["channel", "won_deals", "revenue", "new_customers"],
            additionalProperties: false,
            properties: {
              channel: { $ref: "#/components/schemas/Channel" },
              won_deals: { type: "integer" },
              revenue: { type: "number", description: "Money, at most 2 decimals." },
              new_customers: { type: "integer", description: "Accounts whose first won deal ever is one of these deals." },
            },
          },
        },
        assists: {
          type: "array",
          items: {
            type: "object",
            required: ["channel", "assisted_conversions", "last_touch_conversions", "ratio"],
            additionalProperties: false,
            properties: {
              channel: { $ref: "#/components/schemas/Channel" },
              assisted_conversions: { type: "integer" },
              last_touch_conversions: { type: "integer" },
              ratio: { type: ["number", "null"], description: "assisted / last_touch; null when last_touch is 0." },
            },
          },
        },
      },
    },
    ContentUsage: {
      type: "object",
      required: ["assets_active", "assets_used", "usage_rate", "unused_share", "influenced_revenue", "assets"],
      additionalProperties: false,
      properties: {
        assets_active: { type: "integer", description: "Assets active in P: published by its end and not archived before its start." },
        assets_used: { type: "integer", description: "Active assets with at least one customer-facing usage in P." },
        usage_rate: { type: ["number", "null"], description: "assets_used / assets_active; null when no asset is active." },
        unused_share: { type: ["number", "null"], description: "1 − usage_rate; null when no asset is active." },
        influenced_revenue: { type: "number", description: "content_influenced_revenue: Σ amount of the deals won in P with a customer-facing usage at or before their close." },
        assets: {
          type: "array",
          items: {
            type: "object",
            required: ["asset_id", "title", "uses", "deals_influenced", "influenced_revenue"],
            additionalProperties: false,
            properties: {
              asset_id: { type: "string" },
              title: { type: "string" },
              uses: { type: "integer", description: "Customer-facing usages in P." },
              deals_influenced: { type: "integer", description: "Deals won in P this asset influenced." },
              influenced_revenue: { type: "number", description: "Σ full amount of those deals." },
            },
          },
        },
      },
    },
    Segment: { type: "string", enum: [...SEGMENTS] },
    Channel: { type: "string", enum: [...CHANNELS] },
  };
}
