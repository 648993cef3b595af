import type { TestProject } from "vitest/node";
import { createServerTemplate, pgliteTemplate, testServerUrl } from "./databases";

/**
 * Vitest global setup: migrates once per run what every database suite copies (see
 * lib/testing/databases.ts) — a template database on the TEST_DATABASE_URL server, dropped
 * again at the end, and a PGlite data-directory dump (kept between runs until the migrations
 * change). Both are made at the same time.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = testServerUrl();
  const [server, pglite] = await Promise.allSettled([base ? createServerTemplate(base) : null, pgliteTemplate()]);
  if (server.status === "rejected" || pglite.status === "rejected") {
    if (server.status === "fulfilled") await server.value?.drop();
    throw server.status === "rejected" ? server.reason : (pglite as PromiseRejectedResult).reason;
  }
  project.provide("serverTemplate", server.value?.name ?? null);
  project.provide("pgliteTemplate", pglite.value);
  return async () => {
    await server.value?.drop();
  };
}
