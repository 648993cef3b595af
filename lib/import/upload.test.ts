import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importMaxUpload, receiveUpload, safeExportName } from "./upload";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "alignboard-upload-test-"));
  dirs.push(d);
  return d;
};

/** A multipart request as the upload form sends it (Content-Length set, like a browser). */
async function uploadRequest(files: Record<string, string>, fields: Record<string, string> = {}, extraHeaders: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [name, content] of Object.entries(files)) form.append("files", new Blob([content], { type: "text/csv" }), name);
  const probe = new Request("http://localhost/import/upload", { method: "POST", body: form });
  const body = new Uint8Array(await probe.arrayBuffer());
  return new Request("http://localhost/import/upload", {
    method: "POST",
    body,
    headers: { "content-type": probe.headers.get("content-type")!, "content-length": String(body.length), ...extraHeaders },
  });
}

describe("receiveUpload (issue 8 item 8)", () => {
  const MB = { mb: 1, bytes: 1024 * 1024 };

  it("streams the contract files to the folder and returns the fields", async () => {
    const dir = tempDir();
    const r = await receiveUpload(await uploadRequest({ "Leads.CSV": "lead_id\nL1\n" }, { strict: "on" }), dir, MB);
    expect(r).toEqual({ ok: true, fields: { strict: "on" }, files: ["leads.csv"] });
    expect(readdirSync(dir)).toEqual(["leads.csv"]);
    expect(readFileSync(join(dir, "leads.csv"), "utf8")).toBe("lead_id\nL1\n");
  });

  it("accepts an upload larger than 10 MB under the limit", async () => {
    const big = "x".repeat(11 * 1024 * 1024);
    const r = await receiveUpload(await uploadRequest({ "leads.csv": big }), tempDir(), { mb: 12, bytes: 12 * 1024 * 1024 });
    expect(r.ok).toBe(true);
  });

  it("refuses more than the limit with 413 naming it, by Content-Length or while streaming", async () => {
    const big = "x".repeat(MB.bytes + 10);
    const declared = await receiveUpload(await uploadRequest({ "leads.csv": big + "y".repeat(MB.bytes) }), tempDir(), MB);
    expect(declared).toMatchObject({ ok: false, status: 413, field: "files" });
    if (!declared.ok) expect(declared.message).toMatch(/limit of 1 MB \(IMPORT_MAX_UPLOAD_MB\)/);
    // No (or an understated) Content-Length: cut off once the files pass the limit.
    const streamed = await receiveUpload(await uploadRequest({ "leads.csv": big }, {}, { "content-length": "100" }), tempDir(), MB);
    expect(streamed).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses what is not a multipart upload of contract files with 400 at files", async () => {
    const json = new Request("http://localhost/import/upload", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await receiveUpload(json, tempDir(), MB)).toMatchObject({ ok: false, status: 400, field: "files", message: /multipart/ });
    expect(await receiveUpload(await uploadRequest({ "evil.sh": "x" }), tempDir(), MB)).toMatchObject({ status: 400, message: /Unknown file name: evil.sh/ });
    expect(await receiveUpload(await uploadRequest({}, { strict: "on" }), tempDir(), MB)).toMatchObject({ status: 400, message: /at least one/ });
  });

  it("reads IMPORT_MAX_UPLOAD_MB, defaulting to 200 MB", () => {
    expect(importMaxUpload({})).toEqual({ mb: 200, bytes: 200 * 1024 * 1024 });
    expect(importMaxUpload({ IMPORT_MAX_UPLOAD_MB: "12" }).mb).toBe(12);
    expect(importMaxUpload({ IMPORT_MAX_UPLOAD_MB: "nonsense" }).mb).toBe(200);
  });

  it("exports mode (the guided import): any CSV, XLSX or zip name, stored under a safe name; other kinds refused", async () => {
    const dir = tempDir();
    const r = await receiveUpload(
      await uploadRequest({ "hubspot-crm-exports-all-deals-2024-06-30.csv": "Deal Name\nAcme\n", "report1719751299999.XLSX": "x", "All.zip": "z" }),
      dir,
      MB,
      "exports",
    );
    expect(r).toEqual({ ok: true, fields: {}, files: ["hubspot-crm-exports-all-deals-2024-06-30.csv", "report1719751299999.XLSX", "All.zip"] });
    expect(readdirSync(dir).sort()).toEqual(["All.zip", "hubspot-crm-exports-all-deals-2024-06-30.csv", "report1719751299999.XLSX"]);
    expect(await receiveUpload(await uploadRequest({ "deals.pdf": "x" }), tempDir(), MB, "exports")).toMatchObject({
      status: 400,
      field: "files",
      message: /Not a CSV, XLSX or zip file: deals\.pdf/,
    });
  });

  it("safe names keep the CRM's name but no folders, hidden names or odd characters", () => {
    expect(safeExportName("../../etc/Deals (2).CSV")).toBe("Deals (2).CSV");
    expect(safeExportName("C:\\Users\\me\\Oportunidades año.csv")).toBe("Oportunidades año.csv");
    expect(safeExportName(".hidden.csv")).toBe("hidden.csv");
    expect(safeExportName("a<b>|c.csv")).toBe("a_b__c.csv");
    expect(safeExportName(`${"x".repeat(300)}.csv`)).toBe(`${"x".repeat(146)}.csv`);
  });
});
