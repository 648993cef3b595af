import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { verifyApiKey, type ApiKeyIdentity } from "@/lib/apikeys/keys";
import { can, type Action, type Area } from "@/lib/authz/policy";
import { issueField, issueMessage } from "@/lib/actions/zod-errors";
import { DomainError, type DomainErrorCode } from "@/lib/errors";
import { isReportBusy, REPORT_BUSY_CODE } from "@/lib/cache/busy";
import {
  DATABASE_UNAVAILABLE_CODE,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
} from "@/db/unavailable";
import { atMostCharacters, controlCharacterMessage, hasForbiddenControl, TEXT_LIMITS } from "@/lib/limits";

/**
 * The wrapper for every /api/v1/* route handler (docs/api.md): Bearer API key (401),
 * the role policy (403), bad input as 400 `{"error": {"code", "message", "field"}}` (a NUL or
 * other control character, or an over-long value, in any query parameter is refused here, for
 * every endpoint, naming the parameter), an unavailable database as 503 `database_unavailable`
 * with Retry-After, too many report computations at once (lib/cache/admission.ts) as 503 `busy`
 * with Retry-After, anything unexpected as a generic 500 (logged, no stack), JSON with
 * `Cache-Control: no-store` always.
 */

/** A failure to answer as is. Throw it from a handler; status 400 for bad parameters. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ApiContext = { key: ApiKeyIdentity; db: Db; url: URL };
export type ApiHandler = (req: Request, ctx: ApiContext) => Promise<Response | object> | Response | object;
export type ApiRouteOptions = { access?: Action; getDb?: () => Promise<Db> };

const BASE_HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" } as const;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  field: string | null = null,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ error: { code, message, field } }, status, headers);
}

/** The key from `Authorization: Bearer <key>`, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

async function defaultDb(): Promise<Db> {
  const { getDb } = await import("@/db/client");
  return getDb();
}

/** The HTTP status of a service's refusal. */
const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  stale: 409,
  invalid: 400,
  conflict: 409,
};

/** The 503 of an unavailable database (db/unavailable.ts), with Retry-After. */
export function unavailableResponse(): Response {
  return errorResponse(503, DATABASE_UNAVAILABLE_CODE, DATABASE_UNAVAILABLE_MESSAGE, null, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });
}

/**
 * The first query parameter no endpoint can accept, as a 400 ApiError naming it: a control
 * character (NUL included) in its name or value, or a value longer than TEXT_LIMITS.parameter.
 * Null when every parameter is plain text.
 */
export function checkQueryText(params: URLSearchParams): ApiError | null {
  for (const [name, value] of params) {
    const field = hasForbiddenControl(name) ? "(parameter name)" : name.slice(0, 100);
    if (hasForbiddenControl(name) || hasForbiddenControl(value)) {
      const text = hasForbiddenControl(name) ? name : value;
      return new ApiError(400, "invalid_parameter", `${field} ${controlCharacterMessage(text)}.`, field);
    }
    if (value.length > TEXT_LIMITS.parameter) {
      return new ApiError(400, "invalid_parameter", `${field} must be ${atMostCharacters(TEXT_LIMITS.parameter)} long.`, field);
    }
  }
  return null;
}

/** Turns any thrown value into the API's JSON error answer. */
export function toErrorResponse(err: unknown, label = "api"): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message, err.field);
  // Admission control (lib/cache/admission.ts): too many report computations at once.
  if (isReportBusy(err)) {
    return errorResponse(503, REPORT_BUSY_CODE, err.message, null, { "Retry-After": String(err.retryAfterSeconds) });
  }
  if (isDatabaseUnavailable(err)) {
    console.error(`[${label}] database unavailable:`, err instanceof Error ? err.message : err);
    return unavailableResponse();
  }
  if (err instanceof DomainError) return errorResponse(DOMAIN_STATUS[err.code], err.key, err.message, err.field ?? null);
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    const field = issue ? issueField(issue) || null : null;
    const message = issue ? (field ? `${field}: ${issueMessage(issue)}` : issueMessage(issue)) : "Invalid request";
    return errorResponse(400, "invalid_parameter", message, field);
  }
  console.error(`[${label}] unexpected error`, err);
  return errorResponse(500, "internal_error", "An unexpected error occurred.");
}

export function apiRoute(
  area: Area,
  handler: ApiHandler,
  opts: ApiRouteOptions = {},
): (req: Request) => Promise<Response> {
  const getDb = opts.getDb ?? defaultDb;
  return async (req: Request): Promise<Response> => {
    try {
      const token = bearerToken(req);
      if (!token) {
        return errorResponse(401, "unauthorized", "Missing API key: send Authorization: Bearer <key>.", null, {
          "WWW-Authenticate": 'Bearer realm="alignboard"',
        });
      }
      const db = await getDb();
      const key = await verifyApiKey(db, token);
      if (!key) {
        return errorResponse(401, "unauthorized", "Invalid or revoked API key.", null, {
          "WWW-Authenticate": 'Bearer realm="alignboard", error="invalid_token"',
        });
      }
      if (!can(key.role, area, opts.access ?? "view")) {
        return errorResponse(403, "forbidden", `An API key with role ${key.role} may not read this endpoint.`);
      }
      const url = new URL(req.url);
      const badText = checkQueryText(url.searchParams);
      if (badText) throw badText;
      const result = await handler(req, { key, db, url });
      if (result instanceof Response) {
        const headers = new Headers(result.headers);
        headers.set("Cache-Control", "no-store");
        return new Response(result.body, { status: result.status, statusText: result.statusText, headers });
      }
      return jsonResponse(result);
    } catch (err) {
      return toErrorResponse(err, `api ${area}`);
    }
  };
}
