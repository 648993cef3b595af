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
//
// Writes a new file rather than editing in place (node_modules files may be hard links shared with
// other checkouts). Idempotent; fails loudly when postgres.js changed so that the patch no longer applies.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "/* alignboard: patched (scripts/patch-postgres.mjs) */";

if (!existsSync(join(root, "package.json"))) process.exit(0);
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

for (const dir of ["src", "cjs/src", "cf/src"]) {
  const file = join(root, dir, "connection.js");
  if (!existsSync(file)) continue;
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  const before = text;
  // closed() and terminate(): the bare statement (nextWrite's own is guarded by `!== null &&`).
  text = text.replace(/^(\s*)clearImmediate\(nextWriteTimer\)$/gm, "$1clearImmediate(nextWriteTimer), nextWriteTimer = chunk = null");
  text = text.replace(
    /(function execute\(q\) \{\n\s*if \(terminated\)\n\s*return queryError\(q, Errors\.connection\('CONNECTION_DESTROYED', options\)\)\n)/,
    `$1\n    if (!socket || socket.destroyed) ${MARK}\n      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))\n`,
  );
  const fixedTimers = (text.match(/nextWriteTimer = chunk = null/g) ?? []).length;
  if (fixedTimers !== 2 || !text.includes(MARK)) {
    console.error(`patch-postgres: postgres.js ${version} (${dir}/connection.js) no longer matches; see scripts/patch-postgres.mjs`);
    process.exit(before === text ? 0 : 1);
  }
  // A new file, never written through: package managers hard-link node_modules files across
  // checkouts (npm's cache, worktrees), and this checkout's fix must not edit theirs.
  unlinkSync(file);
  writeFileSync(file, text);
}
