import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout (conformance data); tests skip with a reason when it is absent. */
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const HAS_SHARED = existsSync(SHARED_DIR);
/** The development entry: the TypeScript sources under tsx. */
export const CLI = resolve(REPO_ROOT, 'src/cli/firedrill.js');
/** The package's bin: the compiled CLI from dist/ (or the sources, with a notice, when dist/ is stale). */
export const BIN = resolve(REPO_ROOT, 'bin/firedrill.js');
