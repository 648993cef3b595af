import { createHash, randomBytes } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject, type ProvidedContext } from "vitest";
import { connect, type Connection } from "@/db/client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "@/db/migrate";
import { startEmbeddedServer } from "@/db/embedded/server";

/**
 * Test databases. Every database test runs on an in-memory PGlite (through the same embedded
 * server and postgres.js path as the app), and also on the PostgreSQL server of
 * TEST_DATABASE_URL when it is set (never DATABASE_URL: that is the app's own database). Each
 * suite gets a database of its own, dropped afterwards.
 *
 * Migrating costs seconds per suite, so it happens once per run (lib/testing/global-setup.ts):
 * on the server into a template database that each suite copies (`create database … template
 * …`: ~0.1 s instead of 0.5–1 s); for PGlite into a data-directory dump that each suite loads
 * (PGlite skips initdb then: ~1.2 s instead of ~4.5 s on a busy two-core machine). Without the
 * global setup (another Vitest config) each suite migrates its own database.
 */
export interface TestDatabase {
  kind: "pglite" | "postgres";
  url: string;
  conn: Connection;
  drop(): Promise<void>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated template database on the TEST_DATABASE_URL server (null: no server). */
    serverTemplate: string | null;
    /** A migrated PGlite data directory, dumped as a tarball (see pgliteTemplate). */
    pgliteTemplate: string;
  }
}

/** The database targets of this run: PGlite always, the PostgreSQL server when configured. */
export function testTargets(): ("pglite" | "postgres")[] {
  return testServerUrl() ? ["pglite", "postgres"] : ["pglite"];
}

/** TEST_DATABASE_URL (a server where tests may create and drop databases), or null. */
export function testServerUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.trim() !== "" ? url : null;
}

function withDatabase(base: string, name: string): string {
  const parsed = new URL(base);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** `inject` outside a Vitest run, or under a config without the global setup: undefined. */
function provided<K extends "serverTemplate" | "pgliteTemplate">(key: K): ProvidedContext[K] | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

/** A fresh database of the given kind, migrated (or copied from the run's migrated template). */
export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  if (kind === "pglite") {
    const template = provided("pgliteTemplate");
    const server = await startEmbeddedServer(
      template ? { port: 0, db: await PGlite.create({ loadDataDir: new Blob([await readFile(template)]) }) } : { port: 0 },
    );
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres?embedded=1`;
    const conn = connect(url);
    if (!template) await migrateDatabase(conn.db);
    return {
      kind,
      url,
      conn,
      async drop() {
        await conn.close();
        await server.stop();
      },
    };
  }
  const base = testServerUrl();
  if (!base) throw new Error("no TEST_DATABASE_URL");
  const template = provided("serverTemplate");
  const name = `alignboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => undefined });
  // Copies of one template may be made at the same time; the template itself has no
  // connections (allow_connections is off), which is what `create database … template` needs.
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = withDatabase(base, name);
  const conn = connect(url);
  if (!template) await migrateDatabase(conn.db);
  return {
    kind,
    url,
    conn,
    async drop() {
      await conn.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Creates `alignboard_template_<random>` on the server, migrates it and closes it to
 * connections (a template must have none while it is copied); `drop` removes it. Random names
 * let runs of several checkouts share one server.
 */
export async function createServerTemplate(base: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `alignboard_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const conn = connect(withDatabase(base, name));
  try {
    await migrateDatabase(conn.db);
  } finally {
    await conn.close();
  }
  await admin.unsafe(`alter database ${name} with is_template true allow_connections false`);
  return {
    name,
    async drop() {
      await admin.unsafe(`alter database ${name} with is_template false`);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** What a migrated PGlite data directory depends on: the migrations, the migrator, PGlite. */
async function pgliteTemplateKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const pkg of ["@electric-sql/pglite", "drizzle-orm"]) {
    const manifest = resolve(process.cwd(), "node_modules", pkg, "package.json");
    hash.update(`${pkg}@${(JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version}\n`);
  }
  const files = [resolve(MIGRATIONS_FOLDER, "../migrate.ts")];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(path);
    }
  };
  await walk(MIGRATIONS_FOLDER);
  for (const file of files) hash.update(`${file}\n`).update(await readFile(file));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The path of a migrated PGlite data directory's dump (uncompressed: it loads faster than the
 * gzipped one). Kept in `.data/test-templates/` under a key of what it depends on, so it is
 * made once per checkout and remade only after a migration or upgrade changes that key.
 */
export async function pgliteTemplate(dir = resolve(process.cwd(), ".data/test-templates")): Promise<string> {
  const file = join(dir, `pglite-${await pgliteTemplateKey()}.tar`);
  if (await access(file).then(() => true, () => false)) return file;
  const db = await PGlite.create();
  const server = await startEmbeddedServer({ port: 0, db });
  try {
    const conn = connect(`postgres://postgres@127.0.0.1:${server.port}/postgres?embedded=1`);
    try {
      await migrateDatabase(conn.db);
    } finally {
      await conn.close();
    }
    const dump = new Uint8Array(await (await db.dumpDataDir("none")).arrayBuffer());
    await mkdir(dir, { recursive: true });
    for (const old of await readdir(dir)) {
      if (old.startsWith("pglite-") && old.endsWith(".tar") && old !== basename(file)) await rm(join(dir, old), { force: true });
    }
    // Written aside and renamed: a concurrent run never loads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, dump);
    await rename(partial, file);
  } finally {
    await server.stop();
  }
  return file;
}
