import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { PEER_HEADER } from "../../lib/security/peer";
import { BASE_URL, ORIGIN } from "./http";

/**
 * Issue 8 item 6, without TRUSTED_PROXIES: clients at different socket addresses get separate
 * per-address sign-in budgets (scripts/serve.ts stamps each connection's address into a private
 * header), and a client that forges that header (or X-Forwarded-For) gets no fresh budget.
 *
 * Distinct socket addresses: Linux routes all of 127.0.0.0/8 to the loopback interface, so the
 * requests below leave from 127.0.0.2 and 127.0.0.3 (`localAddress`) to the server at 127.0.0.1.
 * Runs before 99-rate-limit (which fills the budget of the address the other tests use) and
 * only against a server on this machine (npm run test:security starts one).
 */

const MAX_FAILURES_PER_ADDRESS = 20;
const target = new URL(BASE_URL);
const local = ["localhost", "127.0.0.1", "[::1]"].includes(target.hostname) && target.protocol === "http:";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request from `from` (a 127/8 address) to the server, Host and Origin as the browser sends them. */
function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: Number(target.port || 80),
        localAddress: from,
        method,
        path,
        headers: { host: target.host, ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`timed out: ${method} ${path}`)));
    req.end(body);
  });
}

function cookiesOf(answer: Answer): string {
  const set = answer.headers["set-cookie"] ?? [];
  return (Array.isArray(set) ? set : [set]).map((line) => line.split(";")[0] ?? "").join("; ");
}

/** A failed sign-in from `from`; returns next-auth's error ("CredentialsSignin", "rate_limited:N", …). */
async function wrongPassword(from: string, extraHeaders: Record<string, string> = {}): Promise<string> {
  const csrf = await send(from, "GET", "/api/auth/csrf", extraHeaders);
  const token = (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken ?? "";
  const form = new URLSearchParams({
    csrfToken: token,
    email: `nobody-${from}-${Date.now()}-${Math.random().toString(36).slice(2)}@alignboard.example`,
    password: "wrong password",
    callbackUrl: `${ORIGIN}/dashboard`,
    json: "true",
  }).toString();
  const res = await send(
    from,
    "POST",
    "/api/auth/callback/credentials",
    {
      ...extraHeaders,
      cookie: cookiesOf(csrf),
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/x-www-form-urlencoded",
    },
    form,
  );
  const url = (JSON.parse(res.body) as { url?: string }).url ?? "";
  return decodeURIComponent(new URL(url, ORIGIN).searchParams.get("error") ?? "none");
}

describe.skipIf(!local)("per-address sign-in limit by socket address (no TRUSTED_PROXIES)", () => {
  it("limits two client addresses separately, and a forged peer header buys no new bucket", async () => {
    // Client A (127.0.0.2) uses up its budget while claiming a different peer address each time.
    const a: string[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ADDRESS + 1; i++) {
      a.push(
        await wrongPassword("127.0.0.2", {
          [PEER_HEADER]: `198.51.100.${i + 1}`,
          "x-forwarded-for": `203.0.113.${i + 1}`,
        }),
      );
    }
    const firstLimited = a.findIndex((o) => o.startsWith("rate_limited:"));
    expect(firstLimited, a.join(", ")).toBe(MAX_FAILURES_PER_ADDRESS);
    expect(a.slice(0, firstLimited).every((o) => o === "CredentialsSignin"), a.join(", ")).toBe(true);
    expect(a.slice(firstLimited).every((o) => o.startsWith("rate_limited:")), a.join(", ")).toBe(true);

    // Still limited when A claims, in the private header, to be the address of client B.
    expect(await wrongPassword("127.0.0.2", { [PEER_HEADER]: "127.0.0.3" })).toMatch(/^rate_limited:/);

    // Client B (127.0.0.3) has a budget of its own.
    expect(await wrongPassword("127.0.0.3")).toBe("CredentialsSignin");
    expect(await wrongPassword("127.0.0.3", { [PEER_HEADER]: "127.0.0.2" })).toBe("CredentialsSignin");
  });
});
