import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the first X-Forwarded-For entry, then X-Real-IP, else unknown", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": " 203.0.113.5, 10.0.0.1", "x-real-ip": "10.9.9.9" }))).toBe(
      "203.0.113.5",
    );
    expect(clientIp(new Headers({ "x-real-ip": "10.9.9.9" }))).toBe("10.9.9.9");
    expect(clientIp({ "x-forwarded-for": "198.51.100.1" })).toBe("198.51.100.1");
    expect(clientIp(new Headers())).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });
});

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and refuses other sites", () => {
    expect(safeCallbackUrl("/sla?from=2025-01-01")).toBe("/sla?from=2025-01-01");
    expect(safeCallbackUrl("http://localhost:3000/roadmap")).toBe("/roadmap");
    expect(safeCallbackUrl("//evil.example/x")).toBeNull();
    expect(safeCallbackUrl("/\\evil.example")).toBeNull();
    expect(safeCallbackUrl("javascript:alert(1)")).toBeNull();
    expect(safeCallbackUrl("/signin")).toBeNull();
    expect(safeCallbackUrl(null)).toBeNull();
  });
});
