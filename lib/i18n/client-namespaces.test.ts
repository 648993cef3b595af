import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, pickMessages, type ClientArea } from "./client-namespaces";

const ROOT = resolve(__dirname, "../..");
const APP = join(ROOT, "app/(app)");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = resolve(dirname(from), spec);
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(c) && statSync(c).isFile() && /\.tsx?$/.test(c)) return c;
  }
  return null;
}

/** Every source file the entries import, transitively (static and dynamic imports of our own code). */
function closure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      const next = resolveImport(file, m[1]!);
      if (next) stack.push(next);
    }
  }
  return seen;
}

/** The top-level namespaces client hooks ask for in these files. */
function clientNamespaces(files: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    const src = readFileSync(file, "utf8");
    const found = [
      ...src.matchAll(/useTranslations\(\s*"([^"]+)"/g),
      ...src.matchAll(/useActionForm\([^)]*namespace:\s*"([^"]+)"/g),
      ...src.matchAll(/useActionError\(\s*"([^"]+)"/g),
    ];
    for (const m of found) out.add(m[1]!.split(".")[0]!);
  }
  return out;
}

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [path] : [];
  });

const areas = readdirSync(APP).filter((name) => statSync(join(APP, name)).isDirectory());

describe("client message namespaces", () => {
  it("the shell (root layout, app layout, error and not-found pages) sends every namespace its client code uses", () => {
    const shell = closure(
      ["app/layout.tsx", "app/page.tsx", "app/not-found.tsx", "app/forbidden.tsx", "app/(app)/layout.tsx", "app/(app)/error.tsx", "app/(app)/missing-data.tsx"]
        .map((f) => join(ROOT, f))
        .filter((f) => existsSync(f)),
    );
    for (const ns of clientNamespaces(shell)) expect(CLIENT_NAMESPACES.shell, ns).toContain(ns);
  });

  it("the sign-in page sends the namespaces its form uses", () => {
    for (const ns of clientNamespaces(closure(sources(join(ROOT, "app/signin"))))) expect(CLIENT_NAMESPACES.signin, ns).toContain(ns);
    expect(readFileSync(join(ROOT, "app/signin/layout.tsx"), "utf8")).toContain('<ClientMessages area="signin">');
  });

  it.each(areas)("area %s has a layout that sends every namespace its client code uses", (area) => {
    expect(Object.keys(CLIENT_NAMESPACES), `add "${area}" to CLIENT_NAMESPACES`).toContain(area);
    const layout = join(APP, area, "layout.tsx");
    expect(existsSync(layout), `${area}/layout.tsx`).toBe(true);
    expect(readFileSync(layout, "utf8")).toContain(`<ClientMessages area="${area}">`);
    const declared: readonly string[] = CLIENT_NAMESPACES[area as ClientArea];
    for (const ns of clientNamespaces(closure(sources(join(APP, area))))) expect(declared, `${area} uses "${ns}"`).toContain(ns);
  });

  it("the dashboard sends two catalogues, not all of them", () => {
    expect([...CLIENT_NAMESPACES.dashboard].sort()).toEqual(["common", "dashboard"]);
  });

  it("picks whole namespaces and skips missing ones", () => {
    const messages = { common: { a: "A" }, dashboard: { b: { c: "C" } }, admin: { d: "D" } };
    expect(pickMessages(messages, ["common", "dashboard", "nope"])).toEqual({ common: { a: "A" }, dashboard: { b: { c: "C" } } });
    expect(pickMessages(messages, [])).toEqual({});
  });
});
