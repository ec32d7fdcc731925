import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The firedrill package's root (where package.json, scenarios/ and the agents' prompts live),
 * found by walking up from this file: the same answer from src/ under tsx and from a compiled dist/.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'firedrill') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the firedrill package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}
