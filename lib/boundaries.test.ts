import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The module boundaries, checked on the source tree (next build enforces server-only too, but
 * only for the graph it happens to build, and says nothing about Drizzle code shipped to the
 * browser or about where cache revalidation lives):
 * - nothing a client component imports (transitively, value imports only; a "use server"
 *   module is a reference, not followed) reaches the database: db/, drizzle-orm, postgres,
 *   PGlite, argon2 or a server-only module;
 * - components/ is presentational: the same holds for every module there;
 * - lib/ modules that handle the database (import db/client) or read the environment import
 *   "server-only";
 * - revalidatePath/revalidateTag (next/cache) are called only in app/.
 * audit_log's one writer is checked in lib/audit/record.test.ts.
 */
const ROOT = resolve(import.meta.dirname, "..");
const CODE = /\.(ts|tsx)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (CODE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

const SOURCES = ["app", "components", "lib", "db", "scripts"].flatMap(walk);
const text = (file: string) => readFileSync(join(ROOT, file), "utf8");
/** Source without comments (so a doc comment's example import is not an import). */
const code = (file: string) => text(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
const directive = (file: string, name: "use client" | "use server") =>
  new RegExp(`^\\s*["']${name}["'];?`).test(code(file));

/** The value imports of a module (type-only imports and `import { type A }` lists left out). */
function valueImports(file: string): string[] {
  const src = code(file);
  const out: string[] = [];
  for (const m of src.matchAll(/\b(import|export)\s+(type\s+)?([\w*{}\s,$]*?)\s*from\s*["']([^"']+)["']/g)) {
    const [, , typeOnly, clause = "", spec = ""] = m;
    if (typeOnly) continue;
    const names = clause.match(/\{([\s\S]*)\}/)?.[1];
    const hasDefault = /^\s*[\w$]+\s*(,|$)/.test(clause) || clause.includes("*");
    if (names !== undefined && !hasDefault) {
      const list = names.split(",").map((s) => s.trim()).filter(Boolean);
      if (list.length > 0 && list.every((s) => s.startsWith("type "))) continue;
    }
    out.push(spec);
  }
  for (const m of src.matchAll(/\bimport\s*["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of src.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

/** A local import's file (relative to the root), or null for a package. */
function resolveLocal(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = relative(ROOT, resolve(ROOT, dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

const SERVER_PACKAGES = /^(drizzle-orm|postgres|@electric-sql\/pglite|@node-rs\/argon2|server-only)(\/|$)/;

/** The first chain of imports from `start` to database code, or null. */
function pathToServer(start: string): string[] | null {
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    if (file.startsWith("db/")) return [...chain, file];
    if (!CODE.test(file)) return null; // CSS modules, JSON catalogues
    if (chain.length > 0 && directive(file, "use server")) return null; // a server action reference
    for (const spec of valueImports(file)) {
      if (SERVER_PACKAGES.test(spec)) return [...chain, file, spec];
      const next = resolveLocal(file, spec);
      const found = next ? visit(next, [...chain, file]) : null;
      if (found) return found;
    }
    return null;
  };
  return visit(start, []);
}

describe("module boundaries", () => {
  it("finds the source tree and its client components", () => {
    expect(SOURCES).toContain("lib/actions/action.ts");
    expect(SOURCES.filter((f) => directive(f, "use client"))).toContain("app/(app)/roadmap/board.tsx");
  });

  it("no client component reaches the database, Drizzle or a server-only module", () => {
    const leaks = SOURCES.filter((f) => directive(f, "use client"))
      .map((f) => pathToServer(f))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.join(" → "));
    expect(leaks).toEqual([]);
  });

  it("components/ holds presentational UI only: nothing there reaches the database", () => {
    const leaks = SOURCES.filter((f) => f.startsWith("components/"))
      .map((f) => pathToServer(f))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => chain.join(" → "));
    expect(leaks).toEqual([]);
  });

  it("lib/ modules that handle the database or read the environment import server-only", () => {
    // lib/testing is test support. lib/security runs in proxy.ts too (outside React's server
    // graph, where `server-only` would throw); it reads configuration, never the database or a secret.
    const exempt = /^lib\/(testing|security)\//;
    const missing = SOURCES.filter((f) => f.startsWith("lib/") && !exempt.test(f))
      .filter((f) => /["']@\/db\/client["']/.test(code(f)) || /\bprocess\.env\b/.test(code(f)))
      .filter((f) => !/^import\s+["']server-only["'];/m.test(text(f)));
    expect(missing).toEqual([]);
  });

  it("cache revalidation happens only in app/", () => {
    const outside = SOURCES.filter((f) => !f.startsWith("app/")).filter((f) =>
      /\b(revalidatePath|revalidateTag)\s*\(|["']next\/cache["']/.test(code(f)),
    );
    expect(outside).toEqual([]);
  });
});
