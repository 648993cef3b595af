import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOCK_ENV, now } from "./clock";

describe("clock", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is the real time when ALIGNBOARD_NOW is not set", () => {
    vi.stubEnv(CLOCK_ENV, "");
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it("is the pinned instant when ALIGNBOARD_NOW is set", () => {
    vi.stubEnv(CLOCK_ENV, "2026-06-30T12:00:00Z");
    expect(now().toISOString()).toBe("2026-06-30T12:00:00.000Z");
    vi.stubEnv(CLOCK_ENV, "2026-06-30T14:00:00+02:00");
    expect(now().toISOString()).toBe("2026-06-30T12:00:00.000Z");
  });

  it.each(["2026-06-30", "2026-06-30T12:00:00", "tomorrow", "2026-02-30T12:00:00Z"])("refuses %j, naming the variable", (value) => {
    vi.stubEnv(CLOCK_ENV, value);
    expect(() => now()).toThrow(/^ALIGNBOARD_NOW must be an ISO 8601 instant/);
  });
});
