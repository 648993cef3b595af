import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { parseArgs } from "@/lib/cli/run";

/**
 * The first-load JavaScript budget of a page (issue 15 item 7: `/dashboard` at most 180 KB
 * gzipped). `npm run check:js-budget -- [--route /dashboard] [--budget-kb 180] [--build] [--verbose]`
 * reads the production build (`next build` first when there is none, or with --build) and sums
 * the gzipped size of every script a first visit of the route loads:
 *
 * - the shared runtime and framework chunks (`rootMainFiles` of .next/build-manifest.json;
 *   the legacy `polyfillFiles` are left out: modern browsers skip them, `nomodule`);
 * - the client chunks of every segment the route renders (the root and group layouts, their
 *   error and not-found boundaries, the page): the route's `entryJSFiles` in
 *   .next/server/app/<route>/page_client-reference-manifest.js, each chunk counted once.
 *
 * Chunks loaded later (a dialog's code split off with next/dynamic, say) do not count. Each file
 * is gzipped at level 6 (zlib's default, what a compressing proxy typically serves). Exits 1 over
 * the budget, 2 when the build or the route is missing.
 */

const KB = 1024;

interface RouteScripts {
  route: string;
  files: string[];
}

/** The scripts a first visit of `route` loads (see the module comment). */
export function routeScripts(nextDir: string, route: string): RouteScripts {
  const build = JSON.parse(readFileSync(join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[] };
  const routes = JSON.parse(readFileSync(join(nextDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const entry = Object.entries(routes).find(([, path]) => path === route)?.[0];
  if (!entry) throw new Error(`no page ${route} in this build (.next/app-path-routes-manifest.json)`);
  const manifestFile = join(nextDir, "server", "app", `${entry}_client-reference-manifest.js`);
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[entry]; run it in an empty context.
  const sandbox: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest?.entryJSFiles) throw new Error(`${manifestFile} has no entryJSFiles (is this a Turbopack build of Next 16?)`);
  const files = new Set<string>(build.rootMainFiles ?? []);
  for (const list of Object.values(manifest.entryJSFiles)) for (const f of list) files.add(f);
  return { route, files: [...files] };
}

/** Gzipped bytes of one build file (level 6). */
export function gzippedSize(nextDir: string, file: string): number {
  return gzipSync(readFileSync(join(nextDir, file)), { level: 6 }).length;
}

function main(argv: string[]): number {
  const { flags } = parseArgs(argv);
  const route = typeof flags.get("route") === "string" ? String(flags.get("route")) : "/dashboard";
  const budgetKb = typeof flags.get("budget-kb") === "string" ? Number(flags.get("budget-kb")) : 180;
  if (!Number.isFinite(budgetKb) || budgetKb <= 0) {
    console.error(`--budget-kb must be a positive number of kilobytes, got "${String(flags.get("budget-kb"))}"`);
    return 2;
  }
  const nextDir = resolve(process.cwd(), ".next");
  if (flags.has("build") || !existsSync(join(nextDir, "BUILD_ID"))) {
    console.log("next build …");
    const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (r.status !== 0) {
      console.error("next build failed");
      return 2;
    }
  }
  let scripts: RouteScripts;
  try {
    scripts = routeScripts(nextDir, route);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const sizes = scripts.files.map((f) => ({ file: f, gz: gzippedSize(nextDir, f), raw: readFileSync(join(nextDir, f)).length }));
  sizes.sort((a, b) => b.gz - a.gz);
  const total = sizes.reduce((s, x) => s + x.gz, 0);
  if (flags.has("verbose")) {
    for (const s of sizes) console.log(`${(s.gz / KB).toFixed(1).padStart(8)} KB gz ${(s.raw / KB).toFixed(1).padStart(8)} KB  ${s.file}`);
  }
  const over = total > budgetKb * KB;
  console.log(`${route}: first-load JS ${(total / KB).toFixed(1)} KB gzipped in ${sizes.length} files (budget ${budgetKb} KB) — ${over ? "OVER BUDGET" : "ok"}`);
  return over ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, "js-budget.ts")) {
  process.exit(main(process.argv.slice(2)));
}
