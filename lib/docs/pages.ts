import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "@/lib/api/openapi";
import { IMPORT_FORMAT_REGIONS } from "./import-format";
import { METRICS_REGIONS } from "./metrics";
import { fillRegions, type RegionRenderers } from "./regions";

/**
 * The generated documentation: which files under docs/ are (partly) produced from code and
 * how. `npm run docs:generate` (scripts/gen-docs.ts) writes them; lib/docs/docs.test.ts fails
 * when a committed file differs from what this produces.
 */

/** The repository root, found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface DocPage {
  /** Path from the repository root. */
  path: string;
  /** The page's full expected content, given its current content (null when it does not exist). */
  render: (current: string | null) => string;
}

/** A hand-written Markdown page with generated regions: it must exist, its regions are refreshed. */
function withRegions(path: string, renderers: RegionRenderers): DocPage {
  return {
    path,
    render(current) {
      if (current === null) throw new Error(`${path} is missing: it holds the hand-written prose around the generated regions`);
      return fillRegions(current, renderers, path);
    },
  };
}

export const DOC_PAGES: readonly DocPage[] = [
  withRegions("docs/metrics.md", METRICS_REGIONS),
  withRegions("docs/import-format.md", IMPORT_FORMAT_REGIONS),
  { path: "docs/openapi.json", render: () => `${JSON.stringify(openApiDocument(), null, 2)}\n` },
];

/** A page's content on disk, or null. */
export function readPage(page: DocPage, root: string = REPO_ROOT): string | null {
  const file = join(root, page.path);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
