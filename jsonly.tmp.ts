import { readCsv } from "@/lib/import/csv";
import { fileSpec } from "@/lib/import/specs";
import { mapHeader, validateRow, type HeaderMap } from "@/lib/import/validate";
const path = process.argv[2]!;
const spec = fileSpec("leads.csv");
let t0 = Date.now(); let n = 0;
for await (const it of readCsv(path)) { n++; }
console.log("parse only", n, (Date.now()-t0)/1000);
t0 = Date.now(); n = 0; let map: HeaderMap | null = null; let bad = 0; let json = 0;
const batch: unknown[] = [];
for await (const it of readCsv(path)) {
  if (it.kind !== "record") continue;
  if (!map) { map = mapHeader(spec, it.fields); continue; }
  const r = validateRow(map, it.fields, { timeZone: "UTC", currency: "USD" });
  if (!r.ok) bad++; else { batch.push(r.values); if (batch.length >= 5000) { json += JSON.stringify(batch).length; batch.length = 0; } }
  n++;
}
console.log("parse+validate+json", n, bad, (Date.now()-t0)/1000);
