import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * HTTP-level security tests against a running production server: `BASE_URL=http://host:port
 * npx vitest run --config test/security/vitest.config.ts`, or `npm run test:security`, which
 * builds if needed, starts a server on a fresh embedded database and sets BASE_URL
 * (scripts/test-security.ts). Files run one at a time in name order: 99-rate-limit fills the
 * per-address sign-in budget of the address the other files use, so it must come last.
 */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("../..", import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/security/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    sequence: { sequencer: ByName },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
