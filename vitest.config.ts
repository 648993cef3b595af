import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: here(".") },
      // Tests run server modules outside React's server environment, where the real
      // `server-only` throws; give them the package's own no-op (what react-server resolves to).
      { find: /^server-only$/, replacement: here("./node_modules/server-only/empty.js") },
    ],
  },
  test: {
    include: ["{lib,db,app,components,scripts}/**/*.test.{ts,tsx}"],
    environment: "node",
    // Migrates once per run into templates that each database suite copies.
    globalSetup: ["lib/testing/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
