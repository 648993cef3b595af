import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

/**
 * `npm test`: the whole suite, in order — typecheck, lint, unit + integration tests (Vitest;
 * database tests on PGlite, and on the PostgreSQL server too when TEST_DATABASE_URL is set),
 * a production build, the Playwright end-to-end tests and the HTTP security tests (test/security)
 * against it. Ends with one line
 * `N passed, N failed` (typecheck, lint and build count as one check each) and a non-zero exit
 * status when anything failed. `--skip-e2e` leaves out the build and the browser tests.
 */
const root = process.cwd();
const out = resolve(root, ".data/test-results");
mkdirSync(out, { recursive: true });
const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => resolve(root, "node_modules/.bin", name);

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  console.log(`\n━━ ${label}: ${[cmd, ...args].join(" ")}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => done(code === 0));
    child.on("error", () => done(false));
  });
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const check = (name: string, ok: boolean) => {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
};

check("typecheck", await run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]));
check("lint", await run("lint", bin("eslint"), ["--max-warnings", "0", "."]));

const vitestJson = resolve(out, "vitest.json");
rmSync(vitestJson, { force: true });
const vitestOk = await run("unit and integration tests", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
/** Adds a Vitest JSON report's counts to the tally (a file that failed to load counts as a failure). */
function countVitest(name: string, json: string, ok: boolean): void {
  if (!existsSync(json)) {
    check(`${name} (no report)`, ok);
    return;
  }
  const report = JSON.parse(readFileSync(json, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; name: string; assertionResults: unknown[] }[];
  };
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no test results of its own: count it as a failure.
  for (const file of report.testResults) {
    if (file.status === "failed" && file.assertionResults.length === 0) check(`load ${file.name}`, false);
  }
  if (report.numFailedTests > 0) failures.push(name);
}
countVitest("vitest", vitestJson, vitestOk);

if (!skipE2e) {
  const built = await run("production build", bin("next"), ["build"]);
  check("build", built);
  if (built) {
    for (const entry of existsSync(resolve(root, ".data")) ? readdirSync(resolve(root, ".data")) : []) {
      if (entry.startsWith("e2e-")) rmSync(resolve(root, ".data", entry), { recursive: true, force: true });
    }
    const e2eJson = resolve(out, "e2e.json");
    rmSync(e2eJson, { force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, E2E_JSON: e2eJson };
    delete env.DATABASE_URL;
    const e2eOk = await run("end-to-end tests", bin("playwright"), ["test", "--config", "e2e/playwright.config.ts"], env);
    if (existsSync(e2eJson)) {
      const report = JSON.parse(readFileSync(e2eJson, "utf8")) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      };
      tally.passed += report.stats.expected + report.stats.flaky;
      tally.failed += report.stats.unexpected;
      tally.skipped += report.stats.skipped;
      if (report.stats.unexpected > 0) failures.push("e2e");
    } else check("e2e (no report)", e2eOk);
    // The HTTP-level security regressions (test/security) against the same production build.
    const securityJson = resolve(out, "security.json");
    rmSync(securityJson, { force: true });
    const securityEnv: NodeJS.ProcessEnv = { ...process.env };
    delete securityEnv.DATABASE_URL;
    delete securityEnv.BASE_URL;
    const securityOk = await run(
      "security tests",
      bin("tsx"),
      ["scripts/test-security.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${securityJson}`],
      securityEnv,
    );
    countVitest("security", securityJson, securityOk);
  }
}

console.log(`\n${failures.length ? `Failed: ${failures.join(", ")}` : "All green."}`);
console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 ? 1 : 0);
