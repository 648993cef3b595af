import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connect, type Connection } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startEmbeddedServer, type EmbeddedServer } from "@/db/embedded/server";

/**
 * Test databases. Every database test runs on an in-memory PGlite (through the same embedded
 * server and postgres.js path as the app), and also on the real PostgreSQL server when
 * TEST_DATABASE_URL (or DATABASE_URL) is set. Each run creates its own database and drops it.
 */
export interface TestDatabase {
  kind: "pglite" | "postgres";
  url: string;
  conn: Connection;
  drop(): Promise<void>;
}

export function testTargets(): ("pglite" | "postgres")[] {
  return serverUrl() ? ["pglite", "postgres"] : ["pglite"];
}

function serverUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return url && url.trim() !== "" ? url : null;
}

export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  if (kind === "pglite") {
    const server: EmbeddedServer = await startEmbeddedServer({ port: 0 });
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres?embedded=1`;
    const conn = connect(url);
    await migrateDatabase(conn.db);
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
  const base = serverUrl();
  if (!base) throw new Error("no TEST_DATABASE_URL");
  const name = `alignboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const parsed = new URL(base);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const conn = connect(url);
  await migrateDatabase(conn.db);
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
