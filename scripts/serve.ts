import { createServer } from "node:http";
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
 * `node --import tsx scripts/serve.ts --port 3000 [--hostname 0.0.0.0]`
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg("--port") ?? process.env.PORT ?? 3000);
const hostname = arg("--hostname");

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

const onListening = () => console.log(`Ready on http://${hostname ?? "localhost"}:${port}`);
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
