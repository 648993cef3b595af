import { resolve } from "node:path";

/** Where the embedded database lives and which loopback port its server uses. The port is
 * derived from the data directory's path so that two checkouts never share a server. */
export function embeddedLocation() {
  const root = resolve(/* turbopackIgnore: true */ process.env.ALIGNBOARD_DATA_DIR ?? ".data");
  const dataDir = resolve(root, "pglite");
  let hash = 2166136261;
  for (const ch of dataDir) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const port = Number(process.env.ALIGNBOARD_DB_PORT ?? 20000 + (hash % 20000));
  return { root, dataDir, port, logFile: resolve(root, "server.log") };
}

export function embeddedUrl(port: number) {
  return `postgres://postgres@127.0.0.1:${port}/postgres?embedded=1`;
}
