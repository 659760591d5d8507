import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as MarkedModule from 'marked';

let loaded: typeof MarkedModule | undefined;

/** loadMarked returns the marked module, evaluated once from its UMD build as CommonJS. */
export function loadMarked(): typeof MarkedModule {
  if (loaded) return loaded;
  // marked is an ES module package ("type": "module", exports map with one ESM entry), which jest's CommonJS
  // runtime refuses to load from an untransformed node_modules; even its UMD build is ESM by that package type.
  // Wrapping the UMD source the way Node wraps a CommonJS file gives the same module under both runners.
  const filename = join(
    dirname(createRequire(__filename).resolve('marked/package.json')),
    'lib',
    'marked.umd.js',
  );
  const wrapper = runInThisContext(`(function (module, exports) {${readFileSync(filename, 'utf8')}\n})`, {
    filename,
  }) as (module: { exports: unknown }, exports: unknown) => void;
  const module = { exports: {} };
  wrapper(module, module.exports);
  loaded = module.exports as typeof MarkedModule;
  return loaded;
}
