import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOC_PAGES, readPage, REPO_ROOT } from "@/lib/docs/pages";

/**
 * `npm run docs:generate [-- --check]`: refreshes the generated parts of docs/ (lib/docs/pages.ts)
 * from the code: docs/metrics.md from the KPI definitions, docs/import-format.md from the
 * importer's file specs and presets, docs/openapi.json from lib/api/openapi.ts. With --check it
 * writes nothing and exits 1 when a file is out of date (what lib/docs/docs.test.ts checks).
 */
const check = process.argv.includes("--check");
let stale = 0;
for (const page of DOC_PAGES) {
  const current = readPage(page);
  const wanted = page.render(current);
  if (current === wanted) {
    console.log(`up to date  ${page.path}`);
    continue;
  }
  if (check) {
    stale++;
    console.log(`OUT OF DATE ${page.path}`);
  } else {
    writeFileSync(join(REPO_ROOT, page.path), wanted);
    console.log(`written     ${page.path}`);
  }
}
if (stale > 0) {
  console.error(`${stale} file(s) out of date: run npm run docs:generate`);
  process.exitCode = 1;
}
