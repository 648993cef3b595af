import { expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey } from "@/lib/apikeys/keys";
import { KPI_KEYS } from "./definitions";
import { kpisHandler } from "./api";

/** GET /api/v1/kpis through the real apiRoute wrapper (data-contract.md §2). */
describeDb("GET /api/v1/kpis", (t) => {
  const get = async (qs: string) => {
    const { db } = t().conn;
    const { key } = await createApiKey(db, { name: "kpi test", role: "sales" });
    const route = apiRoute("dashboard", kpisHandler, { getDb: async () => db });
    return route(new Request(`http://localhost/api/v1/kpis?${qs}`, { headers: { Authorization: `Bearer ${key}` } }));
  };

  it("answers with period and every KPI, no-store", async () => {
    const res = await get("from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z&segment=smb");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { period: unknown; kpis: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(["period", "kpis"]);
    expect(body.period).toEqual({ from: "2025-01-01", to: "2025-03-31", as_of: "2025-04-15T00:00:00Z" });
    expect(Object.keys(body.kpis)).toEqual([...KPI_KEYS]);
    expect(body.kpis.win_rate).toBeNull();
    expect(body.kpis.revenue).toBe(0);
  });

  it("400 names the bad field", async () => {
    for (const [qs, field] of [
      ["to=2025-03-31", "from"],
      ["from=2025-04-01&to=2025-03-31", "from"],
      ["from=2025-01-01&to=2025-03-31&source_channel=tv", "source_channel"],
      ["from=2025-01-01&to=2025-03-31&as_of=soon", "as_of"],
    ] as const) {
      const res = await get(qs);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string; message: string } };
      expect(body.error.field).toBe(field);
      expect(body.error.code).toBe("invalid_parameter");
    }
  });
});
