import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a production build (`next build` first; scripts/test-all.ts does
 * it). The server runs on a fresh embedded database in its own folder, seeded with the demo
 * data by scripts/dev.ts. Chromium: CHROMIUM_PATH, Debian's /usr/bin/chromium, an installed
 * Chrome, else Playwright's own browser.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
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
  webServer: {
    // A data folder of its own per run, so no state leaks between runs.
    command: `sh -c 'ALIGNBOARD_DATA_DIR=.data/e2e-$$ exec node --import tsx scripts/dev.ts --production --port ${PORT}'`,
    cwd: "..",
    url: `http://localhost:${PORT}/api/v1/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { DATABASE_URL: "", NEXTAUTH_URL: `http://localhost:${PORT}` },
  },
});
