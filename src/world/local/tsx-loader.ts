import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

let cached: string | undefined;

/**
 * The file URL of tsx's ESM loader, for `node --import <it>` in child processes. Resolved from
 * this package, not from the working directory, so the CLI works wherever it is run from.
 */
export function resolveTsxLoader(): string {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, unknown> };
  const main = pkg.exports['.'];
  const entry = typeof main === 'string' ? main : './dist/loader.mjs';
  cached = pathToFileURL(join(dirname(pkgFile), entry)).href;
  return cached;
}
