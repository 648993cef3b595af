import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a production build (`next build` first; scripts/test-all.ts does
 * it). The server runs on a fresh embedded database in its own folder, seeded with the demo
 * data by scripts/dev.ts, with its clock pinned (ALIGNBOARD_NOW, lib/clock.ts): the demo data
 * ends on E2E_NOW's day and the dashboard's presets count from it, so every run sees the same
 * numbers whatever today is. The "setup" project signs in once per role through the real form
 * and saves the session to e2e/.auth/<role>.json (gitignored); specs start signed in with
 * `test.use({ storageState: authFile(role) })`. Chromium: CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, an installed Chrome, else Playwright's own browser.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A second app instance on the same database (e2e/two-instances.spec.ts; issue 15 item 6). */
const SECOND_PORT = PORT + 1;
/** One data folder per run, shared by both instances (so no state leaks between runs). */
const DATA_DIR = `.data/e2e-${process.pid}`;
/** The server's "now" (see lib/clock.ts): the demo data ends that day. */
const E2E_NOW = "2026-06-30T12:00:00Z";
const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const executablePath = candidates.find((p): p is string => Boolean(p && existsSync(p)));

export default defineConfig({
  testDir: ".",
  outputDir: "./.results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.E2E_JSON ? [["list"], ["json", { outputFile: process.env.E2E_JSON }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "e2e", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
  // Playwright starts both at once: the second waits until the first answers (the first one
  // migrates and seeds the shared embedded database and makes its auth secret).
  webServer: [PORT, SECOND_PORT].map((port) => ({
    command:
      port === PORT
        ? `node --import tsx scripts/dev.ts --production --port ${port}`
        : `sh -c 'until node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" http://localhost:${PORT}/api/v1/health; do sleep 1; done; exec node --import tsx scripts/dev.ts --production --port ${port}'`,
    cwd: "..",
    url: `http://localhost:${port}/api/v1/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: { DATABASE_URL: "", ALIGNBOARD_DATA_DIR: DATA_DIR, NEXTAUTH_URL: `http://localhost:${port}`, ALIGNBOARD_NOW: E2E_NOW },
  })),
});
