import { describe, expect, it } from "vitest";
import { DOC_PAGES, readPage } from "./pages";
import { fillRegions } from "./regions";

/**
 * The committed docs equal what the generator produces from the code, so the KPI page, the
 * import format and the OpenAPI document can never disagree with the tooltips, the importer
 * or the API. On failure: `npm run docs:generate` and commit the result.
 */
describe("generated docs are up to date", () => {
  for (const page of DOC_PAGES) {
    it(page.path, () => {
      const current = readPage(page);
      expect(current, `${page.path} is missing`).not.toBeNull();
      expect(current, `${page.path} is out of date: run npm run docs:generate`).toBe(page.render(current));
    });
  }
});

describe("fillRegions", () => {
  const page = "x.md";
  const doc = (body: string) => `intro\n<!-- BEGIN GENERATED a (npm run docs:generate; do not edit by hand) -->\n${body}\n<!-- END GENERATED a -->\noutro\n`;

  it("replaces the region and keeps the prose", () => {
    const out = fillRegions(doc("old"), { a: () => "new" }, page);
    expect(out).toBe(doc("\nnew\n"));
    expect(fillRegions(out, { a: () => "new" }, page)).toBe(out);
  });

  it("fails on a region without renderer, a renderer without region, or a missing END marker", () => {
    expect(() => fillRegions(doc("x"), {}, page)).toThrow(/no renderer/);
    expect(() => fillRegions(doc("x"), { a: () => "", b: () => "" }, page)).toThrow(/missing generated region.*b/);
    expect(() => fillRegions("<!-- BEGIN GENERATED a -->\nx\n", { a: () => "" }, page)).toThrow(/without a matching END/);
  });
});
