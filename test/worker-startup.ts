import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One module of the built Worker, as uploaded and as it travels gzipped. */
export interface BuiltModule {
  file: string;
  source: string;
  bytes: number;
  gzipped: number;
}

// `import … from "./x.js"` and `export … from "./x.js"` as esbuild writes them, minified or not;
// `import("./x.js")` (loaded on first use) has a parenthesis and does not match.
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w${},*\s]*?from\s*)?"(\.[^"]+)"/g;

function builtModule(dir: string, file: string): BuiltModule {
  const bytes = readFileSync(join(dir, file));
  return { file, source: bytes.toString(), bytes: bytes.length, gzipped: gzipSync(bytes).length };
}

/**
 * The script every request starts: the built Worker's entry (`worker.js` in `dir`, as
 * `wrangler deploy --outdir` writes it) and every module it imports statically, transitively.
 * The chunks it imports only with `import()` are loaded on first use and are not part of it.
 */
export function startupModules(dir: string): BuiltModule[] {
  const found = new Map<string, BuiltModule>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    const module = builtModule(dir, file);
    found.set(file, module);
    for (const [, target] of module.source.matchAll(STATIC_IMPORT)) {
      if (target) visit(join(dirname(file), target));
    }
  };
  visit('worker.js');
  return [...found.values()];
}

/** The built Worker's other modules: the chunks it loads on first use (`import()`). */
export function lazyModules(dir: string): BuiltModule[] {
  const startup = new Set(startupModules(dir).map((m) => m.file));
  return readdirSync(join(dir, 'chunks'))
    .map((name) => join('chunks', name))
    .filter((file) => !startup.has(file))
    .map(builtModule.bind(null, dir));
}
