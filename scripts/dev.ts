import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { connect, resolveDatabaseUrl } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { embeddedLocation } from "@/db/embedded/locate";
import { DEMO_USERS, seedDatabase } from "@/lib/seed/seed";

/**
 * `npm run dev` (and `npm start` with --production): the one command a new user runs.
 * 1. finds the database (DATABASE_URL, else the embedded one under .data/, started on demand);
 * 2. applies migrations;
 * 3. on an empty embedded database, loads the small demo dataset through the importer;
 * 4. makes sure an auth secret exists (NEXTAUTH_SECRET, else one generated into .data/);
 * 5. starts Next.js (`next dev`; with --production scripts/serve.ts) and prints the URL and the
 *    demo logins.
 */
const production = process.argv.includes("--production");
const portArg = process.argv.indexOf("--port");
const port = Number(portArg >= 0 ? process.argv[portArg + 1] : (process.env.PORT ?? 3000));
const embedded = !process.env.DATABASE_URL;

function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const { root } = embeddedLocation();
  const file = resolve(root, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(root, { recursive: true });
    // Exclusive create: of two instances starting at once on a fresh folder, one writes the
    // secret and both read it (two secrets would make each one's sessions invalid on the other).
    // Written whole to a file of its own, then linked into place (atomic, fails if there).
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  return readFileSync(file, "utf8").trim();
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => done(code ?? 1));
  });
}

const url = await resolveDatabaseUrl();
// Held open while the app runs, so the embedded server never idles out under it.
const conn = connect(url, { max: 1 });
await migrateDatabase(conn.db);
const [{ users } = { users: 0 }] = await conn.db.execute<{ users: number }>(sql`select count(*)::int as users from users`);
if (embedded && users === 0) {
  console.log("First run: loading the demo dataset into the embedded database…");
  // On a terminal: one line updated in place, at most ten times a second.
  let last = 0;
  const summary = await seedDatabase(conn.db, {
    scale: "small",
    seed: 42,
    onProgress: (message: string) => {
      const now = Date.now();
      if (!process.stdout.isTTY || now - last < 100) return;
      last = now;
      process.stdout.write(`\r${message.padEnd(70)}`);
    },
  });
  if (process.stdout.isTTY) process.stdout.write("\n");
  console.log(`Demo data loaded in ${summary.seconds.toFixed(1)} s.`);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  PORT: String(port),
};
const nextBin = resolve(process.cwd(), "node_modules/next/dist/bin/next");
if (production && !existsSync(resolve(process.cwd(), ".next/BUILD_ID"))) {
  console.log("No production build yet: running next build…");
  const code = await run(process.execPath, [nextBin, "build"], env);
  if (code !== 0) process.exit(code);
}

console.log(`\nAlignboard: http://localhost:${port}  (${embedded ? `embedded database in ${embeddedLocation().root}` : "DATABASE_URL"})`);
if (embedded) {
  console.log("Demo logins:");
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(11)} ${u.email} / ${u.password}`);
}
// Production: scripts/serve.ts (Next.js behind a Node http server that hands the app each
// connection's address, for the per-address sign-in limit); development: `next dev`.
const child = spawn(
  process.execPath,
  production ? ["--import", "tsx", resolve(process.cwd(), "scripts/serve.ts"), "--port", String(port)] : [nextBin, "dev", "--port", String(port)],
  { stdio: "inherit", env },
);
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  await conn.close().catch(() => undefined);
  process.exit(code ?? 0);
});
