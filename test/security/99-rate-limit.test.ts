import { describe, expect, it } from "vitest";
import { postCredentials } from "./http";

/**
 * Issue 8 item 6: rotating X-Forwarded-For does not buy fresh sign-in attempts. Expects the
 * server to run without TRUSTED_PROXIES covering this client (npm run test:security does so).
 * Runs LAST: it fills this machine's per-address budget for 15 minutes (under `npm start` each
 * connection address has its own; 98-peer-rate-limit checks that).
 */

const MAX_FAILURES_PER_ADDRESS = 20;

describe("per-address sign-in limit", () => {
  it("holds when every attempt claims another X-Forwarded-For / X-Real-IP", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ADDRESS + 2; i++) {
      const url = await postCredentials(`nobody-${i}-${Date.now()}@alignboard.example`, "wrong password", {
        headers: { "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `203.0.113.${i + 1}` },
      });
      outcomes.push(decodeURIComponent(new URL(url).searchParams.get("error") ?? "none"));
    }
    const firstLimited = outcomes.findIndex((o) => o.startsWith("rate_limited:"));
    expect(firstLimited, outcomes.join(", ")).toBeGreaterThanOrEqual(0);
    expect(firstLimited).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(outcomes.slice(firstLimited).every((o) => o.startsWith("rate_limited:"))).toBe(true);
  });
});
