import { describe, expect, it } from "vitest";
import { clientAddress, UNIDENTIFIED_CLIENT } from "./client-address";
import { normalizeAddress, parseTrustedProxies } from "./trusted-proxies";

const NONE = parseTrustedProxies(undefined);
const LOCAL_PROXY = parseTrustedProxies("127.0.0.1, ::1");
const CHAIN = parseTrustedProxies("10.0.0.0/8,192.168.1.10,2001:db8::/32");

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges, IPv4 and IPv6, and reports the rest", () => {
    const p = parseTrustedProxies(" 10.0.0.0/8 , 192.168.1.10, 2001:db8::/32, ::1, nonsense, 10.0.0.0/33, 1.2.3.4/x ");
    expect(p.configured).toBe(true);
    expect(p.invalid).toEqual(["nonsense", "10.0.0.0/33", "1.2.3.4/x"]);
    expect(p.isTrusted("10.200.3.4")).toBe(true);
    expect(p.isTrusted("::ffff:10.200.3.4")).toBe(true);
    expect(p.isTrusted("192.168.1.10")).toBe(true);
    expect(p.isTrusted("192.168.1.11")).toBe(false);
    expect(p.isTrusted("2001:db8:1::5")).toBe(true);
    expect(p.isTrusted("[::1]:443")).toBe(true);
    expect(p.isTrusted("11.0.0.1")).toBe(false);
    expect(p.isTrusted("not an ip")).toBe(false);
  });

  it("is empty by default", () => {
    for (const value of [undefined, "", " , "]) {
      const p = parseTrustedProxies(value);
      expect(p.configured).toBe(false);
      expect(p.isTrusted("127.0.0.1")).toBe(false);
    }
  });

  it("normalises addresses with ports, brackets, zones and IPv4-mapped IPv6", () => {
    expect(normalizeAddress("203.0.113.5:8080")).toBe("203.0.113.5");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});

describe("clientAddress", () => {
  it("ignores forwarding headers when no proxy is trusted: rotating X-Forwarded-For gains nothing", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      seen.add(clientAddress(new Headers({ "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `203.0.113.${i}` }), NONE));
    }
    expect([...seen]).toEqual([UNIDENTIFIED_CLIENT]);
    expect(clientAddress(new Headers(), NONE)).toBe(UNIDENTIFIED_CLIENT);
    expect(clientAddress(undefined, NONE)).toBe(UNIDENTIFIED_CLIENT);
  });

  it("behind a trusted proxy, takes the address the proxy appended, not what the client wrote", () => {
    // The client forged two entries; nginx appended the address it saw.
    const h = new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.9" });
    expect(clientAddress(h, LOCAL_PROXY)).toBe("203.0.113.9");
    const rotating = new Set<string>();
    for (let i = 0; i < 20; i++) {
      rotating.add(clientAddress(new Headers({ "x-forwarded-for": `198.51.100.${i}, 203.0.113.9` }), LOCAL_PROXY));
    }
    expect([...rotating]).toEqual(["203.0.113.9"]);
  });

  it("skips every trusted hop of a proxy chain", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.20, 2001:db8::7, 10.1.2.3" });
    expect(clientAddress(h, CHAIN)).toBe("198.51.100.20");
    expect(clientAddress({ "x-forwarded-for": ["198.51.100.21", "10.0.0.1"] }, CHAIN)).toBe("198.51.100.21");
  });

  it("uses X-Real-IP when every hop is a proxy, and a shared bucket for what is not an address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.30" }), LOCAL_PROXY)).toBe(
      "198.51.100.30",
    );
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.31" }), LOCAL_PROXY)).toBe("198.51.100.31");
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), LOCAL_PROXY)).toBe("127.0.0.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4, unknown" }), LOCAL_PROXY)).toBe(UNIDENTIFIED_CLIENT);
    expect(clientAddress(new Headers(), LOCAL_PROXY)).toBe(UNIDENTIFIED_CLIENT);
  });

  it("reads plain header objects (next-auth's authorize) as well as Headers", () => {
    expect(clientAddress({ "x-forwarded-for": "198.51.100.1" }, LOCAL_PROXY)).toBe("198.51.100.1");
    expect(clientAddress({ "x-forwarded-for": "198.51.100.1" }, NONE)).toBe(UNIDENTIFIED_CLIENT);
  });

  it("reads TRUSTED_PROXIES from the environment by default", () => {
    const before = process.env.TRUSTED_PROXIES;
    try {
      delete process.env.TRUSTED_PROXIES;
      expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.2" }))).toBe(UNIDENTIFIED_CLIENT);
      process.env.TRUSTED_PROXIES = "127.0.0.1";
      expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.2" }))).toBe("198.51.100.2");
    } finally {
      if (before === undefined) delete process.env.TRUSTED_PROXIES;
      else process.env.TRUSTED_PROXIES = before;
    }
  });
});
