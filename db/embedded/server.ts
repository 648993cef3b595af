import { createServer, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";

/**
 * A PostgreSQL wire-protocol server in front of one embedded PGlite database.
 *
 * Why our own and not @electric-sql/pglite-socket's multiplexer: PGlite is a single backend,
 * so every client shares one session. pglite-socket interleaves clients message by message,
 * which lets one client's Parse/Bind land between another's (and its transactions are only
 * tracked after they start). Here a client takes the database for a whole unit of work — from
 * its first message until the backend is idle again after a Sync or simple Query, i.e. for a
 * whole statement outside a transaction or a whole transaction — and others queue behind it.
 * That makes the app, the importer and the seed script safe to run at the same time: a long
 * import transaction makes page loads wait, never corrupts them. Clients must not use named
 * prepared statements (the backend is shared); db/client.ts turns them off for this server.
 */
export interface EmbeddedServer {
  port: number;
  stop(): Promise<void>;
  /** Resolves once no client has been connected for `ms` milliseconds. */
  idle(ms: number): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** A FIFO mutex: each holder gets the database for one unit of work. */
class WorkLock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const granted = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return granted;
  }
}

export async function startEmbeddedServer(opts: {
  dataDir?: string;
  port?: number;
  host?: string;
  db?: PGlite;
  /** Bind before opening the data directory, so a second server on the same port never opens it. */
  server?: Server;
}): Promise<EmbeddedServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = opts.server ?? createServer();
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  }
  // Accept connections at once; their work waits until the database has opened.
  const lock = new WorkLock();
  const opening = opts.db ?? PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  let db!: PGlite;
  const ready = Promise.resolve(opening).then(async (opened) => {
    await opened.waitReady;
    db = opened;
  });
  const sockets = new Set<Socket>();
  let idleSince = Date.now();

  const run = (message: Uint8Array, socket: Socket | null) =>
    db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (socket && !socket.destroyed && data.length > 0) socket.write(Buffer.from(data));
        },
      }),
    );

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let release: (() => void) | null = null;
    let chain: Promise<void> = Promise.resolve();
    let closed = false;

    const finishUnit = () => {
      if (release && !db.isInTransaction()) {
        release();
        release = null;
      }
    };
    const handle = async (message: Uint8Array, kind: string) => {
      await ready;
      if (closed) return;
      if (!release) release = await lock.acquire();
      await run(message, socket);
      if (kind === "S" || kind === "Q" || kind === "startup") finishUnit();
    };
    const cleanup = async (pending: Promise<void>) => {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      if (sockets.size === 0) idleSince = Date.now();
      await pending.catch(() => undefined);
      await ready;
      if (release) {
        // The client left mid-work: end its unit so the next client finds an idle backend.
        await run(SYNC, null).catch(() => undefined);
        if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
        release();
        release = null;
      }
    };

    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const messages: { data: Uint8Array; kind: string }[] = [];
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          const code = buffer.readInt32BE(4);
          const msg = buffer.subarray(0, len);
          buffer = buffer.subarray(len);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          started = true;
          messages.push({ data: new Uint8Array(msg), kind: "startup" });
          continue;
        }
        if (buffer.length < 5) break;
        const len = buffer.readInt32BE(1) + 1;
        if (buffer.length < len) break;
        const kind = String.fromCharCode(buffer[0]!);
        const msg = buffer.subarray(0, len);
        buffer = buffer.subarray(len);
        if (kind === "X") {
          const pending = chain;
          chain = cleanup(pending).then(() => void socket.end());
          return;
        }
        messages.push({ data: new Uint8Array(msg), kind });
      }
      for (const m of messages) {
        chain = chain.then(() => handle(m.data, m.kind)).catch(() => void socket.destroy());
      }
    });
    socket.on("close", () => void cleanup(chain));
    socket.on("error", () => void cleanup(chain));
  });

  await ready;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 0);
  return {
    port,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await db.close();
    },
    idle(ms: number) {
      return new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (sockets.size === 0 && Date.now() - idleSince >= ms) {
            clearInterval(timer);
            resolve();
          }
        }, Math.min(ms, 1000));
      });
    },
  };
}
