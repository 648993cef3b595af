import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { GET as getOpenApiRoute } from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/lib/apikeys/keys";
import { importFolder } from "@/lib/import";
import { KPI_KEYS, kpisHandler } from "@/lib/kpi";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import {
  bodyValidator,
  collectRefs,
  isObject,
  openApiStructureErrors,
  resolveRef,
  responseSchema,
} from "@/lib/testing/openapi";
import { apiRoute } from "./handler";
import { healthResponse } from "./health";
import type { Json, JsonObject } from "./json";
import { openApiDocument } from "./openapi";

/**
 * The OpenAPI document of /api/v1 is a valid OpenAPI 3.1 document, and the API's real answers
 * (a KPI report on the tiny fixture, bad parameters, a missing key, health) match it.
 */
const doc = openApiDocument();
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const validateBody = bodyValidator(doc);

function operations(): { path: string; method: string; op: JsonObject }[] {
  const paths = doc.paths;
  if (!isObject(paths)) throw new Error("no paths");
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item) ? Object.entries(item).flatMap(([method, op]) => (isObject(op) ? [{ path, method, op }] : [])) : [],
  );
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and passes the official schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(openApiStructureErrors(doc)).toEqual([]);
    expect(openApiStructureErrors({ ...doc, info: { title: "no version" } })).not.toEqual([]);
    expect(openApiStructureErrors({ ...doc, paths: { "/x": { get: { responses: { "200": { content: {} } } } } } })).not.toEqual([]);
  });

  it("documents exactly the route handlers of app/api/v1 and their methods", async () => {
    const root = fileURLToPath(new URL("../../app/api/v1/", import.meta.url));
    const all = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    // The optional catch-all answers 404 for paths that are no endpoint; it is not one itself.
    const catchAll = all.filter((f) => f.startsWith("[[..."));
    expect(catchAll).toEqual([join("[[...path]]", "route.ts")]);
    const routes = all.filter((f) => !catchAll.includes(f));
    const served: string[] = [];
    for (const file of routes) {
      const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
      const path = `/api/v1/${dirname(file)}`;
      for (const method of HTTP_METHODS) if (typeof mod[method] === "function") served.push(`${method.toLowerCase()} ${path}`);
    }
    expect(served.length).toBeGreaterThan(0);
    expect(operations().map((o) => `${o.method} ${o.path}`).sort()).toEqual(served.sort());
  });

  it("has resolvable references, unique operation ids and known security schemes", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => resolveRef(doc, ref), ref).not.toThrow();
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const schemes = Object.keys(resolveRef(doc, "#/components/securitySchemes") as JsonObject);
    const requirements = [doc.security, ...operations().map((o) => o.op.security)].flatMap((s) => (Array.isArray(s) ? s : []));
    for (const req of requirements as Json[]) {
      if (isObject(req)) for (const name of Object.keys(req)) expect(schemes).toContain(name);
    }
  });

  it("has valid draft 2020-12 component schemas (compiled in Ajv's strict mode)", () => {
    const schemas = resolveRef(doc, "#/components/schemas") as JsonObject;
    for (const [name, schema] of Object.entries(schemas)) {
      expect(() => validateBody(schema as JsonObject, null), name).not.toThrow();
    }
  });

  it("lists every KPI key, required, in the engine's order", () => {
    const kpis = resolveRef(doc, "#/components/schemas/Kpis") as JsonObject;
    expect(Object.keys(kpis.properties as JsonObject)).toEqual([...KPI_KEYS]);
    expect(kpis.required).toEqual([...KPI_KEYS]);
  });

  it("rejects bodies that break it (the validation is not vacuous)", () => {
    const schema = responseSchema(doc, "/api/v1/kpis", "get", "200");
    const kpis = Object.fromEntries(KPI_KEYS.map((k) => [k, 0]));
    const period = { from: "2025-01-01", to: "2025-03-31", as_of: "2025-04-15T00:00:00Z" };
    expect(validateBody(schema, { period, kpis })).toEqual([]);
    expect(validateBody(schema, { period, kpis: { ...kpis, revenue: "0" } })).not.toEqual([]);
    expect(validateBody(schema, { period, kpis: { ...kpis, won_deals: 1.5 } })).not.toEqual([]);
    expect(validateBody(schema, { period, kpis: { ...kpis, extra: 1 } })).not.toEqual([]);
    expect(validateBody(schema, { period: { ...period, from: "2025-02-30" }, kpis })).not.toEqual([]);
    const { revenue: _dropped, ...missing } = kpis;
    expect(validateBody(schema, { period, kpis: missing })).not.toEqual([]);
    const bad = responseSchema(doc, "/api/v1/kpis", "get", "400");
    expect(validateBody(bad, { error: { code: "unauthorized", message: "x", field: null } })).not.toEqual([]);
  });

  it("is served by GET /api/v1/openapi.json, without a key", async () => {
    const res = getOpenApiRoute();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as unknown;
    expect(body).toEqual(doc);
    expect(validateBody(responseSchema(doc, "/api/v1/openapi.json", "get", "200"), body)).toEqual([]);
  });
});

