import { beforeAll, expect, it, vi } from "vitest";
import { z } from "zod";
import { SEGMENTS } from "@/lib/enums";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/keys";
import { describeDb } from "@/lib/testing/describe-db";
import { DomainError } from "@/lib/errors";
import { ApiError, apiRoute } from "./handler";
import { healthResponse } from "./health";

const querySchema = z.object({
  from: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
  segment: z.array(z.enum(SEGMENTS)),
});
/** A handler's own zod parsing of its query string. */
const parseQuery = (url: URL) =>
  querySchema.parse(
    { from: url.searchParams.get("from") ?? undefined, segment: url.searchParams.getAll("segment") },
    { reportInput: true },
  );

describeDb("apiRoute", (t) => {
  const keys: Record<string, string> = {};
  let revoked = "";
  beforeAll(async () => {
    const db = t().conn.db;
    for (const role of ["admin", "leadership", "marketing", "sales"] as const) {
      keys[role] = (await createApiKey(db, { name: `${role} key`, role })).key;
    }
    const r = await createApiKey(db, { name: "revoked", role: "admin" });
    await revokeApiKey(db, r.id);
    revoked = r.key;
  });

  const route = (area: Parameters<typeof apiRoute>[0], fn: Parameters<typeof apiRoute>[1]) =>
    apiRoute(area, fn, { getDb: async () => t().conn.db });
  const get = (path: string, key?: string) =>
    new Request(`http://localhost${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  const body = async (res: Response) => (await res.json()) as { error?: { code: string; message: string; field: string | null } };

  it("answers 401 without a key, with a malformed header, a wrong key or a revoked key", async () => {
    const handler = vi.fn(() => ({ fine: true }));
    const GET = route("dashboard", handler);
    for (const req of [
      get("/api/v1/kpis"),
      new Request("http://localhost/api/v1/kpis", { headers: { Authorization: `Basic ${keys.admin}` } }),
      get("/api/v1/kpis", "ab_live_wrong"),
      get("/api/v1/kpis", revoked),
    ]) {
      const res = await GET(req);
      expect(res.status).toBe(401);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect((await body(res)).error).toMatchObject({ code: "unauthorized", field: null });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 403 for a role that may not see the area", async () => {
    const handler = vi.fn(() => ({ fine: true }));
    const res = await route("closed_loop", handler)(get("/api/v1/closed-loop", keys.sales));
    expect(res.status).toBe(403);
    expect((await body(res)).error?.code).toBe("forbidden");
    expect(handler).not.toHaveBeenCalled();
    expect((await route("closed_loop", handler)(get("/api/v1/closed-loop", keys.marketing))).status).toBe(200);
  });

  it("answers 200 JSON with no-store and hands the handler the key, db and url", async () => {
    const GET = route("dashboard", (_req, ctx) => ({ role: ctx.key.role, from: ctx.url.searchParams.get("from") }));
    const res = await GET(get("/api/v1/kpis?from=2025-01-01", keys.leadership));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ role: "leadership", from: "2025-01-01" });
  });

  it("keeps a handler's own Response but forces no-store", async () => {
    const GET = route("dashboard", () => new Response("{}", { status: 202, headers: { "Cache-Control": "max-age=60" } }));
    const res = await GET(get("/x", keys.sales));
    expect(res.status).toBe(202);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 400 naming the field for an ApiError", async () => {
    const GET = route("dashboard", () => {
      throw new ApiError(400, "invalid_parameter", "to must not be before from", "to");
    });
    const res = await GET(get("/x", keys.admin));
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({ error: { code: "invalid_parameter", message: "to must not be before from", field: "to" } });
  });

  it("refuses a NUL or control character, or an over-long value, in any parameter with 400 naming it, before the handler runs", async () => {
    const handler = vi.fn(() => ({ fine: true }));
    const GET = route("dashboard", handler);
    for (const [qs, field] of [
      ["owner_email=a%00@b.co", "owner_email"],
      ["from=2025-01-01&anything=x%01y", "anything"],
      [`q=${"x".repeat(2_001)}`, "q"],
      ["a%00b=1", "(parameter name)"],
    ] as const) {
      const res = await GET(get(`/api/v1/kpis?${qs}`, keys.admin));
      expect(res.status, qs).toBe(400);
      expect((await body(res)).error).toMatchObject({ code: "invalid_parameter", field });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers an unavailable database with a 503 database_unavailable and Retry-After", async () => {
    const GET = route("dashboard", () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const res = await GET(get("/x", keys.admin));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await body(res)).error?.code).toBe("database_unavailable");
  });

  it("answers a service's DomainError with its status, key, message and field", async () => {
    const GET = route("dashboard", () => {
      throw new DomainError("conflict", "The board needs at least one column.", { key: "last_column" });
    });
    const res = await GET(get("/x", keys.admin));
    expect(res.status).toBe(409);
    expect(await body(res)).toEqual({ error: { code: "last_column", message: "The board needs at least one column.", field: null } });
    const missing = route("dashboard", () => {
      throw new DomainError("not_found", "no such card", { field: "id" });
    });
    const gone = await missing(get("/x", keys.admin));
    expect(gone.status).toBe(404);
    expect((await body(gone)).error).toEqual({ code: "not_found", message: "no such card", field: "id" });
  });

  it("answers 400 naming the field for a zod error the handler throws", async () => {
    const GET = route("dashboard", (_req, { url }) => parseQuery(url));
    const missing = await GET(get("/x", keys.admin));
    expect(missing.status).toBe(400);
    expect((await body(missing)).error).toMatchObject({ code: "invalid_parameter", field: "from", message: "from: is required" });
    const bad = await GET(get("/x?from=2025-01-01&segment=smb&segment=galactic", keys.admin));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error?.field).toBe("segment.1");
    const ok = await GET(get("/x?from=2025-01-01&segment=smb&segment=enterprise", keys.admin));
    expect(await ok.json()).toEqual({ from: "2025-01-01", segment: ["smb", "enterprise"] });
  });

  it("answers 500 with a generic JSON error for unexpected failures", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const GET = route("dashboard", () => {
      throw new Error("relation \"secret_table\" does not exist");
    });
    const res = await GET(get("/x", keys.admin));
    expect(res.status).toBe(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).not.toContain("secret_table");
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "An unexpected error occurred.", field: null } });
    spy.mockRestore();
  });

  it("health: 200 when the database answers, 503 when it does not", async () => {
    const ok = await healthResponse(async () => t().conn.db);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toEqual({ status: "ok", database: "reachable" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const down = await healthResponse(async () => {
      throw new Error("ECONNREFUSED");
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "error", database: "unreachable" });
    const hung = await healthResponse(() => new Promise(() => undefined), 50);
    expect(hung.status).toBe(503);
    spy.mockRestore();
  });
});
