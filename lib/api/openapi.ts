import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS } from "@/lib/attribution/models";
import { POLICY } from "@/lib/authz/policy";
import { MAX_PERIOD_DAYS, TEXT_LIMITS } from "@/lib/limits";
import type { Json, JsonObject } from "./json";
import { openApiSchemas } from "./openapi-schemas";

/**
 * The OpenAPI 3.1 document of /api/v1, built in code so it follows the code: the KPI
 * properties come from the KPI definitions (openapi-schemas.ts) and the roles from the
 * authorization policy. Served at GET /api/v1/openapi.json and written to docs/openapi.json by
 * `npm run docs:generate`; lib/api/openapi.test.ts checks the real responses against it.
 */

const ref = (path: string): JsonObject => ({ $ref: path });
const schemaRef = (name: string) => ref(`#/components/schemas/${name}`);
const json = (schema: Json): JsonObject => ({ "application/json": { schema } });

/** An error response whose `error.code` is one given code. */
function errorResponse(description: string, errorCode: string, headers?: JsonObject): JsonObject {
  return {
    description,
    headers: { "Cache-Control": ref("#/components/headers/CacheControl"), ...headers },
    content: json({
      allOf: [
        schemaRef("Error"),
        { type: "object", properties: { error: { type: "object", properties: { code: { const: errorCode } } } } },
      ],
    }),
  };
}

/** A query parameter that may be given several times (`?segment=smb&segment=enterprise`). */
function repeatable(name: string, items: JsonObject, description: string): JsonObject {
  return { name, in: "query", required: false, style: "form", explode: true, description, schema: { type: "array", items } };
}

const kpiRoles = POLICY.dashboard.view.join(", ");
const slaRoles = POLICY.sla.view.join(", ");
const closedLoopRoles = POLICY.closed_loop.view.join(", ");

/** The answers every report endpoint shares besides its 200. */
function reportErrors(): JsonObject {
  return {
    "400": errorResponse("A parameter is missing or invalid; `field` names it.", "invalid_parameter"),
    "401": ref("#/components/responses/Unauthorized"),
    "403": ref("#/components/responses/Forbidden"),
    "500": ref("#/components/responses/InternalError"),
    "503": ref("#/components/responses/DatabaseUnavailable"),
  };
}

const KPI_PARAMETERS: readonly JsonObject[] = [
  {
    name: "from",
    in: "query",
    required: true,
    description: "First day of the period P, in the organisation's time zone.",
    schema: { type: "string", format: "date" },
    examples: { q1: { value: "2025-01-01" } },
  },
  {
    name: "to",
    in: "query",
    required: true,
    description: "Last day of P, inclusive; not before `from`.",
    schema: { type: "string", format: "date" },
    examples: { q1: { value: "2025-03-31" } },
  },
  {
    name: "as_of",
    in: "query",
    required: false,
    description:
      "The moment the report is taken at (default: now). Events after it count as not having happened yet. " +
      "An ISO 8601 timestamp with an explicit offset (`Z` or `+01:00`); a time without offset is refused.",
    schema: { type: "string", format: "date-time" },
    examples: { utc: { value: "2025-04-15T00:00:00Z" } },
  },
  repeatable("segment", schemaRef("Segment"), "Only records whose account has one of these segments (case-insensitive)."),
  repeatable(
    "owner_email",
    { type: "string", format: "email" },
    "Only records owned by one of these people: the deal owner for deal metrics, the lead owner for lead metrics (case-insensitive).",
  ),
  repeatable(
    "source_channel",
    schemaRef("Channel"),
    "Only leads, or deals whose primary lead, came from one of these channels (case-insensitive).",
  ),
];

