import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, UNIDENTIFIED_CLIENT } from "./client-address";
import { forwardedByTrustedProxy, PEER_HEADER, PEER_HEADER_ENV, peerAddress, stampPeer } from "./peer";
import { parseTrustedProxies } from "./trusted-proxies";

const SERVED: NodeJS.ProcessEnv = { NODE_ENV: "test", [PEER_HEADER_ENV]: "1" };
const NOT_SERVED: NodeJS.ProcessEnv = { NODE_ENV: "test" };
const NONE = parseTrustedProxies(undefined);
const LOCAL_PROXY = parseTrustedProxies("127.0.0.1");

function fakeRequest(remoteAddress: string | undefined, rawHeaders: string[]): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[(rawHeaders[i] ?? "").toLowerCase()] = rawHeaders[i + 1] ?? "";
  return { socket: { remoteAddress }, headers, rawHeaders } as unknown as IncomingMessage;
}

describe("stampPeer", () => {
  it("replaces every client-sent copy of the peer header with the socket's address", () => {
    const req = fakeRequest("::ffff:192.0.2.44", ["Host", "x", "X-Alignboard-Peer", "198.51.100.1", "x-alignboard-peer", "198.51.100.2"]);
    stampPeer(req);
    expect(req.headers[PEER_HEADER]).toBe("192.0.2.44");
    expect(req.rawHeaders).toEqual(["Host", "x", PEER_HEADER, "192.0.2.44"]);
  });

  it("writes 'unknown' when the socket has no address", () => {
    const req = fakeRequest(undefined, []);
    stampPeer(req);
    expect(req.headers[PEER_HEADER]).toBe("unknown");
  });
});

describe("peerAddress", () => {
  it("believes the header only in a process served by scripts/serve.ts", () => {
    const h = new Headers({ [PEER_HEADER]: "192.0.2.5" });
    expect(peerAddress((n) => h.get(n), SERVED)).toBe("192.0.2.5");
    expect(peerAddress((n) => h.get(n), NOT_SERVED)).toBeNull();
  });

  it("refuses lists and non-addresses", () => {
    for (const value of ["192.0.2.5, 192.0.2.6", "unknown", ""]) {
      const h = new Headers({ [PEER_HEADER]: value });
      expect(peerAddress((n) => h.get(n), SERVED)).toBeNull();
    }
  });
});

describe("clientAddress with a stamped peer", () => {
  it("without TRUSTED_PROXIES, the peer is the client and forwarding headers are ignored", () => {
    const a = new Headers({ [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": "198.51.100.1" });
    const b = new Headers({ [PEER_HEADER]: "192.0.2.11", "x-forwarded-for": "198.51.100.1" });
    expect(clientAddress(a, NONE, SERVED)).toBe("192.0.2.10");
    expect(clientAddress(b, NONE, SERVED)).toBe("192.0.2.11");
    // Outside scripts/serve.ts the header is worthless: one shared bucket as before.
    expect(clientAddress(a, NONE, NOT_SERVED)).toBe(UNIDENTIFIED_CLIENT);
  });

  it("with TRUSTED_PROXIES, believes X-Forwarded-For only from a trusted peer", () => {
    const viaProxy = new Headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddress(viaProxy, LOCAL_PROXY, SERVED)).toBe("203.0.113.9");
    const direct = new Headers({ [PEER_HEADER]: "192.0.2.20", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(direct, LOCAL_PROXY, SERVED)).toBe("192.0.2.20");
  });

  it("forwarding headers (host, proto) count only from a trusted peer", () => {
    const read = (peer: string) => (name: string) => (name === PEER_HEADER ? peer : null);
    expect(forwardedByTrustedProxy(read("127.0.0.1"), LOCAL_PROXY, SERVED)).toBe(true);
    expect(forwardedByTrustedProxy(read("192.0.2.20"), LOCAL_PROXY, SERVED)).toBe(false);
    expect(forwardedByTrustedProxy(read("192.0.2.20"), LOCAL_PROXY, NOT_SERVED)).toBe(true);
    expect(forwardedByTrustedProxy(read("127.0.0.1"), NONE, SERVED)).toBe(false);
  });
});
