import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";

/**
 * `npm run test:security [-- vitest args]`: the HTTP-level security tests (test/security/)
 * against a production build.
 * - With BASE_URL set, they run against that server as it is (passed on to the tests as
 *   SECURITY_BASE_URL: Vite overwrites BASE_URL inside Vitest) (it must not list this machine in
 *   TRUSTED_PROXIES, and 98/99-rate-limit fill the sign-in budgets of 127.0.0.2 and of this
 *   machine's own address for 15 minutes).
 * - Otherwise this builds the app if there is no build (`next build`), starts it like
 *   `npm start` on a free port with a fresh embedded database (.data/security-<pid>, demo data),
 *   runs the tests with BASE_URL pointing at it, and stops it.
 * The server gets IMPORT_MAX_UPLOAD_MB=12 (07-bad-input uploads 11 and 13 MB), and an admin API
 * key is created on its database for the API fuzz (SECURITY_API_KEY; against BASE_URL, set it
 * yourself, and IMPORT_MAX_UPLOAD_MB on that server, or those tests are skipped).
 * Exits with the tests' status. Extra arguments go to Vitest (e.g. `--reporter=json
 * --outputFile.json=…`, as scripts/test-all.ts does for the unit tests).
 */
const root = process.cwd();
const bin = (name: string) => resolve(root, "node_modules/.bin", name);
const vitestArgs = ["run", "--config", "test/security/vitest.config.ts", ...process.argv.slice(2)];

/** The upload limit of the server this script starts (07-bad-input reads it back). */
const TEST_UPLOAD_LIMIT_MB = "12";

/** Creates an admin API key on the database of `env` (npm run apikey), or null. */
function createApiKey(env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/apikey.ts", "create", "--name", "security tests", "--role", "admin"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => done(code === 0 ? (/(ab_live_\S+)\s*$/.exec(out.trim())?.[1] ?? null) : null));
    child.on("error", () => done(null));
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => done(code ?? 1));
    child.on("error", () => done(1));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<number> {
  if (process.env.BASE_URL) {
    console.log(`Security tests against ${process.env.BASE_URL}`);
    return run(bin("vitest"), vitestArgs, { ...process.env, SECURITY_BASE_URL: process.env.BASE_URL });
  }
  if (!existsSync(resolve(root, ".next/BUILD_ID"))) {
    console.log("No production build yet: running next build…");
    const built = await run(bin("next"), ["build"], process.env);
    if (built !== 0) return built;
  }
  const dataRoot = resolve(root, ".data");
  for (const entry of existsSync(dataRoot) ? readdirSync(dataRoot) : []) {
    if (entry.startsWith("security-")) rmSync(resolve(dataRoot, entry), { recursive: true, force: true });
  }
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  // A server like `npm start` on the embedded database, trusting no proxy (99-rate-limit needs that).
  const { DATABASE_URL: _db, TRUSTED_PROXIES: _proxies, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ALIGNBOARD_DATA_DIR: `.data/security-${process.pid}`,
    NEXTAUTH_URL: baseUrl,
    IMPORT_MAX_UPLOAD_MB: TEST_UPLOAD_LIMIT_MB,
  };
  console.log(`Starting a production server on ${baseUrl} (fresh embedded database)…`);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--production", "--port", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  try {
    if (!(await waitForHealth(`${baseUrl}/api/v1/health`, server, 240_000))) {
      console.error(`The server did not come up. Its output:\n${log}`);
      return 1;
    }
    const apiKey = await createApiKey(env);
    if (!apiKey) console.error("Could not create an API key for the API fuzz; those tests will be skipped.");
    return await run(bin("vitest"), vitestArgs, {
      ...process.env,
      SECURITY_BASE_URL: baseUrl,
      SECURITY_UPLOAD_LIMIT_MB: TEST_UPLOAD_LIMIT_MB,
      ...(apiKey ? { SECURITY_API_KEY: apiKey } : {}),
    });
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.SECURITY_TEST_SERVER_LOG) console.log(log);
  }
}

process.exit(await main());
