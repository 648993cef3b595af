import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { TINY_DIR } from "@/lib/testing/fixtures";
import { importFolder } from "@/lib/import";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { attributionHandler, closedLoopHandler } from "./api";
import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS } from "./models";
import type { AttributionResult } from "./report";
import type { ClosedLoopResult } from "./closed-loop";
import { openApiDocument } from "@/lib/api/openapi";
import { bodyValidator, responseSchema } from "@/lib/testing/openapi";

const doc = openApiDocument();
const validateBody = bodyValidator(doc);

/**
 * The worked example (test/fixtures/tiny): /api/v1/attribution for every model × group_by and
 * /api/v1/closed-loop answer the `attribution` and `closed-loop` sections of expected.json —
 * money to the cent, shares within 1e-9 (time decay's weights are real numbers), counts, keys
 * and their order exact.
 */
const expected = JSON.parse(readFileSync(resolve(TINY_DIR, "expected.json"), "utf8")) as {
  attribution: Record<string, Record<string, AttributionResult>>;
  "closed-loop": ClosedLoopResult;
};
const QUERY = "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z";

function expectAttribution(got: AttributionResult, want: AttributionResult): void {
  expect(Object.keys(got)).toEqual(["model", "group_by", "total_revenue", "rows"]);
  expect({ model: got.model, group_by: got.group_by, total_revenue: got.total_revenue }).toEqual({
    model: want.model,
    group_by: want.group_by,
    total_revenue: want.total_revenue,
  });
  expect(got.rows.map((r) => [r.key, r.revenue, r.deals])).toEqual(want.rows.map((r) => [r.key, r.revenue, r.deals]));
  got.rows.forEach((r, i) => expect(Math.abs((r.share ?? NaN) - (want.rows[i]!.share ?? NaN)), r.key).toBeLessThan(1e-9));
}

describeDb("attribution: tiny fixture through the API", (t) => {
  let key = "";
  beforeAll(async () => {
    const { db } = t().conn;
    const report = await importFolder(db, TINY_DIR);
    expect(report.ok).toBe(true);
    key = (await createApiKey(db, { name: "tiny", role: "marketing" })).key;
  });

  const get = async (path: string, handler: typeof attributionHandler, role?: string) => {
    const { db } = t().conn;
    const bearer = role ? (await createApiKey(db, { name: role, role: role as "sales" })).key : key;
    const route = apiRoute("closed_loop", handler, { getDb: async () => db });
    return route(new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${bearer}` } }));
  };

  for (const model of ATTRIBUTION_MODELS) {
    for (const groupBy of ATTRIBUTION_GROUP_BYS) {
      it(`attribution ${model} by ${groupBy} equals expected.json`, async () => {
        const res = await get(`/api/v1/attribution?${QUERY}&model=${model}&group_by=${groupBy}`, attributionHandler);
        expect(res.status).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-store");
        const body = (await res.json()) as AttributionResult;
        expect(validateBody(responseSchema(doc, "/api/v1/attribution", "get", "200"), body)).toEqual([]);
        expectAttribution(body, expected.attribution[model]![groupBy]!);
      });
    }
  }

  it("closed-loop equals expected.json", async () => {
    const res = await get(`/api/v1/closed-loop?${QUERY}`, closedLoopHandler);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ClosedLoopResult;
    expect(validateBody(responseSchema(doc, "/api/v1/closed-loop", "get", "200"), body)).toEqual([]);
    expect(body).toEqual(expected["closed-loop"]);
  });

  it("group_by defaults to channel", async () => {
    const res = await get(`/api/v1/attribution?${QUERY}&model=linear`, attributionHandler);
    expect(((await res.json()) as AttributionResult).group_by).toBe("channel");
  });

  it("400 naming the field for an unknown or missing model or group_by, and bad common parameters", async () => {
    for (const [q, field] of [
      [`${QUERY}&model=linear_ish`, "model"],
      [`${QUERY}`, "model"],
      [`${QUERY}&model=linear&model=u_shaped`, "model"],
      [`${QUERY}&model=linear&group_by=account`, "group_by"],
      [`from=2025-01-01&model=linear`, "to"],
      [`${QUERY}&model=linear&source_channel=tv`, "source_channel"],
    ] as const) {
      const res = await get(`/api/v1/attribution?${q}`, attributionHandler);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string; message: string } };
      expect(body.error.field, q).toBe(field);
      expect(body.error.code).toBe("invalid_parameter");
    }
    const res = await get(`/api/v1/closed-loop?from=2025-04-01&to=2025-03-01`, closedLoopHandler);
    expect(res.status).toBe(400);
  });

  it("sales may not read the aggregate reports (403); leadership may", async () => {
    expect((await get(`/api/v1/closed-loop?${QUERY}`, closedLoopHandler, "sales")).status).toBe(403);
    expect((await get(`/api/v1/attribution?${QUERY}&model=linear`, attributionHandler, "sales")).status).toBe(403);
    expect((await get(`/api/v1/closed-loop?${QUERY}`, closedLoopHandler, "leadership")).status).toBe(200);
  });

  it("filters narrow the deals: source_channel=webinar leaves D1 alone", async () => {
    const res = await get(`/api/v1/attribution?${QUERY}&model=first_touch&source_channel=webinar`, attributionHandler);
    const body = (await res.json()) as AttributionResult;
    expect(body.total_revenue).toBe(40000);
    expect(body.rows).toEqual([{ key: "webinar", revenue: 40000, deals: 1, share: 1 }]);
  });
});
