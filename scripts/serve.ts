import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import next from "next";
import { PEER_HEADER_ENV, stampPeer } from "@/lib/security/peer";

/**
 * The production server (`npm start` runs it through scripts/dev.ts, which prepares the database
 * and the environment first): Next.js's custom-server API (`next({ dev: false })`) behind a plain
 * Node http server, instead of `next start`, for one reason: Next.js hides the connection's
 * address from the app, and the per-address sign-in limit needs it. Every request gets its
 * socket's address in a private header (lib/security/peer.ts, stampPeer), with any copy the
 * client sent deleted first; lib/security/client-address.ts reads it. Everything else (proxy.ts
 * and its CSP nonces, streaming uploads at /import/upload, static files) is Next.js's own
 * request handler, unchanged. Listens on every interface like `next start`.
 *
 * Several processes (node:cluster), one per core by default, so one busy render never holds up
 * every other request and both cores serve pages: `WEB_CONCURRENCY` (or `--workers N`) sets the
 * count; 1 serves from this process alone. The workers share the port (the primary hands out
 * connections) and nothing else: sessions, the sign-in limit and the report cache live in the
 * database, as they do across instances (docs/scaling.md), and each worker has its own
 * connection pool and admission limit (so the database sees workers × DATABASE_POOL_MAX
 * connections at most). A worker that dies is replaced, at most once a second.
 *
 * `node --import tsx scripts/serve.ts --port 3000 [--hostname 0.0.0.0] [--workers N]`
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("--port") ?? process.env.PORT ?? 3000);
const hostname = arg("--hostname");

/**
 * How many server processes: --workers, else WEB_CONCURRENCY, else one per core (at most 8: each
 * holds its own copy of the app and its own connection pool). Embedded PGlite (no DATABASE_URL)
 * gets one, as does an invalid value (with a warning).
 */
function workerCount(): number {
  const raw = arg("--workers") ?? process.env.WEB_CONCURRENCY;
  if (raw !== undefined && raw.trim() !== "") {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
    console.warn(`WEB_CONCURRENCY / --workers "${raw}" is not a whole number from 1 to 64: serving from one process`);
    return 1;
  }
  if (!process.env.DATABASE_URL) return 1;
  return Math.min(availableParallelism(), 8);
}

const workers = workerCount();
if (workers > 1 && cluster.isPrimary) {
  let stopping = false;
  let lastFork = 0;
  const fork = () => {
    const wait = Math.max(0, lastFork + 1000 - Date.now());
    lastFork = Date.now() + wait;
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, wait);
  };
  // A larger young generation for the workers: a dashboard render allocates a few MB of short-lived
  // objects, and with V8's default semi-space the scavenger ran several times per request
  // (measured: ~8% of a warm dashboard's server CPU saved, 88 → 81 ms). An explicit setting wins.
  const semiSpace = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("--max-semi-space-size"));
  cluster.setupPrimary({ execArgv: semiSpace ? process.execArgv : [...process.execArgv, "--max-semi-space-size=32"] });
  for (let i = 0; i < workers; i++) cluster.fork();
  let ready = 0;
  cluster.on("message", (_worker, message: unknown) => {
    if (message === "ready" && ++ready === workers) {
      console.log(`Ready on http://${hostname ?? "localhost"}:${port} (${workers} processes)`);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 7_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else {
  await serve();
}

async function serve(): Promise<void> {

  // Set before Next.js loads: the app believes the peer header only in a process served by this file.
  process.env[PEER_HEADER_ENV] = "1";
  (process.env as Record<string, string>).NODE_ENV = "production";

  const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const upgrade = app.getUpgradeHandler();

  const server = createServer((req, res) => {
    stampPeer(req);
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
      }
      res.end("Internal Server Error");
    });
  });
  server.on("upgrade", (req, socket, head: Buffer) => {
    stampPeer(req);
    upgrade(req, socket, head).catch(() => socket.destroy());
  });

  const onListening = () => {
    if (cluster.isWorker) process.send?.("ready");
    else console.log(`Ready on http://${hostname ?? "localhost"}:${port}`);
  };
  if (hostname) server.listen(port, hostname, onListening);
  else server.listen(port, onListening);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
