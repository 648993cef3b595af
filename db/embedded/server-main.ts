import { createServer } from "node:net";
import { mkdirSync } from "node:fs";
import { startEmbeddedServer } from "./server";
import { embeddedLocation } from "./locate";

/**
 * The embedded database's server process (`npm run db:server`, or started on demand by
 * db/client.ts). It binds its port before opening the data directory, so when two processes
 * race to start it the loser fails to bind and never touches the files. With `--idle-exit MS`
 * it stops once no client has been connected for that long.
 */
async function main() {
  const args = process.argv.slice(2);
  const idleIdx = args.indexOf("--idle-exit");
  const idleMs = idleIdx >= 0 ? Number(args[idleIdx + 1]) : 0;
  const loc = embeddedLocation();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(loc.port, "127.0.0.1", () => resolve());
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") {
      console.error(`embedded database: port ${loc.port} is in use (already running?)`);
      process.exit(3);
    }
    throw err;
  });
  mkdirSync(loc.dataDir, { recursive: true });
  const embedded = await startEmbeddedServer({ dataDir: loc.dataDir, server, port: loc.port });
  console.log(`embedded database ready on 127.0.0.1:${loc.port} (${loc.dataDir})`);
  const shutdown = async () => {
    await embedded.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  if (idleMs > 0) {
    await embedded.idle(idleMs);
    console.log("embedded database: idle, stopping");
    await shutdown();
  }
}

main().catch((err: unknown) => {
  console.error(`embedded database: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
