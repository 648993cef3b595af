// Runs after `npm install` / `npm ci` (package.json "postinstall"): fixes two bugs of postgres.js
// 3.4.9 (the latest release) that turn a database restart into a permanent outage of the app
// (issue 8 item 1; db/outage.test.ts reproduces both):
//
// 1. When a connection's socket closes, `closed()` and `terminate()` cancel the pending write
//    (`clearImmediate(nextWriteTimer)`) but leave `nextWriteTimer` and `chunk` set. `write()`
//    only schedules a flush when `nextWriteTimer === null`, so after the connection reconnects
//    its startup message is never sent: every later connect of that pool slot ends in
//    CONNECT_TIMEOUT, and stale bytes of the dead session sit in front of the next write.
//    Fix: reset both when the socket goes away.
// 2. A query sent on a connection whose socket has closed (a transaction's or reserved
//    connection, used again by code that does not know it died) schedules a write to a null
//    socket: an uncaught TypeError, and a query that never settles. Fix: reject it at once with
//    CONNECTION_CLOSED.
// 3. A `COPY … FROM STDIN` that the server rejects after the client ended the writable (the
//    importer's staging COPY, lib/import/stage.ts, always ends it in one go) never settles:
//    `final()` stored the stream's end callback and cleared `stream`, and the error path
//    (`errored()`) only destroys a live stream, so the callback is never called, the import's
//    transaction never rolls back and the connection stays "idle in transaction (aborted)"
//    (upstream porsager/postgres#1173, fix proposed in #1183). Fix: `errored()` calls the pending
//    end callback with the server's error. lib/import/stage.test.ts covers it.
//
// Writes a new file rather than editing in place (node_modules files may be hard links shared with
// other checkouts). Idempotent; fails loudly when postgres.js changed so that the patch no longer applies.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "/* alignboard: patched (scripts/patch-postgres.mjs) */";
/** Fix 3 has a mark of its own: copies patched before it existed get it too. */
const COPY_MARK = "/* alignboard: copy error settles (scripts/patch-postgres.mjs) */";

if (!existsSync(join(root, "package.json"))) process.exit(0);
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

for (const dir of ["src", "cjs/src", "cf/src"]) {
  const file = join(root, dir, "connection.js");
  if (!existsSync(file)) continue;
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK) && text.includes(COPY_MARK)) continue;
  const before = text;
  const fail = () => {
    console.error(`patch-postgres: postgres.js ${version} (${dir}/connection.js) no longer matches; see scripts/patch-postgres.mjs`);
    process.exit(before === text ? 0 : 1);
  };
  if (!text.includes(MARK)) {
    // closed() and terminate(): the bare statement (nextWrite's own is guarded by `!== null &&`).
    text = text.replace(/^(\s*)clearImmediate\(nextWriteTimer\)$/gm, "$1clearImmediate(nextWriteTimer), nextWriteTimer = chunk = null");
    text = text.replace(
      /(function execute\(q\) \{\n\s*if \(terminated\)\n\s*return queryError\(q, Errors\.connection\('CONNECTION_DESTROYED', options\)\)\n)/,
      `$1\n    if (!socket || socket.destroyed) ${MARK}\n      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))\n`,
    );
    const fixedTimers = (text.match(/nextWriteTimer = chunk = null/g) ?? []).length;
    if (fixedTimers !== 2 || !text.includes(MARK)) fail();
  }
  if (!text.includes(COPY_MARK)) {
    text = text.replace(
      /(function errored\(err\) \{\n\s*stream && \(stream\.destroy\(err\), stream = null\)\n)/,
      `$1    final && (final(err), final = null) ${COPY_MARK}\n`,
    );
    if (!text.includes(COPY_MARK)) fail();
  }
  if (text === before) continue;
  // A new file, never written through: package managers hard-link node_modules files across
  // checkouts (npm's cache, worktrees), and this checkout's fix must not edit theirs.
  unlinkSync(file);
  writeFileSync(file, text);
}
