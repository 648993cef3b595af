import { describe, expect, it } from "vitest";
import { MAX_CALLBACK_URL_LENGTH, nextAuthRedirect, safeCallbackUrl, sameOriginPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";

/** What a browser does with the Location header we would send: the final URL's origin. */
function landsOn(location: string): string {
  return new URL(location, ORIGIN).origin;
}

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and refuses other sites", () => {
    expect(safeCallbackUrl("/sla?from=2025-01-01")).toBe("/sla?from=2025-01-01");
    expect(safeCallbackUrl("http://localhost:3000/roadmap", ORIGIN)).toBe("/roadmap");
    expect(safeCallbackUrl("//evil.example/x")).toBeNull();
    expect(safeCallbackUrl("/\\evil.example")).toBeNull();
    expect(safeCallbackUrl("javascript:alert(1)")).toBeNull();
    expect(safeCallbackUrl("/signin")).toBeNull();
    expect(safeCallbackUrl(null)).toBeNull();
  });

  const HOSTILE = [
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "https://evil.example/dashboard",
    "http://localhost:3000@evil.example/",
    "https:evil.example",
    "http:/\\evil.example",
    "/\t/evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "/\u0000/evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/\ufeff/evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://evil.example/",
    "http://evil.example",
    "http://[::1]/",
    "//[::ffff:7f00:1]/",
  ];
  it.each(HOSTILE)("refuses %j, or keeps it on this origin", (value) => {
    const result = safeCallbackUrl(value, ORIGIN);
    if (result !== null) {
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//")).toBe(false);
      expect(result.startsWith("/\\")).toBe(false);
      expect(landsOn(result)).toBe(ORIGIN);
      // Nothing a header or a browser would act on.
      expect(result).not.toMatch(/[\u0000-\u001f\u007f\s\\]/);
    }
  });

  it("decodes query-string escapes as the page would (?callbackUrl=/%09/evil.example)", () => {
    for (const raw of ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "%09//evil.example", "/%5Cevil.example"]) {
      const decoded = new URLSearchParams(`callbackUrl=${raw}`).get("callbackUrl");
      const result = safeCallbackUrl(decoded, ORIGIN);
      if (result !== null) expect(landsOn(result)).toBe(ORIGIN);
      expect(result === null || !/[\r\n\t]/.test(result)).toBe(true);
    }
    // An encoded backslash stays encoded: a harmless path on this site.
    expect(safeCallbackUrl("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
  });

  it("refuses the tab and newline tricks outright", () => {
    expect(safeCallbackUrl("/\t/evil.example", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("\t//evil.example", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("/\n/evil.example", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("/\r\n/evil.example", ORIGIN)).toBeNull();
  });

  it("never returns a header-breaking character", () => {
    expect(safeCallbackUrl("/dashboard\r\nSet-Cookie: x=1", ORIGIN)).toBe("/dashboardSet-Cookie:x=1");
    expect(safeCallbackUrl("/roadmap?q=a b", ORIGIN)).toBe("/roadmap?q=ab");
  });

  it("refuses very long values and non-strings", () => {
    expect(safeCallbackUrl(`/${"a".repeat(MAX_CALLBACK_URL_LENGTH)}`, ORIGIN)).toBeNull();
    expect(safeCallbackUrl(`/${"a".repeat(100)}`, ORIGIN)).toBe(`/${"a".repeat(100)}`);
    expect(safeCallbackUrl(["/dashboard"], ORIGIN)).toBeNull();
    expect(safeCallbackUrl(42, ORIGIN)).toBeNull();
    expect(safeCallbackUrl("", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("   ", ORIGIN)).toBeNull();
  });

  it("refuses the sign-in page and API routes but keeps look-alikes", () => {
    expect(safeCallbackUrl("/signin?callbackUrl=/x", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("/api/v1/kpis", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("/signinfo", ORIGIN)).toBe("/signinfo");
  });

  it("accepts an absolute URL only on the app's own origin", () => {
    expect(safeCallbackUrl("http://localhost:3000/sla#top", ORIGIN)).toBe("/sla#top");
    expect(safeCallbackUrl("http://localhost:3001/sla", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("https://localhost:3000/sla", ORIGIN)).toBeNull();
    expect(safeCallbackUrl("http://localhost:3000/sla")).toBeNull(); // origin unknown: paths only
  });
});

describe("nextAuthRedirect", () => {
  it("keeps same-origin targets and sends everything else to the fallback on the base URL", () => {
    expect(nextAuthRedirect("/signin", ORIGIN)).toBe(`${ORIGIN}/signin`);
    expect(nextAuthRedirect(`${ORIGIN}/roadmap?x=1`, ORIGIN)).toBe(`${ORIGIN}/roadmap?x=1`);
    expect(nextAuthRedirect("https://evil.example/", ORIGIN)).toBe(`${ORIGIN}/dashboard`);
    expect(nextAuthRedirect("/\t/evil.example", ORIGIN)).toBe(`${ORIGIN}/dashboard`);
    expect(nextAuthRedirect("//evil.example", ORIGIN)).toBe(`${ORIGIN}/dashboard`);
    // next-auth's default threw here ("Invalid URL"), a 500.
    expect(nextAuthRedirect("http://[bad", ORIGIN)).toBe(`${ORIGIN}/dashboard`);
  });

  it("is what sameOriginPath allows", () => {
    expect(sameOriginPath("/signin", ORIGIN)).toBe("/signin");
    expect(sameOriginPath("/x/../y", ORIGIN)).toBe("/y");
  });
});