/** The whole document (a fresh object on each call). */
export function openApiDocument(): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Alignboard read API",
      version: "1",
      summary: "The numbers of the Alignboard dashboard, for BI tools and scripts.",
      description:
        "Every endpoint answers `GET` with JSON and `Cache-Control: no-store`. Send an API key as " +
        "`Authorization: Bearer <key>` (create one with `npm run apikey -- create --name NAME --role ROLE`); " +
        "a key sees what its role sees in the app. Errors are `{\"error\": {\"code\", \"message\", \"field\"}}`. " +
        "A path that is no endpoint answers 404 with code `not_found`; an unavailable database 503 `database_unavailable` with `Retry-After`; too many reports computing at once 503 `busy` with `Retry-After`. " +
        "See docs/api.md in the repository.",
    },
    tags: [
      { name: "reports", description: "The KPIs and reports, computed by the same code as the app's pages." },
      { name: "meta", description: "Service status and this document; no key needed." },
    ],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/kpis": {
        get: {
          operationId: "getKpis",
          tags: ["reports"],
          summary: "Every KPI for a period",
          description:
            `Every KPI of docs/metrics.md for the period, computed as of \`as_of\`, after the filters. Roles: ${kpiRoles}. ` +
            "Repeat a filter for several values (any of them); different filters all apply. Unknown parameters are ignored. " +
            `The period may be at most ${MAX_PERIOD_DAYS} days (10 years) long; no parameter may hold a control character (NUL included) or exceed ${TEXT_LIMITS.parameter} characters.`,
          parameters: [...KPI_PARAMETERS],
          responses: {
            "200": {
              description: "The period as understood and every KPI.",
              headers: { "Cache-Control": ref("#/components/headers/CacheControl") },
              content: json(schemaRef("KpiReport")),
            },
            ...reportErrors(),
          },
        },
      },
      "/api/v1/sla": {
        get: {
          operationId: "getSla",
          tags: ["reports"],
          summary: "The sales-marketing SLA for a period",
          description:
            `Both sides of the service-level agreement of docs/metrics.md: the sales response to every MQL of the period ` +
            `(met, breached, pending, at risk, per lead owner) and marketing's monthly MQL delivery against the target. Roles: ${slaRoles}. ` +
            "The filters narrow the sales side only (owner_email = the lead owner); the marketing side is company-wide. " +
            "Each MQL is judged by the SLA policy in force at its mql_at (docs/sla.md), so a past period's numbers do not change with the policy. " +
            `The period may be at most ${MAX_PERIOD_DAYS} days (10 years) long; no parameter may hold a control character (NUL included) or exceed ${TEXT_LIMITS.parameter} characters.`,
          parameters: [...KPI_PARAMETERS],
          responses: {
            "200": {
              description: "The SLA report.",
              headers: { "Cache-Control": ref("#/components/headers/CacheControl") },
              content: json(schemaRef("SlaReport")),
            },
            ...reportErrors(),
          },
        },
      },
      "/api/v1/content-usage": {
        get: {
          operationId: "getContentUsage",
          tags: ["reports"],
          summary: "Content usage for a period",
          description:
            `The active assets of the period with their customer-facing uses (shared, sent, presented) in P, the won deals in P they influenced (a customer-facing usage with the deal's id at or before its close) and those deals' revenue. Roles: ${POLICY.content.view.join(", ")}. ` +
            "Asset counts and uses are not narrowed by the filters; deal figures use the deal filters. An asset's influenced revenue is the full amount of each deal it influenced, so assets' figures can add up to more than the total. " +
            "Assets are sorted by uses descending, then asset_id. Same parameters and limits as /api/v1/kpis.",
          parameters: [...KPI_PARAMETERS],
          responses: {
            "200": {
              description: "The library's usage figures and every active asset (unused ones with 0).",
              headers: { "Cache-Control": ref("#/components/headers/CacheControl") },
              content: json(schemaRef("ContentUsage")),
            },
            ...reportErrors(),
          },
        },
      },
      "/api/v1/attribution": {
        get: {
          operationId: "getAttribution",
          tags: ["reports"],
          summary: "Credited revenue by channel or campaign under an attribution model",
          description:
            `The deals won in the period (after the filters), each deal's amount split over its path of touchpoints by the model, summed per key. Roles: ${closedLoopRoles}. ` +
            "A deal without touchpoints credits the key `(no touchpoints)`; a touch without campaign the key `(none)` when grouped by campaign. " +
            "`deals` counts the deals giving the key a share above 0; rows are sorted by revenue descending, then key. Each row is rounded to cents on its own, so rows may differ from the total by a cent.",
          parameters: [
            ...KPI_PARAMETERS,
            {
              name: "model",
              in: "query",
              required: true,
              description: "The attribution model (docs/metrics.md).",
              schema: { type: "string", enum: [...ATTRIBUTION_MODELS] },
            },
            {
              name: "group_by",
              in: "query",
              required: false,
              description: "Group the credit by the touch's channel (default) or its campaign.",
              schema: { type: "string", enum: [...ATTRIBUTION_GROUP_BYS], default: "channel" },
            },
          ],
          responses: {
            "200": {
              description: "The model, the grouping, the won revenue and one row per credited key.",
              headers: { "Cache-Control": ref("#/components/headers/CacheControl") },
              content: json(schemaRef("AttributionReport")),
            },
            ...reportErrors(),
          },
        },
      },
      "/api/v1/closed-loop": {
        get: {
          operationId: "getClosedLoop",
          tags: ["reports"],
          summary: "Customers by source and conversion assists",
          description:
            `The deals won in the period (after the filters) by their primary lead's source channel, with the new customers they made; and per channel, the deals it assisted and the deals whose last touch it was. Roles: ${closedLoopRoles}.`,
          parameters: [...KPI_PARAMETERS],
          responses: {
            "200": {
              description: "Customers by source and assists per channel.",
              headers: { "Cache-Control": ref("#/components/headers/CacheControl") },
              content: json(schemaRef("ClosedLoopReport")),
            },
            ...reportErrors(),
          },
        },
      },
      "/api/v1/health": {
        get: {
          operationId: "getHealth",
          tags: ["meta"],
          summary: "Is the service up and its database reachable?",
          description: "Public. Says nothing but whether the database answered within 5 seconds. An Authorization header is ignored.",
          security: [],
          responses: {
            "200": { description: "Up, database reachable.", content: json(schemaRef("Health")) },
            "503": { description: "Up, but the database did not answer.", content: json(schemaRef("Health")) },
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          tags: ["meta"],
          summary: "This document",
          description: "Public. The OpenAPI 3.1 description of /api/v1.",
          security: [],
          responses: {
            "200": {
              description: "The OpenAPI document.",
              content: json({
                type: "object",
                required: ["openapi", "info", "paths"],
                properties: { openapi: { type: "string", const: "3.1.0" }, info: { type: "object" }, paths: { type: "object" } },
              }),
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "ab_live_ followed by 43 base64url characters",
          description: "An API key; it carries a role (admin, leadership, marketing, sales). Stored hashed, shown once at creation.",
        },
      },
      headers: {
        CacheControl: { description: "Answers are never cached.", schema: { type: "string", const: "no-store" } },
      },
      responses: {
        Unauthorized: errorResponse("No key, a malformed one, an unknown one or a revoked one.", "unauthorized", {
          "WWW-Authenticate": { description: "`Bearer realm=\"alignboard\"`, with `error=\"invalid_token\"` for a bad key.", schema: { type: "string" } },
        }),
        Forbidden: errorResponse("The key's role may not read this endpoint.", "forbidden"),
        InternalError: errorResponse("An unexpected failure; details are logged on the server, not returned.", "internal_error"),
        DatabaseUnavailable: errorResponse("The database is unreachable or went away; the answer comes at once, retry later.", "database_unavailable", {
          "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "string", pattern: "^[0-9]+$" } },
        }),
      },
      schemas: openApiSchemas(),
    },
  };
}