describeDb("the API's answers match the OpenAPI document", (t) => {
  const kpis = async (qs: string, auth = true): Promise<{ status: number; body: unknown }> => {
    const { db } = t().conn;
    const headers: Record<string, string> = {};
    if (auth) headers.Authorization = `Bearer ${(await createApiKey(db, { name: "openapi test", role: "marketing" })).key}`;
    const route = apiRoute("dashboard", kpisHandler, { getDb: async () => db });
    const res = await route(new Request(`http://localhost/api/v1/kpis?${qs}`, { headers }));
    return { status: res.status, body: await res.json() };
  };

  it("GET /api/v1/kpis → 200 on the tiny fixture, with and without filters", async () => {
    expect((await importFolder(t().conn.db, TINY_DIR)).ok).toBe(true);
    const schema = responseSchema(doc, "/api/v1/kpis", "get", "200");
    for (const qs of [
      "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z",
      "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T02:00:00%2B02:00&segment=smb&segment=enterprise&source_channel=webinar",
      "from=2030-01-01&to=2030-01-31",
    ]) {
      const { status, body } = await kpis(qs);
      expect(status, qs).toBe(200);
      expect(validateBody(schema, body), qs).toEqual([]);
    }
    // Real numbers, not only nulls, went through the schema: the fixture's revenue in P.
    const { body } = await kpis("from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z");
    expect((body as { kpis: Record<string, unknown> }).kpis.revenue).toBe(67_000);
  });

  it("GET /api/v1/kpis → 400 for bad parameters, 401 without a key", async () => {
    const schema400 = responseSchema(doc, "/api/v1/kpis", "get", "400");
    for (const qs of ["to=2025-03-31", "from=2025-01-01&to=2025-03-31&segment=giant", "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00"]) {
      const { status, body } = await kpis(qs);
      expect(status, qs).toBe(400);
      expect(validateBody(schema400, body), qs).toEqual([]);
    }
    const { status, body } = await kpis("from=2025-01-01&to=2025-03-31", false);
    expect(status).toBe(401);
    expect(validateBody(responseSchema(doc, "/api/v1/kpis", "get", "401"), body)).toEqual([]);
  });

  it("GET /api/v1/health → 200 when the database answers, 503 when it does not", async () => {
    const up = await healthResponse(async () => t().conn.db);
    expect(up.status).toBe(200);
    expect(validateBody(responseSchema(doc, "/api/v1/health", "get", "200"), await up.json())).toEqual([]);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const down = await healthResponse(async () => {
      throw new Error("no database");
    });
    quiet.mockRestore();
    expect(down.status).toBe(503);
    expect(validateBody(responseSchema(doc, "/api/v1/health", "get", "503"), await down.json())).toEqual([]);
  });
});
