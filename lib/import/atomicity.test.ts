import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { afterAll, expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { importFolder } from "./index";

/**
 * A crash mid-file leaves the file either fully applied or not at all: the CLI is killed with
 * SIGKILL while it writes leads.csv, then the table holds 0 or all of its rows, and a new
 * import completes it.
 */
const ROWS = 40_000;
const dir = mkdtempSync(join(tmpdir(), "alignboard-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeLeads(): Promise<void> {
  const out = createWriteStream(join(dir, "leads.csv"));
  out.write("lead_id,email,first_name,last_name,created_at,source_channel,mql_at\n");
  for (let i = 0; i < ROWS; i++) {
    const ok = out.write(`K${i},lead${i}@kill.example,First${i},Last${i},2025-01-01T10:00:00Z,webinar,2025-01-02T10:00:00Z\n`);
    if (!ok) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

describeDb("importer atomicity", (t) => {
  it("SIGKILL mid-file leaves leads.csv all in or all out; a later import completes it", async () => {
    await writeLeads();
    const { db, sql } = t().conn;
    const child = spawn(process.execPath, ["--import", "tsx", resolve("scripts/import.ts"), dir, "--progress"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: t().url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let killedMidFile = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      const m = /leads\.csv: ([\d,]+) rows, (\d+)%/.exec(stderr);
      if (!killedMidFile && m && Number(m[1]!.replace(/,/g, "")) > 0 && Number(m[2]) < 100) {
        killedMidFile = true;
        child.kill("SIGKILL");
      }
    });
    const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    expect(killedMidFile, `child ended on its own (code ${code}): ${stderr}`).toBe(true);
    expect(signal).toBe("SIGKILL");

    const count = async () => Number((await sql.unsafe("select count(*)::int as n from leads"))[0]!.n);
    expect([0, ROWS]).toContain(await count());

    const report = await importFolder(db, dir);
    expect(report.errors).toEqual([]);
    expect(await count()).toBe(ROWS);
  }, 120_000);
});
