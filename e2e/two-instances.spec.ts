import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { DEMO, importThroughFlow, pageAs } from "./helpers";

/**
 * Two app instances on one database (issue 15 item 6; docs/scaling.md "Several instances"): the
 * Playwright config starts a second production server on E2E_PORT + 1 over the same database.
 * A session made on one instance is valid on the other; an API key created on one works on the
 * other; an import through one instance invalidates the other's cached reports at once; failed
 * sign-ins counted by one instance limit the account on the other.
 */
const A = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const B = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;
const KPIS = "/api/v1/kpis?from=2026-06-01&to=2026-06-30&as_of=2026-06-30T12:00:00Z";

async function createApiKey(browser: Browser): Promise<string> {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto(`${A}/admin`);
  const form = admin.page.locator('form[aria-labelledby="new-key-heading"]');
  await form.getByLabel("Name").fill(`e2e two instances ${Date.now()}`);
  await form.getByLabel("Role").selectOption("leadership");
  await form.getByRole("button", { name: "Create key" }).click();
  const keyInput = admin.page.locator("#new-key-value");
  await expect(keyInput).toBeVisible();
  const key = await keyInput.inputValue();
  await admin.close();
  return key;
}

async function revenueOn(request: APIRequestContext, base: string, key: string): Promise<number> {
  const res = await request.get(`${base}${KPIS}`, { headers: { Authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { kpis: { revenue: number | null } };
  return body.kpis.revenue ?? 0;
}

/** Posts credentials to next-auth on `base`; the error next-auth redirects with ("" = signed in). */
async function attemptSignIn(request: APIRequestContext, base: string, email: string, password: string): Promise<string> {
  const csrf = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: `${base}/dashboard`, json: "true" },
    headers: { origin: base, "sec-fetch-site": "same-origin" },
    maxRedirects: 0,
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  return decodeURIComponent(new URL(body.url ?? base).searchParams.get("error") ?? "");
}

test("two instances share sessions, API keys, the cache's invalidation and the sign-in limit", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  // A session signed in on A (e2e/auth.setup.ts) opens B's dashboard.
  const leadership = await pageAs(browser, "leadership");
  await leadership.page.goto(`${B}/dashboard`);
  await expect(leadership.page.getByRole("heading", { level: 1, name: "Revenue dashboard" })).toBeVisible();
  await leadership.close();

  // A key made on A answers on B; B caches June's revenue.
  const key = await createApiKey(browser);
  const request = await playwright.request.newContext();
  const before = await revenueOn(request, B, key);
  expect(await revenueOn(request, B, key)).toBe(before);

  // An import through A: one more deal won in June. B's next answer includes it.
  const admin = await pageAs(browser, "admin");
  const deals = [
    "deal_id,name,account_id,primary_lead_id,owner_email,amount,currency,created_at,stage,closed_at,lost_reason",
    `E2E-TWO-1,Two instances deal,,L0000001,${DEMO.sales.email},1234.56,USD,2026-06-01T10:00:00Z,closed_won,2026-06-15T10:00:00Z,`,
  ].join("\n");
  // The guided import on A (the page's baseURL is A).
  await importThroughFlow(admin.page, { name: "deals.csv", mimeType: "text/csv", buffer: Buffer.from(deals + "\n") });
  await admin.close();
  expect(Math.round((await revenueOn(request, B, key)) * 100)).toBe(Math.round((before + 1234.56) * 100));

  // Failed sign-ins on A count on B: after the per-account limit (5), B refuses the next attempt
  // for that account. (An account nobody uses, so no demo login is locked for the other specs.)
  const email = `two-instances-${Date.now()}@alignboard.example`;
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) outcomes.push(await attemptSignIn(request, A, email, `wrong password ${i}`));
  expect(outcomes.every((o) => o === "CredentialsSignin"), outcomes.join(", ")).toBe(true);
  expect(await attemptSignIn(request, B, email, "another wrong password")).toMatch(/^rate_limited:/);
  await request.dispose();
});
