import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cached = new Map<string, string>();

/**
 * The file URL of tsx's ESM loader, for `node --import <it>` in child processes. Resolved from
 * this package, not from the working directory, so the CLI works wherever it is run from.
 */
export function resolveTsxLoader(): string {
  return resolveTsxExport('.', './dist/loader.mjs');
}

/**
 * The file URL of tsx's ESM API (`register()`), for worker threads: `--import` in a Worker's
 * execArgv does not reach the worker's own entry on Node 20, so a worker registers tsx itself.
 */
export function resolveTsxApi(): string {
  return resolveTsxExport('./esm/api', './dist/esm/api/index.mjs');
}

/** One of tsx's package exports as a file URL (the `import` condition when it has several). */
function resolveTsxExport(subpath: string, fallback: string): string {
  const hit = cached.get(subpath);
  if (hit) return hit;
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, unknown> };
  const target = pkg.exports[subpath] as string | { import?: string | { default?: string } } | undefined;
  const entry = typeof target === 'string' ? target : typeof target?.import === 'string' ? target.import : (target?.import?.default ?? fallback);
  const url = pathToFileURL(join(dirname(pkgFile), entry)).href;
  cached.set(subpath, url);
  return url;
}
