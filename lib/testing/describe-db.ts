import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "./databases";

/**
 * `describeDb("importer", (t) => { it(..., async () => { await t().conn.db... }) })` runs the
 * suite once per test target (PGlite always, the PostgreSQL server of TEST_DATABASE_URL when
 * set), each in a fresh, migrated database of its own (a copy of the run's template, see
 * lib/testing/databases.ts) that is dropped afterwards. Tests in it share that database: set
 * up what a test reads in beforeAll/beforeEach, never in an earlier `it`, so that any one test
 * runs alone with `vitest -t`.
 */
export function describeDb(name: string, suite: (target: () => TestDatabase) => void): void {
  for (const kind of testTargets()) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | null = null;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      }, 120_000);
      afterAll(async () => {
        await current?.drop();
      }, 60_000);
      suite(() => {
        if (!current) throw new Error("test database not ready");
        return current;
      });
    });
  }
}
