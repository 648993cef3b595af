/**
 * Generated regions inside hand-written Markdown pages. A page marks each region with
 *
 *     <!-- BEGIN GENERATED name (npm run docs:generate) -->
 *     …
 *     <!-- END GENERATED name -->
 *
 * and `fillRegions` replaces what is between the markers with the renderer's output, leaving
 * the prose around it as written. Every marker must have a renderer and every renderer must
 * be used, so a renamed region fails loudly instead of going stale.
 */
export type RegionRenderers = Readonly<Record<string, () => string>>;

const REGION_RE = /<!-- BEGIN GENERATED ([a-z0-9-]+)[^>]*-->\n[\s\S]*?<!-- END GENERATED \1 -->/g;
const BEGIN_RE = /<!-- BEGIN GENERATED ([a-z0-9-]+)/g;

/** The marker line that opens a region (the generator writes this form). */
export function beginMarker(name: string): string {
  return `<!-- BEGIN GENERATED ${name} (npm run docs:generate; do not edit by hand) -->`;
}

/** Returns `markdown` with every generated region re-rendered; `page` names it in errors. */
export function fillRegions(markdown: string, renderers: RegionRenderers, page: string): string {
  const opened = [...markdown.matchAll(BEGIN_RE)].map((m) => m[1]!);
  const used = new Set<string>();
  const out = markdown.replace(REGION_RE, (_whole, name: string) => {
    const render = renderers[name];
    if (!render) throw new Error(`${page}: no renderer for generated region "${name}"`);
    if (used.has(name)) throw new Error(`${page}: generated region "${name}" appears twice`);
    used.add(name);
    return `${beginMarker(name)}\n\n${render().trim()}\n\n<!-- END GENERATED ${name} -->`;
  });
  const unclosed = opened.filter((name) => !used.has(name));
  if (unclosed.length > 0) throw new Error(`${page}: region(s) without a matching END marker: ${unclosed.join(", ")}`);
  const unused = Object.keys(renderers).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`${page}: missing generated region(s): ${unused.join(", ")}`);
  return out;
}
